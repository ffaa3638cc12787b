import {
  FORJA_MODULE_SOURCE,
  TerraformModuleSource,
} from '@forja/plugin-forja-node';
import { z } from 'zod';
import {
  brokerSize,
  checkCloudAccount,
  checkRegion,
  cloudAccountFields,
  postgresInput,
  redisInput,
  sku,
  Cloud,
  CLOUDS,
  dnsLabel,
  entityRef,
  environmentList,
  rejectCredentials,
  repoUrl,
} from './inputs';

/** Where generated roots take `terraform/modules` from; the ref is always pinned. */
export type ModuleSource = TerraformModuleSource;
export const DEFAULT_MODULE_SOURCE: ModuleSource = FORJA_MODULE_SOURCE;
const SKELETON_MODULE_SOURCE =
  /(source\s*=\s*")git::https:\/\/github\.com\/forja-dev\/forja\.git\/\/terraform\/modules\/([a-z-]+)\/aws\?ref=v0\.1\.0"/g;

const CLUSTER_TYPES: Record<string, { cloud: Cloud; serverless: boolean }> = {
  eks: { cloud: 'aws', serverless: false },
  'eks-fargate': { cloud: 'aws', serverless: true },
  aks: { cloud: 'azure', serverless: false },
  gke: { cloud: 'gcp', serverless: false },
  'gke-autopilot': { cloud: 'gcp', serverless: true },
};
const BROKERS: Record<
  string,
  { cloud?: Cloud; moduleKind?: 'rabbitmq' | 'queue' }
> = {
  'amazon-mq': { cloud: 'aws', moduleKind: 'rabbitmq' },
  sqs: { cloud: 'aws', moduleKind: 'queue' },
  'service-bus': { cloud: 'azure', moduleKind: 'queue' },
  pubsub: { cloud: 'gcp', moduleKind: 'queue' },
  'rabbitmq-in-cluster': {},
};
export const environmentValuesSchema = z
  .object({
    name: dnsLabel(16),
    owner: entityRef(['group', 'user']),
    system: dnsLabel(63).optional(),
    cloud: z.enum(CLOUDS),
    region: z.string(),
    environments: environmentList,
    ...cloudAccountFields,
    cluster: z.object({
      type: z.enum(Object.keys(CLUSTER_TYPES) as [string, ...string[]]),
      kubernetesVersion: z
        .string()
        .regex(/^1\.[0-9]{2}$/, 'must look like 1.31')
        .default('1.31'),
      nodeSize: sku(
        'an instance type such as m6i.large, Standard_D4s_v5 or e2-standard-4',
      ),
      nodeCount: z
        .object({
          min: z.number().int().min(0).max(100),
          desired: z.number().int().min(0).max(100),
          max: z.number().int().min(1).max(100),
        })
        .refine(
          n => n.min <= n.desired && n.desired <= n.max,
          'must satisfy min <= desired <= max',
        ),
    }),
    networkCidr: z
      .string()
      .regex(
        /^(10|172|192)\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\/(1[6-9]|20)$/,
        'must be a private IPv4 CIDR from /16 to /20',
      ),
    postgres: postgresInput.optional(),
    redis: redisInput.optional(),
    broker: z
      .object({
        kind: z.enum(Object.keys(BROKERS) as [string, ...string[]]),
        size: brokerSize,
        queues: z.array(dnsLabel(63)).max(50).default([]),
      })
      .optional(),
    dynamodbTables: z
      .array(
        z.object({
          name: dnsLabel(63),
          hashKey: z
            .string()
            .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an attribute name'),
        }),
      )
      .max(50)
      .default([]),
    registryRepositories: z.array(dnsLabel(63)).max(100).default([]),
    observability: z
      .object({
        enabled: z.boolean().default(true),
        retentionDays: z.number().int().min(1).max(90).default(15),
        logs: z.boolean().default(false),
        traces: z.boolean().default(false),
        alertReceivers: z
          .array(
            z
              .object({
                name: dnsLabel(30),
                type: z.enum(['slack', 'pagerduty', 'webhook']),
                channel: z
                  .string()
                  .regex(
                    /^#[a-z0-9][a-z0-9_-]{0,79}$/,
                    'must be a Slack channel such as #orders-alerts',
                  )
                  .optional(),
                severity: z
                  .enum(['critical', 'warning', 'info'])
                  .default('critical'),
              })
              .strict(),
          )
          .max(10)
          .refine(
            rs => new Set(rs.map(r => r.name)).size === rs.length,
            'receiver names must be unique',
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    /** The existing public zone services' hosts are named in, and their certificates. */
    dns: z
      .object({
        zone: z
          .string()
          .max(200, 'must be at most 200 characters')
          .regex(
            /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
            'must be a DNS domain such as example.com',
          ),
        tls: z.boolean().default(true),
        azureResourceGroup: z
          .string()
          .regex(/^[A-Za-z0-9._()-]{1,90}$/, 'must be a resource group name')
          .optional(),
        gcpManagedZone: dnsLabel(63).optional(),
      })
      .strict()
      .optional(),
    argocdChartVersion: z
      .string()
      .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, 'must be a chart version')
      .default('7.7.5'),
    repoUrl,
  })
  .strict()
  .superRefine((v, ctx) => {
    rejectCredentials(v, ctx);
    checkRegion(v.cloud, v.region, ctx);
    if (CLUSTER_TYPES[v.cluster.type].cloud !== v.cloud) {
      ctx.addIssue({
        code: 'custom',
        path: ['cluster', 'type'],
        message: `${v.cluster.type} does not run on ${v.cloud}`,
      });
    }
    const broker = v.broker && BROKERS[v.broker.kind];
    if (broker?.cloud && broker.cloud !== v.cloud) {
      ctx.addIssue({
        code: 'custom',
        path: ['broker', 'kind'],
        message: `${v.broker!.kind} is not available on ${v.cloud}`,
      });
    }
    if (v.postgres?.flavor === 'aurora' && v.cloud !== 'aws') {
      ctx.addIssue({
        code: 'custom',
        path: ['postgres', 'flavor'],
        message: 'Aurora is only available on aws',
      });
    }
    if (v.dynamodbTables.length && v.cloud !== 'aws') {
      ctx.addIssue({
        code: 'custom',
        path: ['dynamodbTables'],
        message: 'DynamoDB is only available on aws',
      });
    }
    if (v.dns && v.cloud === 'azure' && !v.dns.azureResourceGroup) {
      ctx.addIssue({
        code: 'custom',
        path: ['dns', 'azureResourceGroup'],
        message: 'is required on azure: the resource group of the DNS zone',
      });
    }
    if (v.dns && v.cloud === 'gcp' && !v.dns.gcpManagedZone) {
      ctx.addIssue({
        code: 'custom',
        path: ['dns', 'gcpManagedZone'],
        message: 'is required on gcp: the Cloud DNS managed zone of the domain',
      });
    }
    checkCloudAccount(v, ctx);
  });

export type EnvironmentValues = z.infer<typeof environmentValuesSchema>;

/** Points skeleton module sources at the configured repository, cloud and pinned ref. */
export function pinModuleSources(
  text: string,
  cloud: Cloud,
  source: ModuleSource,
): string {
  return text.replace(
    SKELETON_MODULE_SOURCE,
    (_, prefix, contract) =>
      `${prefix}git::${source.repository}//terraform/modules/${contract}/${cloud}?ref=${source.ref}"`,
  );
}
