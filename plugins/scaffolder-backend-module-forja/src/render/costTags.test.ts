import { ACTUAL_COST_TAGS } from '@forja/plugin-cost-common';
import {
  estimate,
  isSelected,
  loadCatalog,
  loadTerraform,
  moduleSelectionOf,
  ResourceInstance,
} from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FORJA_ROOT } from '../cli/forjaRoot';
import { listSeeds, SYSTEMS_DIR } from '../cli/renderExamples';
import { Cloud, CLOUDS } from './inputs';
import { renderTemplate } from './renderTemplate';

const catalog = loadCatalog();
const moduleRepositories = {
  'https://github.com/forja-dev/forja.git': FORJA_ROOT,
};
const skeletonDir = path.join(FORJA_ROOT, 'templates/environment/skeleton');

/** An environment with every part the template offers on that cloud. */
const ENVIRONMENT: Record<Cloud, Record<string, unknown>> = {
  aws: {
    region: 'us-east-1',
    cluster: {
      type: 'eks',
      nodeSize: 'm6i.large',
      nodeCount: { min: 1, desired: 2, max: 3 },
    },
    postgres: { size: 'db.t4g.medium' },
    redis: { size: 'cache.t4g.small' },
    broker: { kind: 'amazon-mq', size: 'mq.m5.large' },
    dynamodbTables: [{ name: 'orders', hashKey: 'id' }],
    dns: { zone: 'example.com' },
  },
  azure: {
    region: 'eastus',
    cluster: {
      type: 'aks',
      nodeSize: 'Standard_D4s_v5',
      nodeCount: { min: 1, desired: 2, max: 3 },
    },
    postgres: { size: 'GP_Standard_D2ds_v5' },
    redis: { size: 'Standard_C1' },
    broker: { kind: 'service-bus', size: 'Standard', queues: ['events'] },
    dns: { zone: 'example.com', azureResourceGroup: 'dns' },
    azureSubscriptionId: '00000000-0000-4000-8000-000000000000',
  },
  gcp: {
    region: 'us-central1',
    cluster: {
      type: 'gke',
      nodeSize: 'e2-standard-4',
      nodeCount: { min: 1, desired: 2, max: 3 },
    },
    postgres: { size: 'db-custom-2-7680' },
    redis: { size: '1' },
    broker: { kind: 'pubsub', queues: ['events'] },
    dns: { zone: 'example.com', gcpManagedZone: 'example-com' },
    gcpProjectId: 'forja-cost-tags',
  },
};

/**
 * Billed resources that take no tags or labels at all: Cloud NAT (google_compute_router_nat
 * has no labels argument; the export bills it to the project).
 */
const UNLABELLED = new Set(['google_compute_router_nat']);

/** Whether some map in the values (tags, labels, blocks' labels) holds key = value. */
function carries(values: unknown, key: string, value: string): boolean {
  if (Array.isArray(values)) return values.some(v => carries(v, key, value));
  if (!values || typeof values !== 'object') return false;
  const record = values as Record<string, unknown>;
  if (record[key] === value) return true;
  return Object.values(record).some(v => carries(v, key, value));
}

/** The module a resource address is in: `module.postgres.aws_db_instance.this` → postgres. */
const moduleOf = (address: string) => /^module\.([^.[]+)/.exec(address)?.[1];

/**
 * For one rendered environment: the Resources its catalog-info declares for `env`, each
 * with the module it describes (its name's last part: cluster, postgres, redis, broker),
 * and what the estimate prices there (the resources that are billed).
 */
async function environmentOf(root: string, env: string) {
  const resourceEntities = parseAllDocuments(
    await fs.readFile(path.join(root, 'catalog-info.yaml'), 'utf8'),
  )
    .map(d => d.toJS())
    .filter(
      e =>
        e.kind === 'Resource' &&
        e.metadata.annotations['forja.dev/environments'] === env &&
        e.metadata.annotations['backstage.io/source-template'] ===
          'template:default/forja-environment',
    );
  const entities = resourceEntities.map(e => e.metadata.name as string);
  const dir = path.join(root, 'terraform/environments', env);
  const { resources } = await loadTerraform(dir, {
    moduleRepositories,
    root,
  });
  const estimated = estimate({ project: env, resources, catalog });
  const priced = new Set(
    estimated.projects[0].breakdown.resources
      .filter(r => Number(r.monthlyCost) > 0)
      .map(r => r.name),
  );
  return {
    entities,
    resourceEntities,
    estimated,
    resources,
    billed: resources.filter(
      r => priced.has(r.address) && !UNLABELLED.has(r.type),
    ),
  };
}

/**
 * Every billed resource carries the entity tag of the catalog Resource it belongs to (its
 * module's Resource; what has no Resource of its own, such as the network and the
 * registry, is the platform the cluster Resource stands for) and its environment, in the
 * keys the cost backend's source for that cloud queries.
 */
async function expectTagged(root: string, cloud: Cloud, env: string) {
  const keys = ACTUAL_COST_TAGS[cloud];
  const { entities, resources, billed } = await environmentOf(root, env);
  const byModule = new Map(
    entities.map(name => [name.slice(name.lastIndexOf('-') + 1), name]),
  );
  const cluster = byModule.get('cluster')!;
  expect(cluster).toMatch(new RegExp(`-${env}-cluster$`));
  expect(billed.length).toBeGreaterThan(0);
  const untagged = billed
    .map(r => {
      const entity = byModule.get(moduleOf(r.address) ?? '') ?? cluster;
      const ok =
        carries(r.values, keys.entity, entity) &&
        carries(r.values, keys.environment, env);
      return ok ? undefined : `${r.address} (${entity})`;
    })
    .filter(Boolean);
  expect(untagged).toEqual([]);
  // Each Resource the catalog declares with a module of its own is billed by its own tag
  // (RabbitMQ in the cluster has none: its pods are the cluster's).
  for (const [part, name] of byModule) {
    if (
      part !== 'cluster' &&
      !resources.some(r => moduleOf(r.address) === part)
    )
      continue;
    expect(
      billed.some(
        r =>
          (moduleOf(r.address) ?? 'cluster') === part &&
          carries(r.values, keys.entity, name),
      ),
    ).toBe(true);
  }
  if (cloud === 'aws') expectNodesTagged(resources, cluster, env);
}

/**
 * The cost backend prices each Resource over the root modules its annotations select
 * (forja.dev/terraform-modules, forja.dev/terraform-modules-exclude): every resource the
 * estimate prices falls in exactly one Resource's selection, the one whose entity tag it
 * carries, so the Resources' estimates stand beside their actual spend and add up to the
 * environment once.
 */
async function expectPricedOnce(root: string, cloud: Cloud, env: string) {
  const keys = ACTUAL_COST_TAGS[cloud];
  const { resourceEntities, estimated, resources } = await environmentOf(
    root,
    env,
  );
  const selections = resourceEntities.map(e => ({
    name: e.metadata.name as string,
    selection: moduleSelectionOf(e.metadata.annotations),
  }));
  const byAddress = new Map(resources.map(r => [r.address, r]));
  const pricedResources = estimated.projects[0].breakdown.resources;
  expect(pricedResources.length).toBeGreaterThan(0);
  const misplaced = pricedResources
    .map(({ name: address }) => {
      const owners = selections
        .filter(s => !s.selection || isSelected(address, s.selection))
        .map(s => s.name);
      const resource = byAddress.get(address)!;
      const tagged =
        owners.length === 1 &&
        (UNLABELLED.has(resource.type) ||
          carries(resource.values, keys.entity, owners[0]));
      return tagged ? undefined : `${address}: ${owners.join(', ') || 'none'}`;
    })
    .filter(Boolean);
  expect(misplaced).toEqual([]);
}

/**
 * EKS puts a managed node group's tags on the group only: its instances get the entity
 * tag from the group's Auto Scaling group, propagated at launch.
 */
function expectNodesTagged(
  resources: ResourceInstance[],
  cluster: string,
  env: string,
) {
  const keys = ACTUAL_COST_TAGS.aws;
  if (!resources.some(r => r.type === 'aws_eks_node_group')) return;
  const propagated = resources
    .filter(r => r.type === 'aws_autoscaling_group_tag')
    .map(r => (r.values.tag as any[])?.[0])
    .filter(t => t?.propagate_at_launch === true)
    .map(t => [t.key, t.value]);
  expect(propagated).toEqual(
    expect.arrayContaining([
      [keys.entity, cluster],
      [keys.environment, env],
    ]),
  );
}

describe('environment resources carry their catalog Resource for the cost backend', () => {
  for (const cloud of CLOUDS) {
    it(`tags every billed resource on ${cloud} with its Resource and environment`, async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-cost-tags-'));
      try {
        const files = await renderTemplate(
          'environment',
          {
            name: 'tags',
            owner: 'group:default/platform',
            system: 'tags',
            cloud,
            environments: ['dev', 'prod'],
            networkCidr: '10.0.0.0/16',
            registryRepositories: ['api'],
            observability: { enabled: true, logs: true, traces: true },
            repoUrl: 'github.com?owner=acme&repo=tags',
            ...ENVIRONMENT[cloud],
          },
          { skeletonDir, forjaDir: path.join(skeletonDir, '..', 'forja') },
        );
        for (const [file, text] of files) {
          await fs.outputFile(path.join(dir, file), text);
        }
        for (const env of ['dev', 'prod']) {
          await expectTagged(dir, cloud, env);
          await expectPricedOnce(dir, cloud, env);
        }
      } finally {
        await fs.remove(dir);
      }
    }, 120_000);
  }

  it('the rendered examples tag every billed resource with its Resource', async () => {
    for (const { seed } of await listSeeds()) {
      const root = path.join(SYSTEMS_DIR, seed);
      const settings = await fs.readJson(
        path.join(root, '.forja/environment.json'),
      );
      for (const env of settings.environments) {
        await expectTagged(root, settings.cloud, env);
        await expectPricedOnce(root, settings.cloud, env);
      }
    }
  }, 180_000);
});
