import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await expect(page.getByText('Guest', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible();
}

// The demo runs the overview's watcher every 5 s and tells owners of an application
// Degraded for 10 s; the guest is on team-video, which owns the video system.
test("an owner finds ms-video's Degraded prod and ms-auth's firing alert in the notifications, with their links", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/notifications');
  const degraded = page.getByRole('link', {
    name: /^ms-video: ms-video-prod \(prod\) is Degraded$/,
  });
  // Sent after the watcher's first passes; the page is read again until it is there.
  await expect(async () => {
    await page.reload();
    await expect(degraded).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(degraded).toHaveAttribute(
    'href',
    '/catalog/default/component/ms-video/argocd',
  );
  // An external link: its name ends "Opens in a new window".
  const firing = page.getByRole('link', { name: /^ms-auth: alert firing\b/ });
  await expect(firing).toBeVisible();
  await expect(firing).toHaveAttribute('href', /\/alerting\/list\?search=/);
  // One notification per episode, however many passes the watcher made.
  await expect(degraded).toHaveCount(1);
  await page.screenshot({
    path: join(SCREENSHOTS, '20-owner-notifications.png'),
    fullPage: true,
  });

  await degraded.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/ms-video\/argocd$/,
  );
  await expect(page.getByText('Degraded').first()).toBeVisible();
});
