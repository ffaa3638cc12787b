import { expect, Page, test } from '@playwright/test';
import { DEMO_GITHUB_TOKEN } from '@forja/test-servers';
import { join } from 'node:path';

// Runs after portal.test.ts (files run in name order with one worker): the service it
// creates joins video-system, whose overview portal.test.ts counts.
const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');
const GITHUB_HOST = process.env.FORJA_DEMO_GITHUB_HOST!;
const GITHUB_URL = process.env.FORJA_DEMO_GITHUB_URL!;
const SERVICE = 'ms-thumbs';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible();
}

/**
 * Reloads until `check` passes: the backends serve cached reads up to 30 s old, and a
 * reload of the development build takes seconds before the cards ask.
 */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 240_000, intervals: [5_000] });
}

test('a newcomer walks the demo: trouble in the video system, then a new service from the template to its pods and dashboard', async ({
  page,
}) => {
  test.setTimeout(10 * 60_000);
  // A step that cannot happen fails in a minute, not at the test's limit.
  page.setDefaultTimeout(60_000);
  await signInAsGuest(page);

  // The catalog's story: ms-video out of sync in staging, degraded in prod, an SLO alert firing.
  await page.getByRole('link', { name: 'ms-video', exact: true }).click();
  const argocd = page.getByRole('table', { name: 'Argo CD applications' });
  await expect(argocd.getByRole('row', { name: /staging/ })).toContainText(
    'OutOfSync',
  );
  await expect(argocd.getByRole('row', { name: /prod/ })).toContainText(
    'Degraded',
  );
  const alerts = page.getByRole('table', { name: 'Grafana alerts' });
  await expect(alerts.getByRole('row').nth(1)).toContainText('firing');
  await expect(alerts.getByRole('row').nth(1)).toContainText(
    'SLOAvailabilityBurnPage1h',
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'walk-01-ms-video.png') });

  // The on-call overview puts it first.
  await page.getByRole('link', { name: 'On-call overview' }).first().click();
  const rows = page.getByTestId('overview-row');
  await expect(rows.first()).toHaveAttribute(
    'data-entity-ref',
    'component:default/ms-video',
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'walk-02-overview.png') });

  // A new service from the template, published to the demo's GitHub, registered on the
  // video platform.
  await page.goto('/create/templates/default/forja-service');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(SERVICE);
  await page.locator('#root_owner').fill('group:default/platform');
  await page.keyboard.press('Tab');
  await page.locator('#root_system').fill('video-system');
  await page.locator('#root_language').click();
  await page.getByRole('option', { name: 'Go' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.locator('#root_cloud').click();
  await page.getByRole('option', { name: 'AWS (ECR)' }).click();
  await page.locator('#root_region').click();
  await page.getByRole('option', { name: 'us-east-1', exact: true }).click();
  await page
    .locator('#root_registry')
    .fill('123456789012.dkr.ecr.us-east-1.amazonaws.com');
  await page
    .locator('#root_ciIdentity_awsRoleArn')
    .fill('arn:aws:iam::123456789012:role/video-github');
  await page.locator('#root_argocd_project').fill('video-system');
  await page.locator('#root_baseDomain').fill('video.example.com');
  await page.getByRole('button', { name: 'Next' }).click();

  // Two repository pickers, each offering only the demo's GitHub: the service's, the platform's.
  const owners = page.getByRole('textbox', { name: 'Owner' });
  const repositories = page.getByRole('textbox', { name: 'Repository' });
  // The pickers' free-text fields commit what was typed on blur.
  for (const [field, value] of [
    [owners.nth(0), 'forja-demo'],
    [repositories.nth(0), SERVICE],
    [page.locator('#root_platform_name'), 'video'],
    [owners.nth(1), 'forja-demo'],
    [repositories.nth(1), 'video-platform'],
  ] as const) {
    await field.fill(value);
    await field.press('Tab');
  }
  await page.getByRole('button', { name: 'Review' }).click();
  await page.screenshot({ path: join(SCREENSHOTS, 'walk-03-review.png') });
  await page.getByRole('button', { name: 'Create' }).click();

  // Rendered, validated against the platform, priced, published: the task's links.
  const pullRequest = page.getByRole('link', {
    name: 'Registration pull request',
  });
  await expect(pullRequest).toBeVisible({ timeout: 5 * 60_000 });
  await expect(pullRequest).toHaveAttribute(
    'href',
    new RegExp(`^http://${GITHUB_HOST}/forja-demo/video-platform/pull/\\d+$`),
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'walk-04-created.png') });

  // The platform team merged it (the demo plays them): the service's Application per
  // environment, through the platform's Terraform.
  const pullPage = await page.context().newPage();
  await pullPage.goto((await pullRequest.getAttribute('href'))!);
  await eventually(pullPage, async () => {
    await expect(pullPage.getByTestId('pull-state')).toHaveText('Merged', {
      timeout: 2_000,
    });
  });
  await expect(
    pullPage.getByRole('list', { name: 'Files changed' }),
  ).toContainText(`terraform/environments/dev/service-${SERVICE}.tf`);
  await pullPage.close();

  // Its entity page: Argo CD deployed it, its pods run in the dev cluster, Grafana has its
  // dashboard.
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(
    page.getByRole('heading', { name: SERVICE }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await eventually(page, async () => {
    const apps = page.getByRole('table', { name: 'Argo CD applications' });
    await expect(apps.getByRole('row', { name: /dev/ })).toContainText(
      'Healthy',
      { timeout: 20_000 },
    );
    await expect(
      page.getByRole('list', { name: 'Grafana dashboards' }),
    ).toContainText(SERVICE, { timeout: 20_000 });
  });
  await page.screenshot({
    path: join(SCREENSHOTS, 'walk-05-new-service.png'),
    fullPage: true,
  });
  await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
  await expect(page.getByText('video-eks-dev').first()).toBeVisible();
  await expect(page.getByText(/\b\d+ pods?\b/i).first()).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'walk-06-new-service-pods.png'),
    fullPage: true,
  });
});

/** The demo GitHub's REST API, as the service's build workflow would call it. */
async function github(method: string, route: string, body?: object) {
  const response = await fetch(`${GITHUB_URL}/api/v3${route}`, {
    method,
    headers: {
      authorization: `token ${DEMO_GITHUB_TOKEN}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok, `${method} ${route}: ${response.status}`).toBe(true);
  return response.json() as Promise<any>;
}

test('a developer rolls the new service back to its first image, by pull request', async ({
  page,
}) => {
  test.setTimeout(5 * 60_000);
  page.setDefaultTimeout(60_000);
  const repository = `forja-demo/${SERVICE}`;
  const file = 'k8s/overlays/dev/kustomization.yaml';
  // What dev runs now: the first image the demo's build workflow deployed.
  const [first] = await github('GET', `/repos/${repository}/commits?sha=main`);
  const overlay = Buffer.from(
    (await github('GET', `/repos/${repository}/contents/${file}?ref=main`))
      .content,
    'base64',
  ).toString('utf8');
  const firstTag = /newTag: "?([A-Za-z0-9_.-]+)"?/.exec(overlay)![1];

  // The build workflow deploys a second image to dev (its pull request, merged).
  const tree = await github('POST', `/repos/${repository}/git/trees`, {
    base_tree: first.sha,
    tree: [
      {
        path: file,
        mode: '100644',
        type: 'blob',
        content: overlay.replace(/newTag: .*/, 'newTag: "2.0.0"'),
      },
    ],
  });
  const commit = await github('POST', `/repos/${repository}/git/commits`, {
    message: 'deploy: 2.0.0 to dev',
    tree: tree.sha,
    parents: [first.sha],
  });
  await github('POST', `/repos/${repository}/git/refs`, {
    ref: 'refs/heads/deploy/dev-2.0.0',
    sha: commit.sha,
  });
  const deploy = await github('POST', `/repos/${repository}/pulls`, {
    title: 'deploy: 2.0.0 to dev',
    head: 'deploy/dev-2.0.0',
    base: 'main',
    body: 'Opened by the build workflow after pushing the image.',
  });
  await github('PUT', `/repos/${repository}/pulls/${deploy.number}/merge`, {});

  // Argo CD syncs it: dev's history has both revisions, the first one can be rolled back to.
  await signInAsGuest(page);
  await page.goto(`/catalog/default/component/${SERVICE}/argocd`);
  const history = page.getByRole('table', { name: 'Sync history' });
  const rollBack = history.getByRole('button', {
    name: `Roll back dev to ${first.sha.slice(0, 7)}`,
  });
  await eventually(page, async () => {
    await page.getByRole('combobox', { name: 'Application' }).click();
    await page
      .getByRole('option', { name: new RegExp(`dev: ${SERVICE}-dev`) })
      .click();
    await expect(history.getByRole('row')).toHaveCount(3, { timeout: 5_000 });
    await expect(rollBack).toBeVisible({ timeout: 5_000 });
  });
  await rollBack.click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Open pull request' })
    .click();
  await expect(
    history.getByRole('link', {
      name: new RegExp(`^rollback/dev-${firstTag}`),
    }),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'walk-07-rollback.png'),
    fullPage: true,
  });

  // The Environments card offers the same rollback: dev's earlier deployment, picked in a
  // dialog that reads Argo CD's history, answers with the pull request already open.
  await page.goto(`/catalog/default/component/${SERVICE}`);
  await page
    .getByRole('table', { name: 'environments' })
    .getByRole('button', { name: 'Roll back dev…' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByRole('radio', { name: new RegExp(first.sha.slice(0, 7)) })
    .check();
  await dialog.getByRole('button', { name: 'Open pull request' }).click();
  await expect(
    page.getByRole('link', { name: `rollback/dev-${firstTag}`, exact: true }),
  ).toBeVisible();
  await expect(page.getByText(`sets dev back to ${firstTag}.`)).toBeVisible();

  // The pull request is on the service's repository, setting dev back to the first tag.
  const open = await github('GET', `/repos/${repository}/pulls?state=open`);
  const pull = open.find((p: any) => p.head.ref === `rollback/dev-${firstTag}`);
  expect(pull?.base.ref).toBe('main');
  const proposed = Buffer.from(
    (
      await github(
        'GET',
        `/repos/${repository}/contents/${file}?ref=rollback/dev-${firstTag}`,
      )
    ).content,
    'base64',
  ).toString('utf8');
  expect(proposed).toContain(firstTag);
  expect(proposed).not.toContain('2.0.0');
});
