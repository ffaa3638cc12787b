import { expect, test } from '@playwright/test';
import { join } from 'node:path';

const SCREENSHOTS = join(__dirname, '..', 'output', 'e2e', 'screenshots');

// The demo opens a pull request on the video system's platform repository (prod's nodes
// larger and more numerous) and posts forja-cost's comment as the cost workflow would.
test("a platform pull request shows forja-cost's comment: the monthly change per resource", async ({
  page,
}) => {
  const url = process.env.FORJA_DEMO_COST_PULL_URL;
  expect(url, 'the demo opened the cost pull request').toMatch(/\/pull\/\d+$/);
  await page.goto(url!);
  await expect(
    page.getByRole('heading', { name: /Bigger nodes in prod/ }),
  ).toBeVisible();
  const comment = page.getByRole('article', {
    name: 'Comment by github-actions[bot]',
  });
  await expect(
    comment.getByRole('heading', { name: 'Forja cost estimate' }),
  ).toBeVisible();
  await expect(comment).toContainText(
    /Monthly cost will increase by \$[\d,.]+ \(\+[\d.]+%\): \$[\d,.]+ → \$[\d,.]+\./,
  );
  // Per project: prod changes, the other environments do not.
  const prod = comment.getByRole('row', {
    name: /^terraform\/environments\/prod \$[\d,.]+ \$[\d,.]+ \+\$[\d,.]+$/,
  });
  await expect(prod).toBeVisible();
  await expect(
    comment.getByRole('row', { name: /^terraform\/environments\/dev / }),
  ).toContainText('$0.00');
  // Per resource: prod's node group, changed, costs more.
  const nodeGroup = comment.getByRole('row', {
    name: /terraform\/environments\/prod module\.cluster\.aws_eks_node_group\S* changed/,
  });
  await expect(nodeGroup.getByRole('cell').last()).toHaveText(/^\+\$[\d,.]+$/);
  await expect(comment.getByText('Coverage')).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'pull-request-cost.png'),
    fullPage: true,
  });
});
