import { InputError } from '@backstage/errors';
import {
  Document,
  isMap,
  isSeq,
  parseAllDocuments,
  parseDocument,
  YAMLSeq,
} from 'yaml';
import { z } from 'zod';
import {
  BACKEND_TYPES,
  backendConfig,
  ModuleSource,
  pinModuleSources,
  tfbackend,
} from './environment';
import { addSkeleton, FileSet, json, yamlDocuments } from './files';
import {
  brokerSize,
  checkCloudAccount,
  checkRegion,
  cloudAccountFields,
  postgresInput,
  postgresModuleValues,
  redisInput,
  CLOUDS,
  dnsLabel,
  environmentList,
  rejectCredentials,
  repoUrl,
} from './inputs';
import { orderedEnvironments } from './service';

const RESOURCE_TYPES = {
  postgres: 'database',
  redis: 'cache',
  queue: 'queue',
} as const;

export const addResourceValuesSchema = z
  .object({
    repoUrl,
    kind: z.enum(['postgres', 'redis', 'queue']),
    name: dnsLabel(30),
    platform: dnsLabel(16).describe('name given to the environment template'),
    cloud: z.enum(CLOUDS),
    region: z.string(),
    environments: environmentList,
    ...cloudAccountFields,
    postgres: postgresInput.optional(),
    redis: redisInput.optional(),
    queue: z
      .object({
        kind: z.enum(['queue', 'rabbitmq']).default('queue'),
        size: brokerSize,
        queues: z.array(dnsLabel(63)).min(1, 'name at least one queue').max(50),
      })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    rejectCredentials(v, ctx);
    checkRegion(v.cloud, v.region, ctx);
    if (!v[v.kind]) {
      ctx.addIssue({
        code: 'custom',
        path: [v.kind],
        message: `describe the ${v.kind} to add`,
      });
    }
    checkCloudAccount(v, ctx);
  });

export type AddResourceValues = z.infer<typeof addResourceValuesSchema>;

/** Reads a file of the service repository (the workspace); undefined when absent. */
export type ReadExisting = (path: string) => Promise<string | undefined>;

async function required(read: ReadExisting, file: string): Promise<string> {
  const text = await read(file);
  if (text === undefined) {
    throw new InputError(
      `${file} is missing: add-resource works on repositories made by Forja's service template`,
    );
  }
  return text;
}

function moduleValues(v: AddResourceValues): Record<string, unknown> {
  if (v.kind === 'postgres')
    return { postgres: postgresModuleValues(v.postgres!) };
  if (v.kind === 'redis')
    return { redis: { size: v.redis!.size, replicas: v.redis!.replicas } };
  return {
    queue: {
      kind: v.queue!.kind,
      size: v.queue!.size,
      queues: v.queue!.queues,
    },
  };
}

/** Adds the patch to an overlay's kustomization, keeping the file's comments and layout. */
function addPatch(kustomization: string, file: string, patch: object): string {
  const doc = parseDocument(kustomization);
  if (!isMap(doc.contents))
    throw new InputError(`${file} is not a Kustomization`);
  const patches = doc.get('patches');
  if (patches === undefined) doc.set('patches', doc.createNode([patch]));
  else if (isSeq(patches)) (patches as YAMLSeq).add(doc.createNode(patch));
  else throw new InputError(`${file}: "patches" is not a list`);
  return doc.toString({ lineWidth: 0 });
}

/** Adds the Resource to catalog-info.yaml and makes the service depend on it. */
function addCatalogResource(
  catalogInfo: string,
  v: AddResourceValues,
  envs: string[],
): { text: string; service: string } {
  const docs = parseAllDocuments(catalogInfo) as Document[];
  const component = docs.find(d => d.get('kind') === 'Component');
  if (!component) throw new InputError('catalog-info.yaml has no Component');
  const service = String(component.getIn(['metadata', 'name']));
  const owner = component.getIn(['spec', 'owner']);
  const system = component.getIn(['spec', 'system']);
  const ref = `resource:${v.name}`;
  const dependsOn = component.getIn(['spec', 'dependsOn']);
  if (dependsOn === undefined)
    component.setIn(['spec', 'dependsOn'], component.createNode([ref]));
  else if (isSeq(dependsOn)) {
    if (
      !dependsOn.items.some(
        item => String((item as { value?: unknown }).value ?? item) === ref,
      )
    ) {
      (dependsOn as YAMLSeq).add(ref);
    }
  }
  const resource = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: v.name,
      description: `${v.kind} of ${service}`,
      annotations: {
        'forja.dev/cloud': v.cloud,
        'forja.dev/region': v.region,
        'forja.dev/environments': envs.join(','),
        'forja.dev/terraform-dir': `dir:./terraform/resources/${v.name}`,
      },
    },
    spec: {
      type: RESOURCE_TYPES[v.kind],
      owner,
      ...(system ? { system } : {}),
    },
  };
  const text = `${docs
    .map(d => d.toString({ lineWidth: 0 }))
    .join('---\n')}---\n${yamlDocuments(resource)}`;
  return { text, service };
}

/**
 * Renders the changes that add one resource to a service repository: a Terraform root
 * (Forja module at a pinned ref, placed by the environment's remote state), an overlay
 * patch per environment that hands the connection Secret to the Deployment, and the
 * catalog Resource the service depends on.
 */
export async function renderAddResource(
  v: AddResourceValues,
  skeletonDir: string,
  read: ReadExisting,
  moduleSource: ModuleSource,
): Promise<FileSet> {
  const envs = orderedEnvironments(v.environments);
  const files: FileSet = new Map();
  const catalog = addCatalogResource(
    await required(read, 'catalog-info.yaml'),
    v,
    envs,
  );
  files.set('catalog-info.yaml', catalog.text);

  const dir = `terraform/resources/${v.name}`;
  const root: FileSet = new Map();
  await addSkeleton(root, skeletonDir, 'common');
  await addSkeleton(root, skeletonDir, `clouds/${v.cloud}`);
  const kinds: FileSet = new Map();
  await addSkeleton(kinds, skeletonDir, 'kinds');
  root.set(`${v.kind}.tf`, kinds.get(`${v.kind}.tf`)!);
  for (const [file, text] of root) {
    files.set(`${dir}/${file}`, pinModuleSources(text, v.cloud, moduleSource));
  }
  const platform = { name: v.platform, cloud: v.cloud, region: v.region };
  for (const env of envs) {
    files.set(
      `${dir}/${env}.tfvars.json`,
      json({
        name: v.name,
        environment: env,
        region: v.region,
        ...(v.cloud === 'azure' && { subscription_id: v.azureSubscriptionId }),
        ...(v.cloud === 'gcp' && { project_id: v.gcpProjectId }),
        environment_state: {
          backend: BACKEND_TYPES[v.cloud],
          config: backendConfig(platform, `environments/${env}`),
        },
        ...moduleValues(v),
      }),
    );
    files.set(
      `${dir}/${env}.tfbackend`,
      tfbackend(
        backendConfig(
          platform,
          `resources/${catalog.service}/${v.name}/${env}`,
        ),
      ),
    );

    const overlay = `k8s/overlays/${env}`;
    const patchFile = `patch-${v.name}.yaml`;
    files.set(
      `${overlay}/${patchFile}`,
      yamlDocuments([
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/envFrom/-',
          value: {
            secretRef: { name: `${v.name}-connection`, optional: true },
          },
        },
      ]),
    );
    const kustomizationFile = `${overlay}/kustomization.yaml`;
    files.set(
      kustomizationFile,
      addPatch(await required(read, kustomizationFile), kustomizationFile, {
        path: patchFile,
        target: {
          kind: 'Deployment',
          labelSelector: `app.kubernetes.io/name=${catalog.service}`,
        },
      }),
    );
  }
  return files;
}
