import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import {
  FORJA_ROOT,
  REPOSITORY_MODULES,
  repositoryModules,
} from '../../cli/forjaRoot';
import { createCostEstimateAction } from './createCostEstimateAction';

const moduleRepositories = REPOSITORY_MODULES;
const pricingCatalog = loadCatalog();
const action = createCostEstimateAction({
  modules: repositoryModules,
  pricingCatalog,
});
const VIDEO = path.join(FORJA_ROOT, 'examples/systems/video-system');

async function workspace() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-cost-action-'));
  await fs.copy(path.join(VIDEO, 'terraform'), path.join(dir, 'terraform'));
  await fs.copy(
    path.join(VIDEO, 'services/ms-auth/k8s'),
    path.join(dir, 'k8s'),
  );
  return dir;
}

describe('forja:cost:estimate', () => {
  it('prices Terraform environments and the pods of each overlay, logs the table and writes COST.md', async () => {
    const workspacePath = await workspace();
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      workspacePath,
      logger,
      input: {
        cloud: 'aws' as const,
        region: 'us-east-1',
        title: 'video platform',
      },
    });
    await action.handler(ctx);
    const terraform = await estimatePath(
      path.join(VIDEO, 'terraform/environments'),
      {
        catalog: pricingCatalog,
        moduleRepositories,
      },
    );
    const dev = terraform.projects.find(p => p.name === 'dev')!;
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(Object.keys(outputs.environments).sort()).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
    // Terraform's dev plus the pods of the dev overlay.
    expect(Number(outputs.environments.dev)).toBeGreaterThan(
      Number(dev.breakdown.totalMonthlyCost),
    );
    expect(outputs.costFile).toBe('COST.md');
    const markdown = await fs.readFile(
      path.join(workspacePath, 'COST.md'),
      'utf8',
    );
    expect(markdown).toMatch(/^# video platform/);
    expect(markdown).toContain('## dev (pods)');
    expect(markdown).toContain('### The same architecture on each cloud');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^OVERALL TOTAL \$/),
    );
  });

  it('prices Terraform only, and says so, without a cloud and region for the pods', async () => {
    const workspacePath = await workspace();
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({ workspacePath, logger, input: {} });
    await action.handler(ctx);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('not priced without cloud and region'),
    );
    const markdown = await fs.readFile(
      path.join(workspacePath, 'COST.md'),
      'utf8',
    );
    expect(markdown).not.toContain('(pods)');
  });
});
