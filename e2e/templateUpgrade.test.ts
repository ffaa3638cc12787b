import { expect, Page, test } from '@playwright/test';
import {
  DEMO_GITHUB_TOKEN,
  DEMO_UPGRADE_ENTITY,
  DEMO_UPGRADE_REPOSITORY,
} from '@forja/test-servers';
import { join } from 'node:path';

const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible();
}

/** A file of a branch, read from the demo's GitHub as any API client would. */
async function fileOnBranch(file: string, branch: string) {
  const response = await fetch(
    `${
      process.env.FORJA_DEMO_GITHUB_URL
    }/api/v3/repos/${DEMO_UPGRADE_REPOSITORY}/contents/${file}?ref=${encodeURIComponent(
      branch,
    )}`,
    {
      headers: {
        authorization: `token ${DEMO_GITHUB_TOKEN}`,
        accept: 'application/vnd.github.raw',
      },
    },
  );
  return { status: response.status, text: await response.text() };
}

test('a service one template version behind: the card shows the upgrade and opens the pull request, the conflict marked', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(`/catalog/default/component/${DEMO_UPGRADE_ENTITY}`);
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Template upgrade' })
    .first();
  await expect(
    card.getByText('Upgrade available: service v0 → v1'),
  ).toBeVisible();
  await expect(
    card.getByText('conflict: 1 conflicting region marked in the file'),
  ).toBeVisible();
  await expect(
    card.getByRole('button', { name: 'deleted NOTES.md' }),
  ).toBeVisible();
  await card
    .getByRole('button', { name: 'modified k8s/base/deployment.yaml' })
    .click();
  await expect(
    card.getByText('+<<<<<<< repository', { exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'template-upgrade.png'),
    fullPage: true,
  });

  await card.getByRole('button', { name: 'Open pull request' }).click();
  const link = card.getByRole('link', { name: /\/pull\/\d+$/ });
  await expect(link).toBeVisible();
  const pullUrl = await link.getAttribute('href');
  expect(pullUrl).toContain(`/${DEMO_UPGRADE_REPOSITORY}/pull/`);

  // In GitHub: the branch the pull request merges has the conflict marked, the
  // template's other change merged, the team's README line kept, NOTES.md deleted.
  const pulls = await fetch(
    `${process.env.FORJA_DEMO_GITHUB_URL}/api/v3/repos/${DEMO_UPGRADE_REPOSITORY}/pulls?state=open`,
    { headers: { authorization: `token ${DEMO_GITHUB_TOKEN}` } },
  ).then(r => r.json());
  const pull = pulls.find((p: { html_url: string }) => p.html_url === pullUrl);
  expect(pull.base.ref).toBe('main');
  const branch = pull.head.ref;
  const deployment = await fileOnBranch('k8s/base/deployment.yaml', branch);
  expect(deployment.text).toContain(
    [
      '<<<<<<< repository',
      '  revisionHistoryLimit: 10',
      '=======',
      '  revisionHistoryLimit: 5',
      '>>>>>>> template v1',
    ].join('\n'),
  );
  expect(deployment.text).toContain('maxSurge: 25%');
  expect((await fileOnBranch('README.md', branch)).text).toContain(
    'Owned by the auth team.',
  );
  expect((await fileOnBranch('NOTES.md', branch)).status).toBe(404);
  expect(
    (await fileOnBranch('.github/workflows/promote.yml', branch)).status,
  ).toBe(200);
});
