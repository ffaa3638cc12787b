import {
  LocalPostgres,
  LocalRedis,
  startPostgres,
  startRedis,
} from '@forja/test-servers';
import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';
import {
  BackendProcess,
  startBackendProcess,
} from '../packages/backend/src/__testUtils__/backendProcess';
import {
  GitHubSignIn,
  startGitHubSignIn,
} from '../packages/backend/src/__testUtils__/githubSignIn';
import { ensureBuiltApp } from './builtApp';

const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');

/**
 * Forja on app-config.production.yaml as the image runs it: the backend (PostgreSQL,
 * Redis, NODE_ENV=production) serving the built frontend, GitHub sign-in against a local
 * GitHub (the provider's enterpriseInstanceUrl: authorize, token and user endpoints).
 * Not the development portal globalSetup starts: its own backend on a free port.
 */
test.describe('production sign-in', () => {
  test.describe.configure({ mode: 'serial' });

  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let signIn: GitHubSignIn;
  let backend: BackendProcess;

  test.beforeAll(async () => {
    // A frontend build on a loaded machine takes minutes; the backend up to two more.
    test.setTimeout(20 * 60_000);
    ensureBuiltApp();
    [postgres, redis, signIn] = await Promise.all([
      startPostgres(),
      startRedis(),
      startGitHubSignIn({
        githubLogins: ['octo-dev', 'octo-stranger'],
        catalogUsers: () => [
          {
            name: 'octo-dev',
            displayName: 'Octo Dev',
            memberOf: ['team-video'],
          },
        ],
      }),
    ]);
    backend = await startBackendProcess({
      postgres,
      redis,
      config: signIn.backendConfig,
    });
    await backend.waitForJson(
      '/api/catalog/entities/by-name/user/default/octo-dev',
      5 * 60_000,
    );
  });

  test.afterAll(async () => {
    await backend?.stop();
    await Promise.all([postgres?.stop(), redis?.stop(), signIn?.close()]);
  });

  /** Opens the portal and signs in on the local GitHub's page as `login`. */
  async function signInAs(page: Page, login: string) {
    await page.goto(backend.baseUrl);
    await expect(
      page.getByText('Sign in with your GitHub account'),
    ).toBeVisible();
    const popupOpens = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const popup = await popupOpens;
    await expect(
      popup.getByRole('heading', { name: 'Sign in to GitHub' }),
    ).toBeVisible();
    expect(popup.url()).toContain(`${signIn.github.url}/login/oauth/authorize`);
    await popup.locator('#login_field').fill(login);
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await popup.waitForEvent('close');
  }

  test('the sign-in page offers GitHub, and no guest', async ({ page }) => {
    await page.goto(backend.baseUrl);
    await expect(
      page.getByText('Sign in with your GitHub account'),
    ).toBeVisible();
    await expect(page.getByText('Guest', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
    const guest = await page.request.get(
      `${backend.baseUrl}/api/auth/guest/refresh`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    expect(guest.status()).toBe(404);
    await page.screenshot({
      path: join(SCREENSHOTS, 'production-sign-in.png'),
    });
  });

  test('a GitHub user with a User entity signs in and lands on the catalog as that user', async ({
    page,
  }) => {
    await signInAs(page, 'octo-dev');

    // The catalog, the landing page, with what the user's team owns.
    await expect(page.getByText('Owned Components')).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/');
    // A real deployment shows no demo banner.
    await expect(page.getByText(/^Demo: Argo CD, Grafana/)).toHaveCount(0);
    await expect(
      page.getByRole('link', { name: 'ms-auth', exact: true }),
    ).toBeVisible();
    // Owned through team-video; another team's component is not among them.
    await expect(
      page.getByRole('link', { name: 'Orders backend' }),
    ).toHaveCount(0);
    await page.screenshot({
      path: join(SCREENSHOTS, 'production-signed-in-catalog.png'),
      fullPage: true,
    });

    // Who the portal says is signed in: the User entity, and its team for ownership.
    await page.goto(`${backend.baseUrl}/settings`);
    await expect(
      page
        .getByRole('heading', { name: /^User Entity:/ })
        .getByRole('link', { name: 'Octo Dev' }),
    ).toHaveAttribute('href', '/catalog/default/user/octo-dev');
    await expect(
      page
        .getByRole('heading', { name: /^Ownership Entities:/ })
        .getByRole('link', { name: 'Video' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-video');
  });

  test('a GitHub user with no User entity is refused, and told why', async ({
    page,
  }) => {
    await signInAs(page, 'octo-stranger');

    await expect(
      page.getByText(
        "GitHub user 'octo-stranger' has no User entity in Forja's catalog (user:default/octo-stranger), so cannot sign in. Ask a platform admin to add one.",
        { exact: false },
      ),
    ).toBeVisible();
    // Still on the sign-in page: nothing of the catalog is shown.
    await expect(
      page.getByText('Sign in with your GitHub account'),
    ).toBeVisible();
    await expect(page.getByText('Owned Components')).toHaveCount(0);
    await page.screenshot({
      path: join(SCREENSHOTS, 'production-sign-in-refused.png'),
    });
  });
});
