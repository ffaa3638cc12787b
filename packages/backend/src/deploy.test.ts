import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import { validateWorkspace } from '@forja/plugin-scaffolder-backend-module-forja';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Forja's own deployment passes the checks Forja applies to every generated repository:
 * terraform fmt, HCL parse and references of every root and module; kubectl kustomize of
 * every overlay and of the Argo CD folder with schema validation of each object; actionlint
 * and the SHA-pinning policy on every workflow.
 */
describe("Forja's deployment", () => {
  it('validates like a generated repository', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'forja-deploy-'));
    for (const folder of ['.github', 'k8s', 'terraform']) {
      fs.cpSync(path.join(ROOT, folder), path.join(workspace, folder), {
        recursive: true,
      });
    }
    const report = await validateWorkspace(workspace);
    expect(report.findings).toEqual([]);
    expect(report.checked.workflows).toBe(4);
    // dev, staging, prod and the Argo CD project with its applications.
    expect(report.checked.kustomizations).toBe(4);
    expect(report.checked.kubernetesObjects).toBeGreaterThanOrEqual(40);
    // The three roots and their bootstraps, besides the modules.
    expect(report.checked.terraformFiles).toBeGreaterThan(150);
  }, 300_000);

  it('gives the ConfigMap the same production configuration the image carries', () => {
    expect(
      fs.readFileSync(
        path.join(ROOT, 'k8s/base/app-config.production.yaml'),
        'utf8',
      ),
    ).toBe(
      fs.readFileSync(path.join(ROOT, 'app-config.production.yaml'), 'utf8'),
    );
  });

  it("states in the README Forja's monthly cost per cloud as ./forja cost prices it now", async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const catalog = loadCatalog();
    for (const cloud of ['aws', 'azure', 'gcp']) {
      const estimate = await estimatePath(path.join(ROOT, 'terraform', cloud), {
        catalog,
        moduleRepositories: {},
      });
      expect(estimate.coverage.unsupportedResources).toEqual([]);
      expect(estimate.coverage.missingPrices).toEqual([]);
      const total = Number(estimate.totalMonthlyCost).toFixed(2);
      // A Markdown table row, whatever its column padding.
      expect(readme).toMatch(
        new RegExp(`\\| \`terraform/${cloud}\`\\s*\\| \\$${total}\\s*\\|`),
      );
    }
  }, 120_000);
});
