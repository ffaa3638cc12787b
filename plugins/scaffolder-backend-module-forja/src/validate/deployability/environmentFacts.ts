import { loadTerraform, ResourceInstance } from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Cloud } from '../../render/inputs';

/**
 * What an environment repository makes available to the services deployed into one of its
 * environments, read from what it declares (its Terraform, modules included, and the Argo
 * CD manifests under `argocd/apps/<environment>`), never from a profile it claims. Each
 * fact keeps its evidence: the resource or manifest that provides it.
 */
export interface EnvironmentFacts {
  environment: string;
  cloud?: Cloud;
  /** Pods run on EKS Fargate only: no nodes for DaemonSets, no EBS volumes. */
  fargateOnly: boolean;
  /** Ingress classes a controller serves. */
  ingressClasses: Map<string, string>;
  /**
   * Classes whose controller reads only the kubernetes.io/ingress.class annotation: GKE's
   * Ingress controller takes no action on an Ingress that names its class in
   * spec.ingressClassName without the annotation.
   */
  annotationOnlyIngressClasses: Set<string>;
  /** What serves the resource metrics API HPAs read. */
  metricsApi?: string;
  /** Storage classes a PVC can name (the default one under `''`). */
  storageClasses: Map<string, string>;
  /** External Secrets Operator, and the secret stores ExternalSecrets can name. */
  externalSecrets?: string;
  secretStores: Map<string, string>;
  /** How pods get a cloud identity (IRSA, Azure or GKE workload identity). */
  workloadIdentity?: string;
  /** Argo CD projects and the repository folders the environment's Argo CD reads. */
  argoProjects: Map<string, string>;
  argoSources: Array<{ repoURL: string; path: string; evidence: string }>;
  /** Applications the environment itself declares (registered services among them). */
  applications: EnvironmentApplication[];
  /** Service accounts (`namespace/name`) the environment binds a cloud identity to. */
  identities: Map<string, string>;
  /** Secrets the environment writes into the cloud's secret manager, by name. */
  cloudSecrets: Map<string, string>;
  /** DNS domains external-dns keeps records in (its domain filters). */
  dnsZones: Map<string, string>;
  /** Certificates the environment issues (ACM), by the names they cover. */
  certificates: Array<{ domains: string[]; evidence: string }>;
  /** cert-manager, and the ClusterIssuers an Ingress can name. */
  certManager?: string;
  clusterIssuers: Map<string, string>;
}

export interface EnvironmentApplication {
  name: string;
  project: string;
  source: { repoURL?: string; path?: string };
  destination: { server?: string; name?: string; namespace?: string };
  evidence: string;
}

/** Add-ons known by chart or EKS add-on name, and what each provides. */
const ADDONS: Record<
  string,
  { ingressClass?: string; metrics?: true; ebs?: true; externalSecrets?: true }
> = {
  'aws-load-balancer-controller': { ingressClass: 'alb' },
  'ingress-nginx': { ingressClass: 'nginx' },
  'metrics-server': { metrics: true },
  'aws-ebs-csi-driver': { ebs: true },
  'external-secrets': { externalSecrets: true },
};

/** Storage classes AKS and GKE create in every cluster. */
const BUILT_IN_STORAGE: Partial<Record<Cloud, string[]>> = {
  azure: [
    'default',
    'managed',
    'managed-csi',
    'managed-csi-premium',
    'managed-premium',
    'azurefile',
    'azurefile-csi',
    'azurefile-csi-premium',
    'azurefile-premium',
  ],
  gcp: ['standard', 'standard-rwo', 'premium-rwo'],
};

type Manifest = {
  kind?: string;
  metadata?: { name?: string };
  spec?: any;
};

const isTrue = (v: unknown) => v === true;
const blocks = (v: unknown): Array<Record<string, unknown>> =>
  Array.isArray(v) ? (v.filter(b => b && typeof b === 'object') as any) : [];

async function readManifests(
  dir: string,
): Promise<Array<{ file: string; manifest: Manifest }>> {
  if (!(await fs.pathExists(dir))) return [];
  const out: Array<{ file: string; manifest: Manifest }> = [];
  for (const name of (await fs.readdir(dir)).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const manifest = doc.toJS() as Manifest;
      if (manifest && typeof manifest === 'object') {
        out.push({ file: name, manifest });
      }
    }
  }
  return out;
}

/**
 * Applications and projects the argocd-apps chart creates, from its values documents known
 * before apply (a document holding what only apply knows, such as a role ARN, stays unread).
 */
/** A Helm release's values, merged in order (known ones only). */
function helmValues(resource: ResourceInstance): Record<string, any> {
  const merged: Record<string, any> = {};
  for (const text of Array.isArray(resource.values.values)
    ? resource.values.values
    : []) {
    if (typeof text !== 'string') continue;
    const parsed = parseAllDocuments(text)[0]?.toJS();
    if (parsed && typeof parsed === 'object') Object.assign(merged, parsed);
  }
  return merged;
}

function appsOfChart(resource: ResourceInstance): Manifest[] {
  const values = Array.isArray(resource.values.values)
    ? resource.values.values
    : [];
  const apps: Manifest[] = [];
  for (const text of values) {
    if (typeof text !== 'string') continue;
    for (const doc of parseAllDocuments(text)) {
      const parsed = doc.toJS() as any;
      for (const [name, spec] of Object.entries(parsed?.applications ?? {})) {
        apps.push({ kind: 'Application', metadata: { name }, spec });
      }
      for (const [name, spec] of Object.entries(parsed?.projects ?? {})) {
        apps.push({ kind: 'AppProject', metadata: { name }, spec });
      }
    }
  }
  return apps;
}

/** `namespace/name` of the service account in a Kubernetes token subject. */
const SUBJECT = /^system:serviceaccount:([a-z0-9-]+):([a-z0-9.-]+)$/;
const GKE_MEMBER = /\.svc\.id\.goog\[([a-z0-9-]+)\/([a-z0-9.-]+)\]$/;

/**
 * The facts of `environment` in the environment repository at `root`: Terraform from
 * `terraform/environments/<environment>` (modules resolved through `moduleRepositories`),
 * Argo CD manifests from `argocd/apps/<environment>`.
 */
export async function readEnvironmentFacts(
  root: string,
  environment: string,
  options: { moduleRepositories?: Record<string, string> } = {},
): Promise<EnvironmentFacts> {
  const facts: EnvironmentFacts = {
    environment,
    fargateOnly: false,
    ingressClasses: new Map(),
    annotationOnlyIngressClasses: new Set(),
    storageClasses: new Map(),
    secretStores: new Map(),
    argoProjects: new Map(),
    argoSources: [],
    applications: [],
    identities: new Map(),
    cloudSecrets: new Map(),
    dnsZones: new Map(),
    certificates: [],
    clusterIssuers: new Map(),
  };
  const bind = (match: RegExpExecArray | null, evidence: string) => {
    if (match) facts.identities.set(`${match[1]}/${match[2]}`, evidence);
  };
  const secret = (name: unknown, evidence: string) => {
    if (typeof name === 'string') facts.cloudSecrets.set(name, evidence);
  };
  const terraformDir = path.join(
    root,
    'terraform',
    'environments',
    environment,
  );
  const { resources } = (await fs.pathExists(terraformDir))
    ? await loadTerraform(terraformDir, {
        moduleRepositories: options.moduleRepositories,
        root,
      })
    : { resources: [] as ResourceInstance[] };
  const where = (r: ResourceInstance) =>
    `${path.join(
      'terraform',
      'environments',
      environment,
      path.relative(terraformDir, r.file),
    )}: ${r.address}`;

  let ebs: string | undefined;
  let nodeGroups = 0;
  let fargateProfiles = 0;
  const manifests: Array<{ evidence: string; manifest: Manifest }> = [];
  const provide = (name: string, evidence: string) => {
    const addon = ADDONS[name];
    if (!addon) return;
    if (addon.ingressClass)
      facts.ingressClasses.set(addon.ingressClass, evidence);
    if (addon.metrics) facts.metricsApi ??= evidence;
    if (addon.ebs) ebs ??= evidence;
    if (addon.externalSecrets) facts.externalSecrets ??= evidence;
  };

  for (const r of resources) {
    const v = r.values;
    switch (r.type) {
      case 'aws_eks_cluster':
        facts.cloud = 'aws';
        break;
      case 'aws_eks_node_group':
        nodeGroups++;
        break;
      case 'aws_eks_fargate_profile':
        fargateProfiles++;
        break;
      case 'aws_iam_openid_connect_provider':
        facts.workloadIdentity ??= `IRSA (${where(r)})`;
        break;
      case 'aws_eks_addon':
        if (v.addon_name === 'eks-pod-identity-agent')
          facts.workloadIdentity ??= `EKS Pod Identity (${where(r)})`;
        if (typeof v.addon_name === 'string') provide(v.addon_name, where(r));
        break;
      case 'helm_release':
        if (typeof v.chart === 'string') provide(v.chart, where(r));
        if (v.chart === 'external-dns')
          for (const zone of helmValues(r).domainFilters ?? [])
            if (typeof zone === 'string') facts.dnsZones.set(zone, where(r));
        if (v.chart === 'cert-manager') facts.certManager ??= where(r);
        if (v.chart === 'argocd-apps') {
          for (const manifest of appsOfChart(r))
            manifests.push({ evidence: where(r), manifest });
        }
        break;
      case 'azurerm_kubernetes_cluster':
        facts.cloud = 'azure';
        facts.metricsApi ??= `AKS's metrics-server (${where(r)})`;
        if (blocks(v.web_app_routing).length)
          facts.ingressClasses.set(
            'webapprouting.kubernetes.azure.com',
            `application routing (${where(r)})`,
          );
        if (
          isTrue(v.workload_identity_enabled) &&
          isTrue(v.oidc_issuer_enabled)
        )
          facts.workloadIdentity ??= `Azure workload identity (${where(r)})`;
        break;
      case 'google_container_cluster': {
        facts.cloud = 'gcp';
        facts.metricsApi ??= `GKE's metrics-server (${where(r)})`;
        const addons = blocks(v.addons_config)[0] ?? {};
        const lb = blocks(addons.http_load_balancing)[0];
        if (!lb || lb.disabled !== true) {
          facts.ingressClasses.set('gce', `GKE Ingress (${where(r)})`);
          facts.ingressClasses.set('gce-internal', `GKE Ingress (${where(r)})`);
          facts.annotationOnlyIngressClasses.add('gce');
          facts.annotationOnlyIngressClasses.add('gce-internal');
        }
        if (
          blocks(v.workload_identity_config).length ||
          isTrue(v.enable_autopilot)
        )
          facts.workloadIdentity ??= `GKE workload identity (${where(r)})`;
        break;
      }
      case 'aws_iam_role': {
        const tags = (v.tags ?? {}) as Record<string, unknown>;
        const account = tags['forja.dev/service-account'];
        if (typeof account === 'string')
          bind(/^([a-z0-9-]+)\/([a-z0-9.-]+)$/.exec(account), where(r));
        break;
      }
      case 'aws_eks_pod_identity_association':
        if (
          typeof v.namespace === 'string' &&
          typeof v.service_account === 'string'
        )
          facts.identities.set(`${v.namespace}/${v.service_account}`, where(r));
        break;
      case 'azurerm_federated_identity_credential':
        bind(SUBJECT.exec(String(v.subject)), where(r));
        break;
      case 'google_service_account_iam_member':
        if (v.role === 'roles/iam.workloadIdentityUser')
          bind(GKE_MEMBER.exec(String(v.member)), where(r));
        break;
      case 'aws_acm_certificate':
        facts.certificates.push({
          domains: [
            v.domain_name,
            ...(Array.isArray(v.subject_alternative_names)
              ? v.subject_alternative_names
              : []),
          ].filter((d): d is string => typeof d === 'string'),
          evidence: where(r),
        });
        break;
      case 'aws_secretsmanager_secret':
      case 'azurerm_key_vault_secret':
        secret(v.name, where(r));
        break;
      case 'google_secret_manager_secret':
        secret(v.secret_id, where(r));
        break;
      case 'kubernetes_storage_class':
      case 'kubernetes_storage_class_v1': {
        const name = blocks(v.metadata)[0]?.name;
        if (typeof name === 'string') facts.storageClasses.set(name, where(r));
        break;
      }
      case 'kubernetes_manifest':
        if (v.manifest && typeof v.manifest === 'object')
          manifests.push({
            evidence: where(r),
            manifest: v.manifest as Manifest,
          });
        break;
      default:
    }
  }
  if (facts.cloud === 'aws') {
    facts.fargateOnly = fargateProfiles > 0 && nodeGroups === 0;
    // EKS creates the gp2 class; volumes need the EBS CSI driver to be provisioned.
    if (ebs && !facts.fargateOnly) facts.storageClasses.set('gp2', ebs);
  }
  for (const name of BUILT_IN_STORAGE[facts.cloud!] ?? []) {
    facts.storageClasses.set(
      name,
      `built into ${facts.cloud === 'azure' ? 'AKS' : 'GKE'}`,
    );
  }

  const appsDir = path.join(root, 'argocd', 'apps', environment);
  for (const { file, manifest } of await readManifests(appsDir)) {
    manifests.push({
      evidence: path.join('argocd', 'apps', environment, file),
      manifest,
    });
  }
  for (const { evidence, manifest } of manifests) {
    const name = manifest.metadata?.name ?? '';
    const spec = manifest.spec ?? {};
    switch (manifest.kind) {
      case 'AppProject':
        facts.argoProjects.set(name, evidence);
        break;
      case 'ClusterIssuer':
        facts.clusterIssuers.set(name, evidence);
        break;
      case 'Application':
        facts.applications.push({
          name,
          project: spec.project ?? 'default',
          source: spec.source ?? {},
          destination: spec.destination ?? {},
          evidence,
        });
        for (const source of [spec.source, ...(spec.sources ?? [])]) {
          if (!source) continue;
          if (source.chart) provide(source.chart, evidence);
          else if (source.repoURL && source.path)
            facts.argoSources.push({
              repoURL: source.repoURL,
              path: source.path,
              evidence,
            });
        }
        break;
      case 'ApplicationSet':
        for (const generator of spec.generators ?? []) {
          for (const dir of generator.git?.directories ?? []) {
            if (generator.git.repoURL && dir.path && !dir.exclude)
              facts.argoSources.push({
                repoURL: generator.git.repoURL,
                path: dir.path,
                evidence,
              });
          }
        }
        break;
      case 'ClusterSecretStore':
      case 'SecretStore':
        facts.secretStores.set(name, evidence);
        break;
      case 'StorageClass':
        facts.storageClasses.set(name, evidence);
        break;
      default:
    }
  }
  return facts;
}
