import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPartEstimator } from './estimator';

let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-estimator-'));
  await fs.mkdir(path.join(root, 'environments', 'dev'), { recursive: true });
  await fs.writeFile(
    path.join(root, 'environments', 'dev', 'main.tf'),
    [
      'provider "aws" {',
      '  region = "us-east-1"',
      '}',
      'resource "aws_instance" "web" {',
      '  instance_type = "t3.micro"',
      '}',
      '',
    ].join('\n'),
  );
});

afterEach(() => fs.rm(root, { recursive: true, force: true }));

const modules = { resolve: async () => ({}) };
const source = { type: 'file' as const, dir: '/checkout/terraform' };

describe('createPartEstimator', () => {
  it('prices the environment folder of the snapshot, naming the folder and revision', async () => {
    const estimator = createPartEstimator({
      modules,
      pricingCatalog: loadCatalog(),
      maxConcurrent: 1,
    });
    const part = await estimator({
      kind: 'terraform',
      source,
      dir: root,
      revision: 'sha256:abc',
      environment: 'dev',
    });
    const expected = await estimatePath(path.join(root, 'environments/dev'), {
      readRoot: root,
      catalog: loadCatalog(),
      moduleRepositories: {},
      project: 'dev',
    });
    expect(part).toEqual({
      identity: 'file:/checkout/terraform/environments/dev',
      status: 'ok',
      estimate: expected,
      revision: 'sha256:abc',
      computedAt: expect.any(String),
    });
    expect(Number(part.estimate!.totalMonthlyCost)).toBeGreaterThan(0);
  });

  it('fails without Terraform or a kustomization for the environment', async () => {
    const estimator = createPartEstimator({
      modules,
      pricingCatalog: loadCatalog(),
      maxConcurrent: 1,
    });
    const emptyDir = path.join(root, 'environments', 'none');
    await fs.mkdir(emptyDir);
    expect(
      await estimator({
        kind: 'terraform',
        source,
        dir: emptyDir,
        environment: 'prod',
      }),
    ).toEqual({
      identity: 'file:/checkout/terraform/prod',
      status: 'failed',
      message:
        'no Terraform for prod: neither environments/prod/ nor the folder itself has .tf files',
    });
    expect(
      await estimator({
        kind: 'kustomize',
        source,
        dir: root,
        environment: 'dev',
      }),
    ).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^no Kustomize overlay for dev: /),
    });
  });

  it('fails manifests without a cloud and region to price them on', async () => {
    await fs.mkdir(path.join(root, 'overlays', 'dev'), { recursive: true });
    await fs.writeFile(
      path.join(root, 'overlays', 'dev', 'kustomization.yaml'),
      'resources: []\n',
    );
    const estimate = jest.fn();
    const estimator = createPartEstimator({
      modules,
      pricingCatalog: loadCatalog(),
      maxConcurrent: 1,
      estimate,
    });
    expect(
      await estimator({
        kind: 'kustomize',
        source,
        dir: root,
        environment: 'dev',
      }),
    ).toEqual({
      identity: 'file:/checkout/terraform/overlays/dev',
      status: 'failed',
      message:
        'pricing manifests needs forja.dev/cloud and forja.dev/region on the entity or its system',
    });
    expect(estimate).not.toHaveBeenCalled();
  });

  it('runs at most maxConcurrent estimates at a time', async () => {
    let active = 0;
    let most = 0;
    const estimator = createPartEstimator({
      modules,
      pricingCatalog: loadCatalog(),
      maxConcurrent: 2,
      estimate: async (target, options) => {
        active++;
        most = Math.max(most, active);
        await new Promise(resolve => setTimeout(resolve, 20));
        active--;
        return estimatePath(target, options);
      },
    });
    const parts = await Promise.all(
      Array.from({ length: 5 }, () =>
        estimator({ kind: 'terraform', source, dir: root, environment: 'dev' }),
      ),
    );
    expect(parts.map(p => p.status)).toEqual(Array(5).fill('ok'));
    expect(most).toBe(2);
  });
});
