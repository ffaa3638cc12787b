import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { FORJA_ROOT } from '../cli/forjaRoot';
import { Cloud, CLOUDS, REGIONS } from './inputs';
import { OFFERED_SIZES, SizedKind } from './offeredSizes';
import { renderTemplate } from './renderTemplate';

const catalog = loadCatalog();
const moduleRepositories = {
  'https://github.com/forja-dev/forja.git': FORJA_ROOT,
};
const skeletonDir = path.join(FORJA_ROOT, 'templates/environment/skeleton');

const NODES = { min: 1, desired: 2, max: 3 };

/** An environment with every data service the template offers on that cloud. */
const ENVIRONMENT: Record<Cloud, Record<string, unknown>> = {
  aws: {
    cluster: { type: 'eks', nodeSize: 'm6i.large', nodeCount: NODES },
    postgres: { size: 'db.t4g.medium' },
    redis: { size: 'cache.t4g.small' },
    broker: { kind: 'amazon-mq', size: 'mq.m5.large' },
    dynamodbTables: [{ name: 'orders', hashKey: 'id' }],
  },
  azure: {
    cluster: { type: 'aks', nodeSize: 'Standard_D4s_v5', nodeCount: NODES },
    postgres: { size: 'GP_Standard_D2ds_v5' },
    redis: { size: 'Standard_C1' },
    broker: { kind: 'service-bus', size: 'Standard' },
    azureSubscriptionId: '00000000-0000-4000-8000-000000000000',
  },
  gcp: {
    cluster: { type: 'gke', nodeSize: 'e2-standard-4', nodeCount: NODES },
    postgres: { size: 'db-custom-2-7680' },
    redis: { size: '1' },
    broker: { kind: 'pubsub' },
    gcpProjectId: 'forja-coverage',
  },
};

/** Where each offered size goes in the environment's terraform.auto.tfvars.json. */
const SET_SIZE: Record<SizedKind, (vars: any, size: string) => void> = {
  node: (vars, size) => {
    const pool = vars.cluster.node_pool;
    if ('instance_type' in pool) pool.instance_type = size;
    else if ('vm_size' in pool) pool.vm_size = size;
    else pool.machine_type = size;
  },
  postgres: (vars, size) => {
    vars.postgres.flavor = 'standard';
    vars.postgres.size = size;
  },
  aurora: (vars, size) => {
    vars.postgres.flavor = 'aurora';
    vars.postgres.size = size;
  },
  redis: (vars, size) => {
    vars.redis.size = size;
  },
  broker: (vars, size) => {
    vars.broker.size = size;
  },
};

/** Every offered size in `passes` estimates: pass i sets each kind's i-th size. */
function variants(cloud: Cloud): Array<Array<[SizedKind, string]>> {
  const offered = OFFERED_SIZES[cloud];
  const kinds = Object.keys(offered) as SizedKind[];
  const standard = kinds.filter(k => k !== 'aurora');
  const passes: Array<Array<[SizedKind, string]>> = [];
  const longest = Math.max(...standard.map(k => offered[k]!.length));
  for (let i = 0; i < longest; i++) {
    passes.push(
      standard.flatMap(k =>
        i < offered[k]!.length
          ? [[k, offered[k]![i]] as [SizedKind, string]]
          : [],
      ),
    );
  }
  for (const size of offered.aurora ?? []) passes.push([['aurora', size]]);
  return passes;
}

describe('price coverage of the templates', () => {
  it('offers in its forms exactly the regions and sizes covered here', () => {
    const template = parse(
      fs.readFileSync(
        path.join(FORJA_ROOT, 'templates/environment/template.yaml'),
        'utf8',
      ),
    );
    const form = Object.assign(
      {},
      ...template.spec.parameters.map((p: any) => p.properties),
    );
    expect(form.region.enum).toEqual(CLOUDS.flatMap(c => [...REGIONS[c]]));
    const all = (kind: SizedKind) =>
      CLOUDS.flatMap(c => [...(OFFERED_SIZES[c][kind] ?? [])]);
    expect(form.cluster.properties.nodeSize.examples).toEqual(all('node'));
    expect(form.postgres.properties.size.examples).toEqual([
      ...new Set([...all('postgres'), ...all('aurora')]),
    ]);
    expect(form.redis.properties.size.examples).toEqual(all('redis'));
    expect(form.broker.properties.size.examples).toEqual(all('broker'));
  });

  for (const cloud of CLOUDS) {
    for (const region of REGIONS[cloud]) {
      it(`prices every size offered on ${cloud} in ${region}`, async () => {
        const dir = await fs.mkdtemp(
          path.join(os.tmpdir(), 'forja-price-coverage-'),
        );
        try {
          const files = await renderTemplate(
            'environment',
            {
              name: 'coverage',
              owner: 'group:default/platform',
              system: 'coverage',
              cloud,
              region,
              environments: ['prod'],
              networkCidr: '10.0.0.0/16',
              registryRepositories: ['api'],
              repoUrl: 'github.com?owner=acme&repo=coverage',
              ...ENVIRONMENT[cloud],
            },
            { skeletonDir, forjaDir: path.join(skeletonDir, '..', 'forja') },
          );
          for (const [file, text] of files) {
            await fs.outputFile(path.join(dir, file), text);
          }
          const root = path.join(dir, 'terraform/environments/prod');
          const varsFile = path.join(root, 'terraform.auto.tfvars.json');
          const base = await fs.readJson(varsFile);
          const missing = new Set<string>();
          for (const pass of variants(cloud)) {
            const vars = structuredClone(base);
            for (const [kind, size] of pass) SET_SIZE[kind](vars, size);
            await fs.writeJson(varsFile, vars);
            const result = await estimatePath(root, {
              catalog,
              moduleRepositories,
              project: 'prod',
            });
            for (const m of result.coverage.missingPrices) {
              missing.add(`${m.priceKey} (${m.address})`);
            }
            for (const u of result.coverage.unsupportedResources) {
              missing.add(`${u.address}: ${u.reason}`);
            }
          }
          expect([...missing]).toEqual([]);
        } finally {
          await fs.remove(dir);
        }
      }, 120_000);
    }
  }
});
