import { z } from 'zod';
import { addSkeleton, FileSet, json, yamlDocuments } from './files';
import { SECRET_STORE } from './secretStore';
import {
  checkRegion,
  CLOUDS,
  dnsLabel,
  entityRef,
  EnvironmentName,
  environmentList,
  ENVIRONMENTS,
  parseRepoUrl,
  rejectCredentials,
  repoUrl,
} from './inputs';

const REGISTRY_PATTERNS = {
  aws: /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/,
  azure: /^[a-z0-9]{5,50}\.azurecr\.io$/,
  gcp: /^[a-z0-9-]+-docker\.pkg\.dev\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/[a-z][a-z0-9-]{0,62}$/,
};
const REGISTRY_EXAMPLES = {
  aws: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
  azure: 'acmeregistry.azurecr.io',
  gcp: 'us-central1-docker.pkg.dev/acme-prod/services',
};

export const serviceValuesSchema = z
  .object({
    name: dnsLabel(40),
    description: z
      .string()
      .max(300, 'must be at most 300 characters')
      .default(''),
    owner: entityRef(['group', 'user']),
    system: dnsLabel(63),
    namespace: dnsLabel(63).optional(),
    language: z.enum(['go', 'node', 'python']),
    port: z.number().int().min(1024).max(65535).default(8080),
    dependencies: z
      .array(z.enum(['postgres', 'redis', 'rabbitmq', 'queue', 'dynamodb']))
      .refine(d => new Set(d).size === d.length, 'must not repeat an entry')
      .default([]),
    environments: environmentList,
    cloud: z.enum(CLOUDS),
    region: z.string(),
    registry: z.string(),
    ciIdentity: z.object({
      awsRoleArn: z
        .string()
        .regex(
          /^arn:aws:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,64}$/,
          'must be an IAM role ARN',
        )
        .optional(),
      azureClientId: z.uuid('must be a client id (UUID)').optional(),
      azureTenantId: z.uuid('must be a tenant id (UUID)').optional(),
      azureSubscriptionId: z
        .uuid('must be a subscription id (UUID)')
        .optional(),
      gcpWorkloadIdentityProvider: z
        .string()
        .regex(
          /^projects\/[0-9]{1,20}\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/,
          'must be projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>',
        )
        .optional(),
      gcpServiceAccount: z
        .string()
        .regex(
          /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
          'must be a service account email',
        )
        .optional(),
    }),
    argocd: z.object({
      instance: dnsLabel(63).default('main'),
      project: dnsLabel(63),
      namespace: dnsLabel(63).default('argocd'),
    }),
    deployStrategy: z.enum(['rolling', 'blue-green']).default('rolling'),
    /**
     * The platform (environment repository) the service is generated for: its Argo CD
     * deploys the service, and a pull request there registers the service's identity,
     * secret and Application.
     */
    platform: z
      .object({
        name: dnsLabel(16),
        repoUrl,
      })
      .strict()
      .optional(),
    baseDomain: z
      .string()
      .max(200, 'must be at most 200 characters')
      .regex(
        /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'must be a DNS domain such as example.com',
      ),
    repoUrl,
  })
  .strict()
  .superRefine((values, ctx) => {
    rejectCredentials(values, ctx);
    checkRegion(values.cloud, values.region, ctx);
    if (!REGISTRY_PATTERNS[values.cloud].test(values.registry)) {
      ctx.addIssue({
        code: 'custom',
        path: ['registry'],
        message: `must be a ${values.cloud} registry such as ${
          REGISTRY_EXAMPLES[values.cloud]
        }`,
      });
    }
    const required = {
      aws: ['awsRoleArn'],
      azure: ['azureClientId', 'azureTenantId', 'azureSubscriptionId'],
      gcp: ['gcpWorkloadIdentityProvider', 'gcpServiceAccount'],
    }[values.cloud] as Array<keyof typeof values.ciIdentity>;
    for (const key of required) {
      if (!values.ciIdentity[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['ciIdentity', key],
          message: `is required to push images from GitHub Actions to ${values.cloud} by OIDC`,
        });
      }
    }
    if (values.dependencies.includes('dynamodb') && values.cloud !== 'aws') {
      ctx.addIssue({
        code: 'custom',
        path: ['dependencies'],
        message: 'DynamoDB is only available on aws',
      });
    }
    if (
      values.dependencies.includes('rabbitmq') &&
      values.dependencies.includes('queue')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['dependencies'],
        message: 'choose RabbitMQ or the cloud queue, not both',
      });
    }
  });

export type ServiceValues = z.infer<typeof serviceValuesSchema>;

const INGRESS_CLASS = {
  aws: 'alb',
  azure: 'webapprouting.kubernetes.azure.com',
  gcp: 'gce',
};
const SCALE: Record<EnvironmentName, { min: number; max: number }> = {
  dev: { min: 1, max: 3 },
  qa: { min: 1, max: 3 },
  staging: { min: 2, max: 6 },
  prod: { min: 3, max: 20 },
};
const COLORS = ['blue', 'green'] as const;

/** The Kubernetes namespace: the system's name unless one is given. */
function namespaceOf(v: ServiceValues): string {
  return v.namespace ?? v.system;
}

export function orderedEnvironments(
  envs: readonly EnvironmentName[],
): EnvironmentName[] {
  return ENVIRONMENTS.filter(e => envs.includes(e));
}

function ingressHost(v: ServiceValues, env: EnvironmentName): string {
  return env === 'prod'
    ? `${v.name}.${v.baseDomain}`
    : `${v.name}.${env}.${v.baseDomain}`;
}

/** The placeholder image names in base manifests, set per overlay with `images:`. */
function imagePlaceholders(v: ServiceValues): string[] {
  return v.deployStrategy === 'blue-green'
    ? COLORS.map(c => `${v.name}-${c}`)
    : [v.name];
}

function catalogInfo(v: ServiceValues, slug: string, webUrl: string): string {
  const envs = orderedEnvironments(v.environments);
  return yamlDocuments({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: v.name,
      ...(v.description ? { description: v.description } : {}),
      annotations: {
        'github.com/project-slug': slug,
        'backstage.io/source-location': `url:${webUrl}/tree/main/`,
        'backstage.io/kubernetes-id': v.name,
        'backstage.io/kubernetes-namespace': namespaceOf(v),
        'argocd/app-selector': `backstage.io/kubernetes-id=${v.name}`,
        'argocd/project-name': v.platform ? v.name : v.argocd.project,
        'argocd/instance-name': v.argocd.instance,
        'grafana/dashboard-selector': `tags @> '${v.name}'`,
        'grafana/alert-label-selector': `service=${v.name}`,
        'forja.dev/environments': envs.join(','),
        'forja.dev/cloud': v.cloud,
        'forja.dev/region': v.region,
        'forja.dev/deploy-strategy': v.deployStrategy,
        'forja.dev/kustomize-dir': 'dir:./k8s',
      },
      tags: [v.language],
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: v.owner,
      system: v.system,
    },
  });
}

function podLabels(v: ServiceValues, color?: string) {
  return {
    'app.kubernetes.io/name': v.name,
    'backstage.io/kubernetes-id': v.name,
    ...(color ? { 'forja.dev/color': color } : {}),
  };
}

/** Azure workload identity injects its token only into pods carrying this label. */
function identityPodLabels(v: ServiceValues): Record<string, string> {
  return v.cloud === 'azure' ? { 'azure.workload.identity/use': 'true' } : {};
}

/** The cloud secret the platform writes for the service in one environment. */
export function cloudSecretName(
  v: ServiceValues,
  env: EnvironmentName,
): string {
  return `${v.platform!.name}-${env}-${v.name}`;
}

function deployment(v: ServiceValues, color?: string) {
  const name = color ? `${v.name}-${color}` : v.name;
  const selector = {
    'app.kubernetes.io/name': v.name,
    ...(color ? { 'forja.dev/color': color } : {}),
  };
  const probe = (path: string, extra: object) => ({
    httpGet: { path, port: 'http' },
    ...extra,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: podLabels(v, color) },
    spec: {
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
      },
      template: {
        metadata: {
          labels: { ...podLabels(v, color), ...identityPodLabels(v) },
        },
        spec: {
          serviceAccountName: v.name,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
            },
          ],
          containers: [
            {
              name: 'app',
              image: color ? `${v.name}-${color}` : v.name,
              ports: [{ name: 'http', containerPort: v.port, protocol: 'TCP' }],
              envFrom: [
                { configMapRef: { name: `${v.name}-config` } },
                // Registered on a platform, the secret always exists (its ExternalSecret).
                v.platform
                  ? { secretRef: { name: `${v.name}-secrets` } }
                  : {
                      secretRef: { name: `${v.name}-secrets`, optional: true },
                    },
              ],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '500m', memory: '256Mi' },
              },
              startupProbe: probe('/healthz', {
                periodSeconds: 2,
                failureThreshold: 30,
              }),
              readinessProbe: probe('/healthz', {
                periodSeconds: 5,
                failureThreshold: 3,
              }),
              livenessProbe: probe('/healthz', {
                periodSeconds: 10,
                failureThreshold: 3,
              }),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

function service(v: ServiceValues, name: string, color?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: podLabels(v) },
    spec: {
      type: 'ClusterIP',
      selector: {
        'app.kubernetes.io/name': v.name,
        ...(color ? { 'forja.dev/color': color } : {}),
      },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function hpa(v: ServiceValues, target: string) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: target, labels: podLabels(v) },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
  };
}

function baseManifests(v: ServiceValues, files: FileSet): void {
  const colors = v.deployStrategy === 'blue-green' ? [...COLORS] : [undefined];
  const targets = colors.map(c => (c ? `${v.name}-${c}` : v.name));
  const resources: Record<string, unknown[]> = {
    'serviceaccount.yaml': [
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: v.name, labels: podLabels(v) },
      },
    ],
    'configmap.yaml': [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${v.name}-config`, labels: podLabels(v) },
        data: {
          SERVICE_NAME: v.name,
          PORT: String(v.port),
          LOG_LEVEL: 'info',
          ...Object.fromEntries(
            v.dependencies.map(d => [`FORJA_USES_${d.toUpperCase()}`, 'true']),
          ),
        },
      },
    ],
    'deployment.yaml': colors.map(c => deployment(v, c)),
    'service.yaml':
      v.deployStrategy === 'blue-green'
        ? [service(v, v.name, 'blue'), service(v, `${v.name}-preview`, 'green')]
        : [service(v, v.name)],
    'hpa.yaml': targets.map(t => hpa(v, t)),
    'pdb.yaml': [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: v.name, labels: podLabels(v) },
        spec: {
          minAvailable: 1,
          selector: { matchLabels: { 'app.kubernetes.io/name': v.name } },
        },
      },
    ],
    'ingress.yaml': [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: v.name, labels: podLabels(v) },
        spec: {
          ingressClassName: INGRESS_CLASS[v.cloud],
          rules: [
            {
              host: `${v.name}.${v.baseDomain}`,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: {
                      service: { name: v.name, port: { name: 'http' } },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    ],
    'servicemonitor.yaml': [
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: v.name, labels: podLabels(v) },
        spec: {
          selector: { matchLabels: { 'app.kubernetes.io/name': v.name } },
          endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
        },
      },
    ],
  };
  for (const [file, docs] of Object.entries(resources)) {
    files.set(`k8s/base/${file}`, yamlDocuments(...docs));
  }
  files.set(
    'k8s/base/kustomization.yaml',
    yamlDocuments({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: namespaceOf(v),
      resources: Object.keys(resources),
    }),
  );
}

function overlay(v: ServiceValues, env: EnvironmentName, files: FileSet): void {
  const dir = `k8s/overlays/${env}`;
  const targets =
    v.deployStrategy === 'blue-green'
      ? COLORS.map(c => `${v.name}-${c}`)
      : [v.name];
  const patches: Array<{ path: string; target?: object }> = [];
  files.set(
    `${dir}/patch-scale.yaml`,
    yamlDocuments(
      ...targets.map(t => ({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: t },
        spec: { minReplicas: SCALE[env].min, maxReplicas: SCALE[env].max },
      })),
    ),
  );
  patches.push({ path: 'patch-scale.yaml' });
  files.set(
    `${dir}/patch-ingress-host.yaml`,
    yamlDocuments([
      { op: 'replace', path: '/spec/rules/0/host', value: ingressHost(v, env) },
    ]),
  );
  patches.push({
    path: 'patch-ingress-host.yaml',
    target: {
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'Ingress',
      name: v.name,
    },
  });
  if (v.deployStrategy === 'blue-green') {
    files.set(
      `${dir}/patch-active-color.yaml`,
      yamlDocuments(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: v.name },
          spec: { selector: { 'forja.dev/color': 'blue' } },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `${v.name}-preview` },
          spec: { selector: { 'forja.dev/color': 'green' } },
        },
      ),
    );
    patches.push({ path: 'patch-active-color.yaml' });
  }
  if (v.platform) {
    files.set(
      `${dir}/externalsecret.yaml`,
      yamlDocuments({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: `${v.name}-secrets`, labels: podLabels(v) },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: SECRET_STORE },
          target: { name: `${v.name}-secrets`, creationPolicy: 'Owner' },
          dataFrom: [{ extract: { key: cloudSecretName(v, env) } }],
        },
      }),
    );
  }
  files.set(
    `${dir}/kustomization.yaml`,
    yamlDocuments({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['../../base', ...(v.platform ? ['externalsecret.yaml'] : [])],
      labels: [
        { pairs: { 'forja.dev/environment': env }, includeSelectors: false },
      ],
      configMapGenerator: [
        {
          name: `${v.name}-config`,
          behavior: 'merge',
          literals: [`ENVIRONMENT=${env}`],
        },
      ],
      patches,
      images: imagePlaceholders(v).map(name => ({
        name,
        newName: `${v.registry}/${v.name}`,
        newTag: 'unreleased',
      })),
    }),
  );
}

function argocd(v: ServiceValues, repoGitUrl: string, files: FileSet): void {
  const envs = orderedEnvironments(v.environments);
  files.set(
    'argocd/appproject.yaml',
    yamlDocuments({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: v.argocd.project,
        namespace: v.argocd.namespace,
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        description: `Services of the ${v.system} system`,
        sourceRepos: [repoGitUrl],
        destinations: [
          {
            server: 'https://kubernetes.default.svc',
            namespace: namespaceOf(v),
          },
        ],
        clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
        namespaceResourceWhitelist: [
          { group: '', kind: 'ConfigMap' },
          { group: '', kind: 'Service' },
          { group: '', kind: 'ServiceAccount' },
          { group: 'apps', kind: 'Deployment' },
          { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
          { group: 'policy', kind: 'PodDisruptionBudget' },
          { group: 'networking.k8s.io', kind: 'Ingress' },
          { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' },
        ],
        orphanedResources: { warn: true },
      },
    }),
  );
  for (const env of envs) {
    files.set(
      `argocd/application-${env}.yaml`,
      yamlDocuments({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: `${v.name}-${env}`,
          namespace: v.argocd.namespace,
          labels: {
            'backstage.io/kubernetes-id': v.name,
            'forja.dev/environment': env,
          },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: v.argocd.project,
          source: {
            repoURL: repoGitUrl,
            targetRevision: 'main',
            path: `k8s/overlays/${env}`,
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: namespaceOf(v),
          },
          syncPolicy: {
            automated: { prune: env !== 'prod', selfHeal: true },
            syncOptions: ['CreateNamespace=true', 'PruneLast=true'],
            retry: {
              limit: 5,
              backoff: { duration: '10s', factor: 2, maxDuration: '3m' },
            },
          },
        },
      }),
    );
  }
}

function readme(v: ServiceValues, webUrl: string): string {
  const envs = orderedEnvironments(v.environments);
  const lines = [
    `# ${v.name}`,
    '',
    v.description,
    '',
    `Generated by Forja's service template. Owner \`${v.owner}\`, system \`${v.system}\`, ${v.language} on ${v.cloud} (${v.region}).`,
    '',
    '## Layout',
    '',
    '- `src/`, `Dockerfile`: the service; it serves `/healthz` and Prometheus metrics on `/metrics`.',
    '- `k8s/base`: Deployment, Service, ConfigMap, HPA, PodDisruptionBudget, Ingress, ServiceMonitor.',
    `- \`k8s/overlays/{${envs.join(
      ',',
    )}}\`: per-environment image, scale and ingress host.`,
    v.platform
      ? `- \`k8s/overlays/<env>/externalsecret.yaml\`: the \`${v.name}-secrets\` Secret, from the platform's secret store.`
      : '- `argocd/`: the AppProject and one Application per environment, pinned to `main`.',
    `- \`.github/workflows\`: tests, image build and push by OIDC, the deploy pull request (GitOps image bump), promotion${
      v.deployStrategy === 'blue-green' ? ', blue/green switch.' : '.'
    }`,
    '- `.forja/service.json`: the values the workflows read (no secrets).',
    '',
    '## Delivery',
    '',
    `Every push to \`main\` builds \`${v.registry}/${v.name}:<sha>\` and opens a pull request (branch \`deploy/${envs[0]}-<sha>\`) moving \`k8s/overlays/${envs[0]}\` to it; once it is reviewed and merged, Argo CD syncs it. Run the **promote** workflow to open a pull request moving the next environment to the previous one's image.`,
    '',
    "`main` accepts changes only through reviewed pull requests, the workflows' own included: no app or workflow may push to it. The workflows open their pull requests with the job's `GITHUB_TOKEN`, so the repository (and its organization) must allow it: Settings → Actions → General → Workflow permissions → **Allow GitHub Actions to create and approve pull requests**.",
    '',
    v.deployStrategy === 'blue-green'
      ? 'Blue/green: the deploy pull request updates the idle colour (behind `' +
        `${v.name}-preview` +
        '`); the **blue-green switch** workflow opens a pull request that points the main Service at it.'
      : '',
    '',
    `The first build's pull request replaces the placeholder tag \`unreleased\`.`,
    '',
    v.platform
      ? `On the \`${v.platform.name}\` platform: its Argo CD deploys \`k8s/overlays/<env>\` once the registration pull request the template opened there is merged and applied. That pull request adds \`terraform/environments/<env>/service-${v.name}.tf\`: the service's workload identity (allowed to use exactly what it depends on), its Argo CD project and Application, and the cloud secret \`${v.platform.name}-<env>-${v.name}\` holding its settings and credentials, which each overlay's ExternalSecret turns into the \`${v.name}-secrets\` Secret the Deployment reads.`
      : `Not registered on a platform: apply \`argocd/\` to an Argo CD yourself, and create the \`${v.name}-secrets\` Secret (database, cache, broker URLs) the Deployment reads when present.`,
    '',
    `Repository: ${webUrl}`,
    '',
  ];
  return lines
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}

/** Renders the service repository from validated values and the template's skeleton. */
export async function renderService(
  v: ServiceValues,
  skeletonDir: string,
): Promise<FileSet> {
  const files: FileSet = new Map();
  const { host, owner, repo } = parseRepoUrl(v.repoUrl);
  const slug = `${owner}/${repo}`;
  const webUrl = `https://${host}/${slug}`;
  const repoGitUrl = `${webUrl}.git`;
  await addSkeleton(files, skeletonDir, 'common');
  await addSkeleton(files, skeletonDir, `languages/${v.language}`);
  if (v.deployStrategy === 'blue-green')
    await addSkeleton(files, skeletonDir, 'blue-green');

  files.set('catalog-info.yaml', catalogInfo(v, slug, webUrl));
  files.set('README.md', readme(v, webUrl));
  const envs = orderedEnvironments(v.environments);
  files.set(
    '.forja/service.json',
    json({
      name: v.name,
      language: v.language,
      cloud: v.cloud,
      region: v.region,
      image: `${v.registry}/${v.name}`,
      registry: v.registry,
      environments: envs,
      deployStrategy: v.deployStrategy,
      imagePlaceholders: imagePlaceholders(v),
      ciIdentity: v.ciIdentity,
    }),
  );
  baseManifests(v, files);
  envs.forEach(env => overlay(v, env, files));
  // On a platform, the platform's Argo CD holds the service's project and Applications.
  if (!v.platform) argocd(v, repoGitUrl, files);
  return files;
}
