import {
  kustomizeBuild,
  loadTerraform,
  podSpecOf,
} from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readTree } from '../readTree';
import { Finding } from '../types';
import { EnvironmentFacts } from './environmentFacts';
import { albIngressProblems } from './albIngress';
import { ingressHostProblems } from './ingressHostsAndTls';

type K8s = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  data?: Record<string, string>;
};

const POD_LABELS: Record<string, (o: K8s) => Record<string, string>> = {
  Pod: o => o.metadata?.labels ?? {},
  CronJob: o => o.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {},
};
const podLabels = (o: K8s) =>
  (POD_LABELS[o.kind!] ?? (x => x.spec?.template?.metadata?.labels ?? {}))(o);

/** Configuration that says a pod calls a cloud API (a managed queue, table or bucket). */
const CLOUD_API =
  /^FORJA_USES_(QUEUE|DYNAMODB|BUCKET|STORAGE)$|(^|_)(SQS|DYNAMODB|S3_BUCKET|SERVICEBUS|PUBSUB|BLOB)(_|$)/;

/** Where each workload identity is declared on a ServiceAccount (and pod). */
const IDENTITY: Record<string, { annotation: string; podLabel?: string }> = {
  aws: { annotation: 'eks.amazonaws.com/role-arn' },
  azure: {
    annotation: 'azure.workload.identity/client-id',
    podLabel: 'azure.workload.identity/use',
  },
  gcp: { annotation: 'iam.gke.io/gcp-service-account' },
};

const IN_CLUSTER = 'https://kubernetes.default.svc';

const lineIn = (text: string, needle: string) => {
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
};

/** The file under the service's k8s/ tree that declares kind/name, with its line. */
async function locator(root: string) {
  const index = new Map<string, { file: string; line?: number }>();
  for (const { path: file, data: text } of await readTree(root, 'k8s', name =>
    /\.ya?ml$/.test(name),
  )) {
    for (const doc of parseAllDocuments(text)) {
      const o = doc.toJS() as K8s;
      if (!o?.kind || !o.metadata?.name) continue;
      const key = `${o.kind}/${o.metadata.name}`;
      if (index.has(key)) continue;
      const offset = text.indexOf(
        `name: ${o.metadata.name}`,
        doc.range?.[0] ?? 0,
      );
      index.set(key, {
        file,
        line: offset < 0 ? undefined : text.slice(0, offset).split('\n').length,
      });
    }
  }
  return (o: K8s, fallback: string) =>
    index.get(`${o.kind}/${o.metadata?.name}`) ?? { file: fallback };
}

/**
 * Would the service at `root` run in `facts.environment` once the environment is applied?
 * Builds its overlay for that environment and checks every object against what the
 * environment provides: a controller for each ingress class, a metrics API for HPAs, a
 * producer for every Secret a pod reads, a storage class for every claim, nothing a
 * Fargate-only cluster cannot run, a workload identity wherever a pod calls a cloud API,
 * and an Argo CD Application the environment's Argo CD reads, whose repository, path,
 * project and destination exist.
 */
export async function checkDeployability(
  root: string,
  facts: EnvironmentFacts,
  options: { repoUrl?: string } = {},
): Promise<Finding[]> {
  const env = facts.environment;
  const overlay = path.join('k8s', 'overlays', env);
  const findings: Finding[] = [];
  const find = (at: { file: string; line?: number }, message: string) =>
    findings.push({ check: 'deployability', ...at, message });
  if (!(await fs.pathExists(path.join(root, overlay)))) {
    find({ file: 'k8s/overlays' }, `no overlay for the environment ${env}`);
    return findings;
  }
  const built = await kustomizeBuild(path.join(root, overlay), { root });
  const objects = parseAllDocuments(built)
    .map(d => d.toJS() as K8s)
    .filter(o => o?.kind);
  const at = await locator(root);
  const named = (kind: string) =>
    new Map(
      objects
        .filter(o => o.kind === kind)
        .map(o => [o.metadata?.name ?? '', o]),
    );
  const secrets = named('Secret');
  const externalSecrets = objects.filter(o => o.kind === 'ExternalSecret');
  const configMaps = named('ConfigMap');
  const serviceAccounts = named('ServiceAccount');
  const producedSecrets = new Set([
    ...secrets.keys(),
    ...externalSecrets.map(o => o.spec?.target?.name ?? o.metadata?.name ?? ''),
  ]);
  const list = (m: Map<string, string>) =>
    m.size ? [...m.keys()].join(', ') : 'none';
  const ownSecrets = await secretsOfResources(root, env);

  for (const es of externalSecrets) {
    const store = es.spec?.secretStoreRef?.name;
    if (!facts.externalSecrets) {
      find(
        at(es, overlay),
        `ExternalSecret ${es.metadata?.name}: the ${env} environment installs no External Secrets Operator`,
      );
    } else if (store && !facts.secretStores.has(store)) {
      find(
        at(es, overlay),
        `ExternalSecret ${
          es.metadata?.name
        } reads the store "${store}", which the ${env} environment does not declare (it has: ${list(
          facts.secretStores,
        )})`,
      );
    }
    // Nothing is left for a person to create: every key read is a secret the environment writes.
    const keys = [
      ...(es.spec?.data ?? []).map((d: any) => d.remoteRef?.key),
      ...(es.spec?.dataFrom ?? []).map((d: any) => d.extract?.key),
    ].filter((k): k is string => typeof k === 'string');
    for (const key of new Set(keys)) {
      if (!facts.cloudSecrets.has(key) && !ownSecrets.has(key)) {
        find(
          at(es, overlay),
          `ExternalSecret ${
            es.metadata?.name
          } reads the secret "${key}", which the ${env} environment does not write (it writes: ${list(
            facts.cloudSecrets,
          )})`,
        );
      }
    }
  }

  for (const o of objects) {
    const name = `${o.kind} ${o.metadata?.name}`;
    if (o.kind === 'Ingress') {
      const annotated =
        o.metadata?.annotations?.['kubernetes.io/ingress.class'];
      const klass = o.spec?.ingressClassName ?? annotated;
      if (
        !annotated &&
        klass &&
        facts.annotationOnlyIngressClasses.has(klass)
      ) {
        find(
          at(o, overlay),
          `${name} names the class "${klass}" in spec.ingressClassName, which GKE's Ingress controller ignores (it reads the kubernetes.io/ingress.class annotation): no load balancer is created`,
        );
      } else if (!klass) {
        find(at(o, overlay), `${name} names no ingress class`);
      } else if (!facts.ingressClasses.has(klass)) {
        find(
          at(o, overlay),
          `${name} uses the ingress class "${klass}", which no controller of the ${env} environment serves (it serves: ${list(
            facts.ingressClasses,
          )})`,
        );
      }
      for (const problem of ingressHostProblems(o, facts, objects))
        find(at(o, overlay), problem);
      if (klass === 'alb' && facts.ingressClasses.has(klass)) {
        for (const problem of albIngressProblems(
          o,
          named('Service'),
          !!facts.fargateOnly,
        ))
          find(at(o, overlay), problem);
      }
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const metrics: any[] = o.spec?.metrics ?? [{ type: 'Resource' }];
      if (metrics.some(m => m.type === 'Resource') && !facts.metricsApi) {
        find(
          at(o, overlay),
          `${name} scales on CPU or memory, but the ${env} environment installs no metrics-server`,
        );
      }
    }
    const claims: any[] = o.kind === 'PersistentVolumeClaim' ? [o.spec] : [];
    if (o.kind === 'StatefulSet') {
      claims.push(
        ...(o.spec?.volumeClaimTemplates ?? []).map((t: any) => t.spec),
      );
    }
    for (const claim of claims) {
      if (facts.fargateOnly) {
        find(
          at(o, overlay),
          `${name} claims a volume, which pods on Fargate cannot mount (no EBS)`,
        );
      } else if (
        claim?.storageClassName
          ? !facts.storageClasses.has(claim.storageClassName)
          : !facts.storageClasses.size
      ) {
        find(
          at(o, overlay),
          `${name} claims storage class "${
            claim?.storageClassName ?? '(default)'
          }", which the ${env} environment does not provide (it has: ${list(
            facts.storageClasses,
          )})`,
        );
      }
    }
    const pod = podSpecOf(o);
    if (!pod) continue;
    if (facts.fargateOnly) {
      if (o.kind === 'DaemonSet')
        find(at(o, overlay), `${name}: a DaemonSet cannot run on Fargate`);
      if (pod.hostNetwork || (pod.volumes ?? []).some((v: any) => v.hostPath))
        find(
          at(o, overlay),
          `${name} uses the host's network or paths, which Fargate refuses`,
        );
    }
    const containers: any[] = [
      ...(pod.containers ?? []),
      ...(pod.initContainers ?? []),
    ];
    const read = new Set<string>();
    const configs = new Set<string>();
    for (const c of containers) {
      for (const source of c.envFrom ?? []) {
        if (source.secretRef?.name) read.add(source.secretRef.name);
        if (source.configMapRef?.name) configs.add(source.configMapRef.name);
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef?.name)
          read.add(e.valueFrom.secretKeyRef.name);
        if (e.valueFrom?.configMapKeyRef?.name)
          configs.add(e.valueFrom.configMapKeyRef.name);
      }
    }
    for (const v of pod.volumes ?? []) {
      if (v.secret?.secretName) read.add(v.secret.secretName);
      for (const s of v.projected?.sources ?? [])
        if (s.secret?.name) read.add(s.secret.name);
    }
    for (const secret of read) {
      if (!producedSecrets.has(secret)) {
        find(
          at(o, overlay),
          `${name} reads the Secret "${secret}", which no manifest or ExternalSecret of the service creates`,
        );
      }
    }
    const keys = [
      ...containers.flatMap(c => (c.env ?? []).map((e: any) => e.name)),
      ...[...configs].flatMap(c => Object.keys(configMaps.get(c)?.data ?? {})),
    ];
    const usesCloud = keys.some(k => CLOUD_API.test(String(k)));
    const identity = facts.cloud && IDENTITY[facts.cloud];
    if (usesCloud && identity) {
      const accountName = pod.serviceAccountName ?? 'default';
      const account = serviceAccounts.get(accountName);
      // The environment binds an identity to the account and its Application patches it in.
      const bound = facts.identities.has(
        `${o.metadata?.namespace ?? 'default'}/${accountName}`,
      );
      const annotated =
        bound || account?.metadata?.annotations?.[identity.annotation];
      const labelled =
        !identity.podLabel || podLabels(o)[identity.podLabel] === 'true';
      if (!annotated || !labelled || !facts.workloadIdentity) {
        find(
          at(o, overlay),
          `${name} calls a cloud API but has no workload identity: its ServiceAccount "${
            pod.serviceAccountName ?? 'default'
          }" needs the ${identity.annotation} annotation${
            identity.podLabel
              ? ` and its pods the ${identity.podLabel} label`
              : ''
          }${
            facts.workloadIdentity
              ? ''
              : `, and the ${env} environment offers no workload identity`
          }`,
        );
      }
    }
  }

  findings.push(...(await checkApplication(root, facts, options.repoUrl)));
  return findings;
}

/** Where each cloud's secret resource keeps the secret's name. */
const SECRET_NAME_FIELD: Record<string, string> = {
  aws_secretsmanager_secret: 'name',
  azurerm_key_vault_secret: 'name',
  google_secret_manager_secret: 'secret_id',
};

/**
 * Cloud secrets the service's own resources write in `env` (add-resource's roots under
 * `terraform/resources/<name>`, applied with `<env>.tfvars.json`).
 */
async function secretsOfResources(
  root: string,
  env: string,
): Promise<Set<string>> {
  const secrets = new Set<string>();
  const dir = path.join(root, 'terraform', 'resources');
  if (!(await fs.pathExists(dir))) return secrets;
  for (const name of (await fs.readdir(dir)).sort()) {
    const tfvars = path.join(dir, name, `${env}.tfvars.json`);
    if (!(await fs.pathExists(tfvars))) continue;
    const { resources } = await loadTerraform(path.join(dir, name), {
      root,
      variables: await fs.readJson(tfvars),
    });
    for (const r of resources) {
      const field = SECRET_NAME_FIELD[r.type];
      const secret = field && r.values[field];
      if (typeof secret === 'string') secrets.add(secret);
    }
  }
  return secrets;
}

/** The service's Argo CD Application for the environment, against the environment. */
async function checkApplication(
  root: string,
  facts: EnvironmentFacts,
  repoUrl: string | undefined,
): Promise<Finding[]> {
  const env = facts.environment;
  const findings: Finding[] = [];
  const dir = path.join(root, 'argocd');
  const files = (await fs.pathExists(dir))
    ? (await fs.readdir(dir)).filter(n => /\.ya?ml$/.test(n)).sort()
    : [];
  const apps: Array<{ file: string; text: string; app: K8s }> = [];
  for (const name of files) {
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const app = doc.toJS() as K8s;
      if (
        app?.kind === 'Application' &&
        (app.metadata?.labels?.['forja.dev/environment'] === env ||
          app.metadata?.name?.endsWith(`-${env}`))
      ) {
        apps.push({ file: path.join('argocd', name), text, app });
      }
    }
  }
  const finding = (
    file: string,
    text: string,
    needle: string,
    message: string,
  ) =>
    findings.push({
      check: 'deployability',
      file,
      line: lineIn(text, needle),
      message,
    });
  if (!apps.length) {
    findings.push(...checkRegisteredApplication(facts, repoUrl));
    return findings;
  }
  for (const { file, text, app } of apps) {
    const source = app.spec?.source ?? {};
    const destination = app.spec?.destination ?? {};
    if (repoUrl && source.repoURL !== repoUrl) {
      finding(
        file,
        text,
        'repoURL:',
        `Application ${app.metadata?.name} deploys ${source.repoURL}, not the service's repository ${repoUrl}`,
      );
    }
    if (!source.path || !(await fs.pathExists(path.join(root, source.path)))) {
      finding(
        file,
        text,
        'path:',
        `Application ${app.metadata?.name} deploys the path "${source.path}", which the repository does not have`,
      );
    }
    const project = app.spec?.project ?? 'default';
    if (project !== 'default' && !facts.argoProjects.has(project)) {
      finding(
        file,
        text,
        'project:',
        `Application ${
          app.metadata?.name
        } belongs to the Argo CD project "${project}", which the ${env} environment does not declare (it has: ${
          [...facts.argoProjects.keys()].join(', ') || 'none'
        })`,
      );
    }
    if (
      destination.server !== IN_CLUSTER &&
      destination.name !== 'in-cluster'
    ) {
      finding(
        file,
        text,
        'destination:',
        `Application ${app.metadata?.name} deploys to ${
          destination.server ?? destination.name
        }, not the ${env} cluster its Argo CD runs in`,
      );
    }
    const folder = path.dirname(file);
    const read = facts.argoSources.some(
      s =>
        (!repoUrl || s.repoURL === repoUrl) &&
        path.normalize(s.path) === path.normalize(folder),
    );
    if (!read) {
      finding(
        file,
        text,
        'kind: Application',
        `no Argo CD of the ${env} environment reads ${folder}/ of ${
          repoUrl ?? 'this repository'
        }: Application ${app.metadata?.name} is never created`,
      );
    }
  }
  return findings;
}

/**
 * A service registered on its platform has no Applications of its own: the environment
 * declares one deploying the service's overlay, in a project it declares, to its cluster.
 */
function checkRegisteredApplication(
  facts: EnvironmentFacts,
  repoUrl: string | undefined,
): Finding[] {
  const env = facts.environment;
  const overlay = path.join('k8s', 'overlays', env);
  const find = (message: string): Finding => ({
    check: 'deployability',
    file: overlay,
    message,
  });
  const app = facts.applications.find(
    a =>
      (!repoUrl || a.source.repoURL === repoUrl) &&
      path.normalize(a.source.path ?? '') === overlay,
  );
  if (!app) {
    return [
      find(
        `no Argo CD Application of the ${env} environment deploys ${overlay} of ${
          repoUrl ?? 'this repository'
        }, and the repository has none of its own: register the service on the platform`,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (app.project !== 'default' && !facts.argoProjects.has(app.project)) {
    findings.push(
      find(
        `Application ${app.name} (${app.evidence}) belongs to the Argo CD project "${app.project}", which the ${env} environment does not declare`,
      ),
    );
  }
  if (
    app.destination.server !== IN_CLUSTER &&
    app.destination.name !== 'in-cluster'
  ) {
    findings.push(
      find(
        `Application ${app.name} (${app.evidence}) deploys to ${
          app.destination.server ?? app.destination.name
        }, not the ${env} cluster its Argo CD runs in`,
      ),
    );
  }
  return findings;
}
