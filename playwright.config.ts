import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the running portal in Debian's Chromium. `e2e/globalSetup.ts`
 * starts the local upstream servers and the portal (frontend :3000, backend :7007).
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  globalSetup: './e2e/globalSetup.ts',
  forbidOnly: !!process.env.CI,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'output/e2e/report.json' }]],
  outputDir: 'output/e2e/results',
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
