import { ensureTestPackages, startDemoUpstreams } from '@forja/test-servers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPortal } from './portal';

const ROOT = resolve(__dirname, '..');
const OUTPUT = join(ROOT, 'output', 'e2e');
/** Starts the portal as `./forja start --demo` does: against the demo's simulated upstreams. */
export default async function globalSetup() {
  ensureTestPackages('chromium');
  mkdirSync(OUTPUT, { recursive: true });
  const upstreams = await startDemoUpstreams(ROOT, OUTPUT, line =>
    console.log(`[demo] ${line}`),
  );
  // For the tests (Playwright's workers start after this and inherit the environment).
  process.env.FORJA_DEMO_GITHUB_HOST = upstreams.github.host;
  process.env.FORJA_DEMO_GITHUB_URL = upstreams.urls.github;
  process.env.FORJA_DEMO_COST_PULL_URL = upstreams.urls.costPullRequest ?? '';
  const configFile = join(OUTPUT, 'app-config.e2e.yaml');
  writeFileSync(configFile, JSON.stringify(upstreams.config));

  const started = Date.now();
  const portal = await startPortal({
    configFile,
    logFile: join(OUTPUT, 'portal.log'),
  });
  console.log(
    `[e2e] portal answered 200 on :3000 after ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  return async () => {
    portal.stop();
    await upstreams.close();
  };
}
