import { InputError } from '@backstage/errors';
import { FORJA_REGIONS } from '@forja/plugin-cost-node';
import { z } from 'zod';

/** Rules shared by every template; the template.yaml forms mirror them (see inputs.test.ts). */
export const ENVIRONMENTS = ['dev', 'qa', 'staging', 'prod'] as const;
export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
/** The regions the templates offer: those Forja's price catalog is kept for. */
export const REGIONS: Record<Cloud, readonly string[]> = FORJA_REGIONS;
export type Cloud = (typeof CLOUDS)[number];
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export const DNS_LABEL = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
const DNS_LABEL_MESSAGE =
  'must be a DNS-1123 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';

export const dnsLabel = (max: number) =>
  z
    .string()
    .min(2, 'must be at least 2 characters')
    .max(max, `must be at most ${max} characters`)
    .regex(DNS_LABEL, DNS_LABEL_MESSAGE);

export const entityRef = (kinds: string[]) =>
  z
    .string()
    .regex(
      new RegExp(
        `^(?:(?:${kinds.join(
          '|',
        )}):)?(?:[a-z0-9][a-z0-9._-]{0,62}/)?[a-z0-9][a-z0-9._-]{0,62}$`,
        'i',
      ),
      `must be an entity reference such as ${kinds[0]}:default/team-a`,
    );

/** The RepoUrlPicker value, `github.com?owner=acme&repo=orders`. */
export const repoUrl = z
  .string()
  .regex(
    /^[a-z0-9.-]+(:[0-9]{1,5})?\?owner=[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})&repo=[A-Za-z0-9._-]{1,100}$/,
    'must be a repository location such as github.com?owner=acme&repo=orders',
  )
  .refine(
    v => !/repo=\.{1,2}$/.test(v),
    'repository name cannot be "." or ".."',
  );

export function parseRepoUrl(value: string): {
  host: string;
  owner: string;
  repo: string;
} {
  const url = new URL(`https://${value}`);
  return {
    host: url.host,
    owner: url.searchParams.get('owner')!,
    repo: url.searchParams.get('repo')!,
  };
}

const uniqueList = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .refine(
      items => new Set(items).size === items.length,
      'must not repeat an entry',
    );

export const environmentList = uniqueList(z.enum(ENVIRONMENTS)).min(
  1,
  'choose at least one environment',
);

const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [
    /\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{20,}/,
    'a GitHub token',
  ],
  [/"type"\s*:\s*"service_account"/, 'a GCP service account key'],
  [/AccountKey=[A-Za-z0-9+/=]{20,}/, 'an Azure storage key'],
];

/**
 * Forja's generated repositories reach clouds only by OIDC: a value that looks like a
 * stored credential is refused wherever it appears.
 */
export function rejectCredentials(
  value: unknown,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  if (typeof value === 'string') {
    for (const [pattern, what] of CREDENTIAL_PATTERNS) {
      if (pattern.test(value)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `looks like ${what}; Forja uses OIDC and never stores cloud credentials`,
        });
        return;
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => rejectCredentials(item, ctx, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      rejectCredentials(item, ctx, [...path, key]);
  }
}

export function checkRegion(
  cloud: Cloud,
  region: string,
  ctx: z.RefinementCtx,
): void {
  if (!REGIONS[cloud].includes(region)) {
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message: `must be one of the ${cloud} regions Forja prices and supports: ${REGIONS[
        cloud
      ].join(', ')}`,
    });
  }
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A cloud SKU or instance size, such as m6i.large, Standard_D4s_v5 or db-custom-2-7680. */
export const sku = (what: string) => z.string().regex(SKU, `must be ${what}`);

/** The account a Terraform root provisions into, where the cloud needs one named. */
export const cloudAccountFields = {
  azureSubscriptionId: z.uuid('must be a subscription id (UUID)').optional(),
  gcpProjectId: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a GCP project id')
    .optional(),
};

export function checkCloudAccount(
  v: { cloud: Cloud; azureSubscriptionId?: string; gcpProjectId?: string },
  ctx: z.RefinementCtx,
): void {
  if (v.cloud === 'azure' && !v.azureSubscriptionId) {
    ctx.addIssue({
      code: 'custom',
      path: ['azureSubscriptionId'],
      message: 'is required on azure',
    });
  }
  if (v.cloud === 'gcp' && !v.gcpProjectId) {
    ctx.addIssue({
      code: 'custom',
      path: ['gcpProjectId'],
      message: 'is required on gcp',
    });
  }
}

export const postgresInput = z.object({
  flavor: z.enum(['standard', 'aurora']).default('standard'),
  size: sku('an RDS class, Flexible Server SKU or Cloud SQL tier'),
  storageGb: z.number().int().min(20).max(16384).default(32),
  highAvailability: z.boolean().default(false),
  databaseName: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a lowercase database name')
    .default('app'),
});

/** A broker size (Amazon MQ instance type, Service Bus tier), or empty where none applies. */
export const brokerSize = z
  .string()
  .regex(/^$|^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a broker size')
  .default('');

export const redisInput = z.object({
  size: sku('a cache size'),
  replicas: z.number().int().min(0).max(5).default(1),
});

/** Terraform's shape of postgresInput, for the postgres-db module. */
export function postgresModuleValues(p: z.infer<typeof postgresInput>) {
  return {
    flavor: p.flavor,
    size: p.size,
    storage_gb: p.storageGb,
    high_availability: p.highAvailability,
    database_name: p.databaseName,
  };
}

export interface FieldError {
  field: string;
  message: string;
}

/** Bad template values, each with the field it belongs to; nothing is written or published. */
export class TemplateInputError extends InputError {
  constructor(readonly errors: FieldError[]) {
    super(
      `invalid template input: ${errors
        .map(e => `${e.field || '(values)'}: ${e.message}`)
        .join('; ')}`,
    );
  }
}

/** Parses values with a template's schema; every problem is reported with its field. */
export function parseValues<T extends z.ZodTypeAny>(
  schema: T,
  values: unknown,
): z.infer<T> {
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new TemplateInputError(
      result.error.issues.map(issue => ({
        field: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
