import { z } from 'zod';
import {
  checkRegion,
  CLOUDS,
  dnsLabel,
  entityRef,
  EnvironmentName,
  environmentList,
  ENVIRONMENTS,
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
    /** HTTPS for its host, with the certificates its platform's dns option issues. */
    tls: z.boolean().default(false),
    /** GB a month the service is expected to serve, per environment: sizes its load balancer's estimate. */
    expectedTraffic: z
      .partialRecord(
        z.enum(ENVIRONMENTS),
        z.number().int().min(0).max(100_000_000),
      )
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
    for (const env of Object.keys(values.expectedTraffic ?? {})) {
      if (!values.environments.includes(env as EnvironmentName)) {
        ctx.addIssue({
          code: 'custom',
          path: ['expectedTraffic', env],
          message: `${env} is not one of the service's environments`,
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

export function orderedEnvironments(
  envs: readonly EnvironmentName[],
): EnvironmentName[] {
  return ENVIRONMENTS.filter(e => envs.includes(e));
}
