#!/usr/bin/env node
// Generates src/validate/kubernetes/schemas.json from the TypeScript types that
// kubernetes-models ships (generated from the Kubernetes OpenAPI spec and the Argo CD
// and Prometheus Operator CRDs). `--check` fails when the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const outputFile = path.join(
  packageDir,
  'src/validate/kubernetes/schemas.json',
);

/** apiVersion/kind -> module path and interface in kubernetes-models */
const KINDS = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ServiceAccount': [
    'kubernetes-models/v1/ServiceAccount',
    'IServiceAccount',
  ],
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'apps/v1/StatefulSet': [
    'kubernetes-models/apps/v1/StatefulSet',
    'IStatefulSet',
  ],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'IJob'],
  'batch/v1/CronJob': ['kubernetes-models/batch/v1/CronJob', 'ICronJob'],
  'autoscaling/v2/HorizontalPodAutoscaler': [
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'IHorizontalPodAutoscaler',
  ],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
  'networking.k8s.io/v1/Ingress': [
    'kubernetes-models/networking.k8s.io/v1/Ingress',
    'IIngress',
  ],
  'networking.k8s.io/v1/NetworkPolicy': [
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    'INetworkPolicy',
  ],
  'rbac.authorization.k8s.io/v1/ClusterRole': [
    'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole',
    'IClusterRole',
  ],
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': [
    'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    'IClusterRoleBinding',
  ],
  'rbac.authorization.k8s.io/v1/Role': [
    'kubernetes-models/rbac.authorization.k8s.io/v1/Role',
    'IRole',
  ],
  'rbac.authorization.k8s.io/v1/RoleBinding': [
    'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
    'IRoleBinding',
  ],
  'monitoring.coreos.com/v1/ServiceMonitor': [
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
    'IServiceMonitor',
  ],
  'monitoring.coreos.com/v1/PrometheusRule': [
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
    'IPrometheusRule',
  ],
  'argoproj.io/v1alpha1/Application': [
    '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application',
    'IApplication',
  ],
  'argoproj.io/v1alpha1/AppProject': [
    '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject',
    'IAppProject',
  ],
};

function buildProgram() {
  const entry = path.join(packageDir, 'scripts/.k8s-kinds.ts');
  const lines = Object.entries(KINDS).map(
    ([, [mod, name]], i) => `import type { ${name} as T${i} } from '${mod}';`,
  );
  lines.push(
    `export type Kinds = {\n${Object.keys(KINDS)
      .map((k, i) => `  '${k}': T${i};`)
      .join('\n')}\n};`,
  );
  fs.writeFileSync(entry, lines.join('\n'));
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    baseUrl: packageDir,
  });
  return { program, entry };
}

/**
 * External Secrets Operator's kinds, for which kubernetes-models ships no types: written
 * from the v1 CRDs (external-secrets/external-secrets, config/crds/bases), the fields
 * Forja's manifests use checked by type, the rest of each spec left open.
 */
const objectMeta = { ref: 'ObjectMeta' };
const storeRef = {
  props: {
    name: 'string',
    kind: { enum: ['SecretStore', 'ClusterSecretStore'] },
  },
  required: ['name'],
};
const EXTERNAL_SECRETS = {
  'external-secrets.io/v1/ExternalSecret': {
    props: {
      apiVersion: 'string',
      kind: 'string',
      metadata: objectMeta,
      spec: {
        props: {
          refreshInterval: 'string',
          refreshPolicy: { enum: ['CreatedOnce', 'Periodic', 'OnChange'] },
          secretStoreRef: storeRef,
          target: {
            props: {
              name: 'string',
              creationPolicy: { enum: ['Owner', 'Orphan', 'Merge', 'None'] },
              deletionPolicy: { enum: ['Delete', 'Merge', 'Retain'] },
              immutable: 'boolean',
              template: 'any',
            },
          },
          data: {
            array: {
              props: {
                secretKey: 'string',
                remoteRef: 'any',
                sourceRef: 'any',
              },
              required: ['secretKey', 'remoteRef'],
            },
          },
          dataFrom: { array: 'any' },
        },
      },
      status: 'any',
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
  },
  'external-secrets.io/v1/ClusterSecretStore': {
    props: {
      apiVersion: 'string',
      kind: 'string',
      metadata: objectMeta,
      spec: {
        props: {
          provider: { map: 'any' },
          conditions: { array: 'any' },
          controller: 'string',
          refreshInterval: 'number',
          retrySettings: 'any',
        },
        required: ['provider'],
      },
      status: 'any',
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
  },
};

/**
 * cert-manager's ClusterIssuer (cert-manager.io/v1, from its CRD: an ACME issuer needs a
 * server and the Secret of its account key) and GKE's ManagedCertificate
 * (networking.gke.io/v1, from GKE's documentation: one to 100 domains), written the same
 * way: the fields Forja's manifests use checked, the rest left open.
 */
const CERTIFICATES = {
  'cert-manager.io/v1/ClusterIssuer': {
    props: {
      apiVersion: 'string',
      kind: 'string',
      metadata: objectMeta,
      spec: {
        props: {
          acme: {
            props: {
              server: 'string',
              email: 'string',
              privateKeySecretRef: {
                props: { name: 'string', key: 'string' },
                required: ['name'],
              },
              solvers: { array: 'any' },
              skipTLSVerify: 'boolean',
              preferredChain: 'string',
              externalAccountBinding: 'any',
              disableAccountKeyGeneration: 'boolean',
              enableDurationFeature: 'boolean',
              caBundle: 'string',
              profile: 'string',
            },
            required: ['server', 'privateKeySecretRef'],
          },
          ca: 'any',
          selfSigned: 'any',
          vault: 'any',
          venafi: 'any',
        },
      },
      status: 'any',
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
  },
  'networking.gke.io/v1/ManagedCertificate': {
    props: {
      apiVersion: 'string',
      kind: 'string',
      metadata: objectMeta,
      spec: {
        props: { domains: { array: 'string' } },
        required: ['domains'],
      },
      status: 'any',
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
  },
};

function generate() {
  const { program, entry } = buildProgram();
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const diagnostics = ts.getPreEmitDiagnostics(program, source);
  if (!process.env.KEEP) fs.rmSync(entry);
  if (diagnostics.length) {
    throw new Error(
      diagnostics
        .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        .join('\n'),
    );
  }
  const kindsAlias = source.statements.find(ts.isTypeAliasDeclaration);
  const kindsType = checker.getTypeAtLocation(kindsAlias.name);

  const defs = {};
  const defNames = new Map();
  const stack = new Set();

  const defName = type => {
    if (defNames.has(type.id)) return defNames.get(type.id);
    const base = type.aliasSymbol?.name ?? type.symbol?.name ?? 'T';
    let name = base.replace(/^I(?=[A-Z])/, '');
    for (let n = 2; Object.values(defNames).includes(name); n++)
      name = `${base}${n}`;
    while ([...defNames.values()].includes(name)) name = `${name}_`;
    defNames.set(type.id, name);
    return name;
  };

  function convert(type) {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (type.flags & ts.TypeFlags.StringLiteral) return { enum: [type.value] };
    if (type.flags & ts.TypeFlags.NumberLiteral) return { enum: [type.value] };
    if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (type.flags & ts.TypeFlags.StringLike) return 'string';
    if (type.flags & ts.TypeFlags.NumberLike) return 'number';
    if (type.isUnion()) {
      const parts = type.types.filter(
        t => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
      );
      if (parts.every(t => t.flags & ts.TypeFlags.BooleanLiteral))
        return 'boolean';
      if (parts.every(t => t.isLiteral())) {
        return { enum: parts.map(t => t.value) };
      }
      if (parts.length === 1) return convert(parts[0]);
      return { anyOf: parts.map(convert) };
    }
    if (checker.isArrayType(type)) {
      return { array: convert(checker.getTypeArguments(type)[0]) };
    }
    if (type.flags & ts.TypeFlags.Object) {
      const named =
        type.symbol &&
        type.symbol.name !== '__type' &&
        type.symbol.name !== '__object';
      if (named) {
        const name = defName(type);
        if (!defs[name] && !stack.has(type.id)) {
          stack.add(type.id);
          defs[name] = 'any';
          defs[name] = objectNode(type);
          stack.delete(type.id);
        }
        return { ref: name };
      }
      if (stack.has(type.id)) return 'any';
      stack.add(type.id);
      const node = objectNode(type);
      stack.delete(type.id);
      return node;
    }
    return 'any';
  }

  function objectNode(type) {
    const indexType = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    const props = checker.getPropertiesOfType(type);
    if (indexType && props.length === 0) return { map: convert(indexType) };
    // Free-form objects (x-kubernetes-preserve-unknown-fields, such as Helm values).
    if (props.length === 0) return 'any';
    const node = { props: {}, required: [] };
    for (const prop of props) {
      // kubernetes-models adds methods (toJSON, validate) on classes only; interfaces are data.
      const propType = checker.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length) continue;
      node.props[prop.name] = convert(propType);
      if (!(prop.flags & ts.SymbolFlags.Optional))
        node.required.push(prop.name);
    }
    if (indexType) node.additional = convert(indexType);
    if (!node.required.length) delete node.required;
    return node;
  }

  const kinds = {};
  for (const prop of checker.getPropertiesOfType(kindsType)) {
    kinds[prop.name] = convert(checker.getTypeOfSymbol(prop));
  }
  Object.assign(kinds, EXTERNAL_SECRETS, CERTIFICATES);
  const sortedDefs = Object.fromEntries(
    Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify({ kinds, defs: sortedDefs })}\n`;
}

const generated = generate();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(outputFile)
    ? fs.readFileSync(outputFile, 'utf8')
    : '';
  if (current !== generated) {
    console.error(
      `${path.relative(
        process.cwd(),
        outputFile,
      )} is stale: run yarn generate-k8s-schemas`,
    );
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, generated);
  console.log(`wrote ${outputFile} (${generated.length} bytes)`);
}
