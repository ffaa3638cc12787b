import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await expect(page.getByText('Guest', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in: the catalog, the landing page, shows every component, not the guest's.
  await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible();
}

test('a guest signs in, lists the catalog and sees a seed component in its cluster', async ({
  page,
}) => {
  await signInAsGuest(page);

  // Forja's name, in the sidebar and the page title.
  const sidebar = page.getByTestId('sidebar-root');
  await expect(sidebar.getByRole('img', { name: 'Forja' })).toBeVisible();
  await expect(sidebar.getByText('Forja', { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(/Forja/);
  // ./forja start --demo: every page says the upstreams are simulators.
  await expect(
    page.getByRole('status').filter({ hasText: /^Demo: Argo CD, Grafana/ }),
  ).toBeVisible();
  // Every owner's components, without choosing a filter.
  const row = page.getByRole('link', { name: 'ms-auth', exact: true });
  await expect(row).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Orders backend' }),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '01-catalog.png'),
    fullPage: true,
  });

  await row.click();
  await expect(
    page.getByRole('heading', { name: 'ms-auth' }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Registration, login and JWT issuance.').first(),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '02-ms-auth.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
  await expect(page.getByText('video-eks-dev').first()).toBeVisible();
  // The Deployment's pods, found in the cluster by the backstage.io/kubernetes-id label.
  await expect(
    page.getByText('ms-auth', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText(/2 pods/i).first()).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '03-ms-auth-kubernetes.png'),
    fullPage: true,
  });
});

test('a developer picks the service template and gets field-level errors for a bad name', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/create');
  for (const title of [
    'Service (Go, Node.js or Python)',
    'Environment (EKS, AKS or GKE)',
    'Add PostgreSQL, Redis, a queue or a bucket to a service',
  ]) {
    await expect(page.getByText(title, { exact: true })).toBeVisible();
  }
  await page.screenshot({
    path: join(SCREENSHOTS, '04-create.png'),
    fullPage: true,
  });

  await page.goto('/create/templates/default/forja-service');
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('Bad_Name');
  // RJSF gives every field the id root_<name>.
  await page.locator('#root_owner').fill('group:default/platform');
  await page.keyboard.press('Tab');
  await page.locator('#root_system').fill('video-system');
  await page.locator('#root_language').click();
  await page.getByRole('option', { name: 'Go' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(/must match pattern/).first()).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '05-service-form-error.png'),
    fullPage: true,
  });
});

test('an engineer sees ms-auth in Argo CD per environment and syncs the out-of-sync one', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ms-auth');
  const card = page.getByRole('table', { name: 'Argo CD applications' });
  await expect(card.getByRole('row')).toHaveCount(4);
  await expect(card.getByRole('row').nth(2)).toContainText('staging');
  await expect(card.getByRole('row').nth(2)).toContainText('OutOfSync');
  await expect(card.getByRole('row').nth(2)).toContainText('2 out of sync');
  await expect(card).toContainText('deploy: 4f1c2b9 to staging');
  await page.screenshot({
    path: join(SCREENSHOTS, '06-argocd-card.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'Argo CD', exact: true }).click();
  await page.getByRole('combobox', { name: 'Application' }).click();
  await page.getByRole('option', { name: /staging: ms-auth-staging/ }).click();
  await expect(page.getByRole('table', { name: 'Resources' })).toContainText(
    'Deployment',
  );
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sync' }).click();
  await expect(page.getByText('Synced ms-auth-staging: Synced')).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '07-argocd-sync.png'),
    fullPage: true,
  });
});

test('an on-call engineer sees ms-auth firing in Grafana and its panels drawn from Grafana data', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ms-auth');
  await expect(
    page.getByRole('list', { name: 'Grafana dashboards' }),
  ).toContainText('ms-auth overview');
  const alerts = page.getByRole('table', { name: 'Grafana alerts' });
  await expect(alerts.getByRole('row').nth(1)).toContainText('firing');
  await expect(alerts.getByRole('row').nth(1)).toContainText(
    '5xx above 5% for 10 minutes',
  );

  await page.getByRole('link', { name: 'Grafana', exact: true }).click();
  const requests = page.getByRole('figure', { name: 'Requests per second' });
  // A real line: recharts draws the series as one path through every point.
  const line = requests.locator('path.recharts-line-curve');
  await expect(line).toHaveCount(1);
  expect(
    ((await line.getAttribute('d')) ?? '').split(/[LC]/).length,
  ).toBeGreaterThan(100);
  await expect(
    page
      .getByRole('figure', { name: 'Error ratio' })
      .getByLabel('Error ratio value'),
  ).toHaveText(/^\d+(\.\d+)?%$/);
  await expect(
    page.getByRole('figure', { name: 'On-call notes' }),
  ).toContainText('Grafana draws text panels itself');
  await expect(
    requests.getByRole('link', { name: /Open in Grafana/ }),
  ).toHaveAttribute(
    'href',
    /\/d\/ms-auth-overview\/\?viewPanel=2&from=now-6h&to=now&var-service=ms-auth/,
  );
  await page.screenshot({
    path: join(SCREENSHOTS, '08-grafana-panels.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: '24h' }).click();
  await expect(
    requests.getByRole('link', { name: /Open in Grafana/ }),
  ).toHaveAttribute('href', /from=now-24h/);
  await expect(line).toHaveCount(1);
});

test('a team lead reads the video system monthly cost, its members and the same architecture on each cloud', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/system/video-system');
  const total = page.getByLabel('monthly total');
  await expect(total).toHaveText(/^\$[0-9,]+\.\d\d a month$/);
  await expect(page.getByText(/^dev: \$[0-9,]+\.\d\d$/)).toBeVisible();
  const members = page.getByRole('table', { name: 'cost by member' });
  await expect(members).toContainText('ms-auth');
  await expect(members).toContainText('EKS cluster (video-system)');
  await expect(members).not.toContainText('not estimated');

  await page.getByRole('link', { name: 'Cost', exact: true }).click();
  const comparison = page
    .getByRole('table', { name: 'cloud comparison' })
    .first();
  await expect(comparison).toContainText('AWS (us-east-1), as declared');
  await expect(comparison).toContainText('Azure (eastus)');
  await expect(comparison).toContainText('Google Cloud (us-central1)');
  await expect(comparison.getByLabel('azure total')).toHaveText(
    /^\$[0-9,]+\.\d\d/,
  );
  // The chart by category is drawn: one bar per category.
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, '09-cost-comparison.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: /^prod: / }).click();
  await expect(
    page.getByText(/Breakdown: prod, \$[0-9,]+\.\d\d a month/),
  ).toBeVisible();
});

test('a service owner compares the estimate with the bill: ms-auth from OpenCost, its database from Cost Explorer', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ms-auth');
  const table = page.getByRole('table', { name: 'estimate vs actual' });
  // Last month's pods in prod and dev, as the demo's OpenCost serves them.
  await expect(table.getByLabel('prod actual')).toHaveText('$41.30');
  await expect(table.getByLabel('dev actual')).toHaveText('$25.40');
  await expect(table).toContainText(/\$[0-9,]+\.\d\d/);
  await expect(
    page.getByRole('img', { name: /^prod trend: .*\$35\.80, .*\$41\.30$/ }),
  ).toBeVisible();
  await expect(table.getByText(/^(drifts )?\d+%$/).first()).toBeVisible();
  // The demo configures all four sources: each answered, none is left to connect.
  for (const source of [
    'OpenCost',
    'AWS Cost Explorer',
    'Azure Cost Management',
    'GCP billing export',
  ]) {
    await expect(
      page.getByText(new RegExp(`^${source}, read \\d{4}-\\d\\d-\\d\\d$`)),
    ).toBeVisible();
  }
  await expect(page.getByLabel('how to connect')).toHaveCount(0);
  await page.screenshot({
    path: join(SCREENSHOTS, '10-estimate-vs-actual.png'),
    fullPage: true,
  });

  await page.goto('/catalog/default/resource/video-auth-db');
  await expect(
    page
      .getByRole('table', { name: 'estimate vs actual' })
      .getByLabel('prod actual'),
  ).toHaveText('$148.20');
});

test("a platform team reads its environments' bills: the cluster from Cost Explorer, databases from Azure Cost Management and the GCP billing export", async ({
  page,
}) => {
  await signInAsGuest(page);
  // Resources the environment template registers, billed by the entity tag it puts on
  // their resources: each figure only one source's double serves. Each estimate is the
  // Resource's own modules (forja.dev/terraform-modules), not its environment's folder:
  // video's prod is $408.97, hubs' $978.06, gcpdemo's $445.85.
  const bills: Array<[string, string, string, string]> = [
    // EKS, Cost Explorer; the cluster's estimate is all but the broker's module.
    ['video-prod-cluster', 'prod', '$611.70', '$346.04'],
    // Flexible Server, Cost Management.
    ['hubs-prod-postgres', 'prod', '$274.90', '$439.65'],
    ['hubs-staging-postgres', 'staging', '$135.40', '$439.65'],
    // Cloud SQL's $341.00 less its $12.50 committed use discount, BigQuery export.
    ['gcpdemo-prod-postgres', 'prod', '$328.50', '$298.98'],
  ];
  for (const [entity, environment, figure, estimate] of bills) {
    await page.goto(`/catalog/default/resource/${entity}`);
    const table = page.getByRole('table', { name: 'estimate vs actual' });
    await expect(table.getByLabel(`${environment} actual`)).toHaveText(figure);
    // Beside the Resource's estimate, priced from its modules of the environment's
    // Terraform: two figures.
    await expect(
      table
        .getByRole('row')
        .filter({ has: page.getByLabel(`${environment} actual`) }),
    ).toContainText(`${environment}${estimate}${figure}`);
  }
  await page.screenshot({
    path: join(SCREENSHOTS, '10-environment-bill-gcp.png'),
    fullPage: true,
  });
});

test('the on-call engineer opens the overview: the video system trouble first, each cell with its age', async ({
  page,
}) => {
  await signInAsGuest(page);
  // A link pasted into an incident channel: the system filter is in the URL.
  await page.goto('/forja/overview?system=system%3Adefault%2Fvideo-system');
  const rows = page.getByTestId('overview-row');
  await expect(rows).toHaveCount(3);
  // Worst first: ms-video fires, is degraded and out of sync; ms-auth fires; ms-notify
  // is out of sync.
  await expect(rows.nth(0)).toHaveAttribute(
    'data-entity-ref',
    'component:default/ms-video',
  );
  await expect(rows.nth(0)).toHaveAttribute(
    'data-states',
    'firing degraded out-of-sync',
  );
  await expect(rows.nth(1)).toHaveAttribute(
    'data-entity-ref',
    'component:default/ms-auth',
  );
  await expect(rows.nth(1)).toHaveAttribute('data-states', /firing/);
  await expect(rows.nth(2)).toHaveAttribute(
    'data-entity-ref',
    'component:default/ms-notify',
  );
  await expect(rows.nth(2)).toHaveAttribute('data-states', 'out-of-sync');

  const authProd = rows.nth(1).locator('[data-environment="prod"]');
  await expect(authProd).toContainText('AuthErrorsHigh (critical)');
  const videoDev = rows.nth(0).locator('[data-environment="dev"]');
  await expect(videoDev).toContainText('2/3 pods ready · 7 restarts');
  const videoProd = rows.nth(0).locator('[data-environment="prod"]');
  await expect(videoProd).toContainText('Degraded');
  await expect(videoProd).toContainText('SLOAvailabilityBurnPage1h (critical)');
  await expect(
    rows.nth(2).locator('[data-environment="staging"]'),
  ).toContainText('OutOfSync');
  await expect(rows.first().getByTestId('cell-age').first()).toHaveText(
    /^read (just now|\d+ min ago)$/,
  );
  for (const source of ['argocd', 'kubernetes', 'grafana']) {
    await expect(page.getByTestId(`source-${source}`)).toContainText(': ok');
  }
  await page.screenshot({
    path: join(SCREENSHOTS, '10-on-call-overview.png'),
    fullPage: true,
  });

  // Narrowing to prod keeps the filter in the URL.
  await page.getByTestId('filter-environment').locator('..').click();
  await page.getByRole('option', { name: 'prod', exact: true }).click();
  await expect(page).toHaveURL(/environment=prod/);
  await expect(page.locator('thead th')).toHaveText(['Component', 'prod']);

  // The same view is the system's Overview tab.
  await page.goto('/catalog/default/system/video-system/overview');
  await expect(page.getByTestId('overview-row')).toHaveCount(3);

  // One entity across its environments, with what differs between them.
  await page.goto('/catalog/default/component/ms-auth');
  const environments = page.getByRole('table', { name: 'environments' });
  await expect(environments).toContainText('dev');
  await expect(environments).toContainText('prod');
  await expect(
    environments.getByTestId('environment-differences').first(),
  ).toContainText('config');
  await page.screenshot({
    path: join(SCREENSHOTS, '11-environments-card.png'),
    fullPage: true,
  });
});

test('an engineer sees why ms-video is out of sync in staging and stops the sync stuck on prod', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/ms-video/argocd');

  // What differs, per resource: the cluster runs an older image, one replica fewer.
  await page.getByRole('combobox', { name: 'Application' }).click();
  await page.getByRole('option', { name: /staging: ms-video-staging/ }).click();
  const diff = page.getByLabel('diff of Deployment staging/ms-video-staging-0');
  await expect(diff).toContainText(
    '-        - image: ghcr.io/forja-demo/ms-video:0a1b2c3',
  );
  await expect(diff).toContainText(
    '+        - image: ghcr.io/forja-demo/ms-video:4f1c2b9',
  );
  await expect(diff).not.toContainText('managedFields');
  await page.screenshot({
    path: join(SCREENSHOTS, '12-argocd-diff.png'),
    fullPage: true,
  });

  // prod's sync waits for a Deployment that never becomes healthy: terminate it.
  await page.getByRole('combobox', { name: 'Application' }).click();
  await page.getByRole('option', { name: /prod: ms-video-prod/ }).click();
  await page.getByRole('button', { name: 'Terminate' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Terminate' })
    .click();
  await expect(
    page.getByText(/Terminated the operation of ms-video-prod/),
  ).toBeVisible();
  // Argo CD's controller ends it as failed; the button goes with the running operation.
  await expect(async () => {
    await page.reload();
    await page.getByRole('combobox', { name: 'Application' }).click();
    await page.getByRole('option', { name: /prod: ms-video-prod/ }).click();
    await expect(page.getByText('Operation terminated').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [3_000] });
  await expect(
    page.getByRole('button', { name: 'Sync', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Terminate' })).toHaveCount(0);
});
