import { z } from 'zod';
import { addSkeleton, FileSet, json, yamlDocuments } from './files';
import {
  brokerSize,
  checkCloudAccount,
  checkRegion,
  cloudAccountFields,
  postgresInput,
  postgresModuleValues,
  redisInput,
  sku,
  Cloud,
  CLOUDS,
  dnsLabel,
  entityRef,
  environmentList,
  parseRepoUrl,
  rejectCredentials,
  repoUrl,
} from './inputs';
import { hclString } from './hcl';
import { SECRET_STORE } from './secretStore';
import { orderedEnvironments } from './service';

/** Where generated roots take `terraform/modules` from; the ref is always pinned. */
export interface ModuleSource {
  repository: string;
  ref: string;
}
export const DEFAULT_MODULE_SOURCE: ModuleSource = {
  repository: 'https://github.com/forja-dev/forja.git',
  ref: 'v0.1.0',
};
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
const CI_ROLES: Record<Cloud, string[]> = {
  aws: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  azure: ['Contributor', 'User Access Administrator'],
  gcp: ['roles/editor', 'roles/resourcemanager.projectIamAdmin'],
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
      })
      .default({ enabled: true, retentionDays: 15 }),
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

export const BACKEND_TYPES: Record<Cloud, string> = {
  aws: 's3',
  azure: 'azurerm',
  gcp: 'gcs',
};

/**
 * Settings of the state backend the environment template's bootstrap creates, for one
 * state: `key` is the object key (or prefix on GCS) inside it.
 */
export function backendConfig(
  platform: { name: string; cloud: Cloud; region: string },
  key: string,
): Record<string, string> {
  const { name, cloud, region } = platform;
  if (cloud === 'aws') {
    return {
      bucket: `${name}-tfstate`,
      key: `${key}/terraform.tfstate`,
      region,
      dynamodb_table: `${name}-tfstate-lock`,
      encrypt: 'true',
    };
  }
  if (cloud === 'azure') {
    return {
      resource_group_name: `${name}-platform`,
      storage_account_name: `${name}tfstate`.replace(/-/g, '').slice(0, 24),
      container_name: 'tfstate',
      key: `${key}/terraform.tfstate`,
      use_azuread_auth: 'true',
    };
  }
  return { bucket: `${name}-tfstate`, prefix: key };
}

/** A `.tfbackend` file: each value an escaped HCL string. */
export function tfbackend(config: Record<string, string>): string {
  return `${Object.entries(config)
    .map(([key, value]) => `${key} = ${hclString(value)}`)
    .join('\n')}\n`;
}

function cloudVariables(v: EnvironmentValues): Record<string, string> {
  if (v.cloud === 'azure') return { subscription_id: v.azureSubscriptionId! };
  if (v.cloud === 'gcp') return { project_id: v.gcpProjectId! };
  return {};
}

function environmentTfvars(
  v: EnvironmentValues,
  env: string,
  gitUrl: string,
): object {
  const cluster = CLUSTER_TYPES[v.cluster.type];
  return {
    name: v.name,
    environment: env,
    region: v.region,
    ...cloudVariables(v),
    tags: { 'managed-by': 'forja', platform: v.name },
    network_cidr: v.networkCidr,
    cluster: {
      kubernetes_version: v.cluster.kubernetesVersion,
      serverless: cluster.serverless,
      node_pool: {
        instance_type: v.cluster.nodeSize,
        min_size: v.cluster.nodeCount.min,
        max_size: v.cluster.nodeCount.max,
        desired_size: v.cluster.nodeCount.desired,
      },
    },
    registry_repositories: v.registryRepositories,
    observability: {
      enabled: v.observability.enabled,
      retention_days: v.observability.retentionDays,
    },
    gitops: {
      repo_url: gitUrl,
      target_revision: 'main',
      chart_version: v.argocdChartVersion,
    },
    ...(v.postgres && {
      postgres: postgresModuleValues(v.postgres),
    }),
    ...(v.redis && {
      redis: { size: v.redis.size, replicas: v.redis.replicas },
    }),
    ...(v.broker &&
      BROKERS[v.broker.kind].moduleKind && {
        broker: {
          kind: BROKERS[v.broker.kind].moduleKind,
          size: v.broker.size,
          queues: v.broker.queues,
        },
      }),
    ...(v.dynamodbTables.length && {
      dynamodb_tables: v.dynamodbTables.map(t => ({
        name: t.name,
        hash_key: t.hashKey,
      })),
    }),
  };
}

/** Key Vault names: 3-24 characters (the cluster-addons module cuts the same way). */
function vaultName(platform: string): string {
  return platform.slice(0, 24).replace(/-+$/, '');
}

/** Where External Secrets Operator reads services' secrets: the cloud's secret manager. */
function secretStoreProvider(v: EnvironmentValues, env: string): object {
  if (v.cloud === 'aws')
    return { aws: { service: 'SecretsManager', region: v.region } };
  if (v.cloud === 'azure') {
    return {
      azurekv: {
        authType: 'WorkloadIdentity',
        vaultUrl: `https://${vaultName(`${v.name}-${env}`)}.vault.azure.net`,
        serviceAccountRef: {
          name: 'external-secrets',
          namespace: 'external-secrets',
        },
      },
    };
  }
  return { gcpsm: { projectID: v.gcpProjectId } };
}

function platformApps(
  v: EnvironmentValues,
  env: string,
  gitUrl: string,
): string {
  const docs: object[] = [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: 'platform',
        namespace: 'argocd',
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        description: `Platform add-ons of ${v.name}-${env}`,
        sourceRepos: [gitUrl, 'https://charts.bitnami.com/bitnami'],
        destinations: [
          { server: 'https://kubernetes.default.svc', namespace: '*' },
        ],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    },
  ];
  docs.push({
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: {
      name: SECRET_STORE,
      annotations: {
        // The CRD comes with External Secrets Operator, which Terraform installs.
        'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
      },
    },
    spec: { provider: secretStoreProvider(v, env) },
  });
  if (v.broker?.kind === 'rabbitmq-in-cluster') {
    docs.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'rabbitmq',
        namespace: 'argocd',
        labels: { 'forja.dev/environment': env },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'platform',
        source: {
          repoURL: 'https://charts.bitnami.com/bitnami',
          chart: 'rabbitmq',
          targetRevision: '15.1.0',
          helm: {
            valuesObject: {
              replicaCount: env === 'prod' ? 3 : 1,
              metrics: { enabled: true, serviceMonitor: { enabled: true } },
              persistence: { size: '8Gi' },
            },
          },
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'rabbitmq',
        },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['CreateNamespace=true'],
        },
      },
    });
  }
  return yamlDocuments(...docs);
}

function catalogInfo(
  v: EnvironmentValues,
  slug: string,
  envs: string[],
): string {
  const resource = (
    name: string,
    type: string,
    env: string,
    description: string,
  ) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      description,
      annotations: {
        'github.com/project-slug': slug,
        'forja.dev/cloud': v.cloud,
        'forja.dev/region': v.region,
        'forja.dev/environments': env,
        'forja.dev/terraform-dir': `dir:./terraform/environments/${env}`,
      },
    },
    spec: { type, owner: v.owner, ...(v.system ? { system: v.system } : {}) },
  });
  const docs = envs.flatMap(env => [
    resource(
      `${v.name}-${env}-cluster`,
      'kubernetes-cluster',
      env,
      `${v.cluster.type.toUpperCase()} cluster of ${env}`,
    ),
    ...(v.postgres
      ? [
          resource(
            `${v.name}-${env}-postgres`,
            'database',
            env,
            `PostgreSQL of ${env}`,
          ),
        ]
      : []),
    ...(v.redis
      ? [resource(`${v.name}-${env}-redis`, 'cache', env, `Redis of ${env}`)]
      : []),
    ...(v.broker
      ? [
          resource(
            `${v.name}-${env}-broker`,
            'queue',
            env,
            `${v.broker.kind} of ${env}`,
          ),
        ]
      : []),
  ]);
  return yamlDocuments(...docs);
}

function readme(v: EnvironmentValues, envs: string[]): string {
  const vars = {
    aws: '`AWS_ROLE_ARN` (the `ci_principal` output)',
    azure:
      '`AZURE_CLIENT_ID` (`ci_principal`), `AZURE_TENANT_ID` (`ci_provider`) and `AZURE_SUBSCRIPTION_ID`',
    gcp: '`GCP_SERVICE_ACCOUNT` (`ci_principal`) and `GCP_WORKLOAD_IDENTITY_PROVIDER` (`ci_provider`)',
  }[v.cloud];
  return `# ${v.name} platform (${v.cloud}, ${v.region})

Generated by Forja's environment template: ${envs.join(', ')}.

## Layout

- \`terraform/bootstrap\`: the state backend and the GitHub OIDC trust. Apply it once, locally, with local state.
- \`terraform/environments/<env>\`: network, ${
    v.cluster.type
  } cluster, registry${v.postgres ? ', PostgreSQL' : ''}${
    v.redis ? ', Redis' : ''
  }${v.broker ? `, ${v.broker.kind}` : ''}${
    v.dynamodbTables.length ? ', DynamoDB' : ''
  }, the cluster add-ons generated services need (\`cluster-addons\`: ingress controller, storage class, node autoscaling, External Secrets Operator), observability (kube-prometheus-stack and Grafana) and Argo CD with an app-of-apps. Modules come from Forja's \`terraform/modules\` at a pinned ref; every value is in \`terraform.auto.tfvars.json\`.
- \`terraform/environments/<env>/service-<name>.tf\`: one per registered service, added by the service template's pull request (\`service-wiring\`): its workload identity, its secret in the cloud's secret manager, its Argo CD project and Application.
- \`argocd/apps/<env>\`: what the app-of-apps syncs into each cluster, among it the \`${SECRET_STORE}\` ClusterSecretStore services' ExternalSecrets read.
- \`.github/workflows/terraform.yml\`: fmt and validate on every change, plan on pull requests, apply on merge behind each GitHub Environment.

## First run

1. \`cd terraform/bootstrap && terraform init && terraform apply\`.
2. Set the repository variables ${vars} from \`terraform output\`.
3. Create the GitHub Environments ${envs
    .map(e => `\`${e}\``)
    .join(
      ', ',
    )} with required reviewers for the ones that need approval; merging to \`main\` then applies them in order.
`;
}

/** Renders the environment repository from validated values and the template's skeleton. */
export async function renderEnvironment(
  v: EnvironmentValues,
  skeletonDir: string,
  moduleSource: ModuleSource = DEFAULT_MODULE_SOURCE,
): Promise<FileSet> {
  const { host, owner, repo } = parseRepoUrl(v.repoUrl);
  const slug = `${owner}/${repo}`;
  const gitUrl = `https://${host}/${slug}.git`;
  const envs = orderedEnvironments(v.environments);
  const files: FileSet = new Map();
  await addSkeleton(files, skeletonDir, 'common');

  const rootFiles: FileSet = new Map();
  await addSkeleton(rootFiles, skeletonDir, 'root');
  await addSkeleton(rootFiles, skeletonDir, `clouds/${v.cloud}/environment`);
  const components: FileSet = new Map();
  await addSkeleton(components, skeletonDir, 'components');
  const wanted = [
    v.postgres && 'postgres.tf',
    v.redis && 'redis.tf',
    v.broker && BROKERS[v.broker.kind].moduleKind && 'broker.tf',
    v.dynamodbTables.length && 'dynamodb.tf',
  ].filter(Boolean) as string[];
  wanted.forEach(file => rootFiles.set(file, components.get(file)!));

  for (const env of envs) {
    const dir = `terraform/environments/${env}`;
    for (const [file, text] of rootFiles) {
      files.set(
        `${dir}/${file}`,
        pinModuleSources(text, v.cloud, moduleSource),
      );
    }
    files.set(
      `${dir}/terraform.auto.tfvars.json`,
      json(environmentTfvars(v, env, gitUrl)),
    );
    files.set(
      `${dir}/backend.tfbackend`,
      tfbackend(backendConfig(v, `environments/${env}`)),
    );
    files.set(`argocd/apps/${env}/platform.yaml`, platformApps(v, env, gitUrl));
  }

  const bootstrap: FileSet = new Map();
  await addSkeleton(bootstrap, skeletonDir, 'bootstrap');
  await addSkeleton(bootstrap, skeletonDir, `clouds/${v.cloud}/bootstrap`);
  for (const [file, text] of bootstrap) {
    files.set(
      `terraform/bootstrap/${file}`,
      pinModuleSources(text, v.cloud, moduleSource),
    );
  }
  files.set(
    'terraform/bootstrap/terraform.auto.tfvars.json',
    json({
      name: v.name,
      region: v.region,
      ...cloudVariables(v),
      tags: { 'managed-by': 'forja', platform: v.name },
      github_repository: slug,
      environments: envs,
      ci_roles: CI_ROLES[v.cloud],
    }),
  );
  files.set(
    '.forja/environment.json',
    json({
      name: v.name,
      cloud: v.cloud,
      region: v.region,
      environments: envs,
    }),
  );
  files.set('catalog-info.yaml', catalogInfo(v, slug, envs));
  files.set('README.md', readme(v, envs));
  return files;
}
