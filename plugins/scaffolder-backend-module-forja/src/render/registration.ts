import { FileSet } from './files';
import { ModuleSource, pinModuleSources } from './environment';
import { hclString } from './hcl';
import { parseRepoUrl } from './inputs';
import { orderedEnvironments, ServiceValues } from './service';

/** The environment's local that carries what a dependency gives a service (components/*.tf). */
const BINDING_OF: Record<ServiceValues['dependencies'][number], string> = {
  postgres: 'postgres_binding',
  redis: 'redis_binding',
  rabbitmq: 'broker_binding',
  queue: 'broker_binding',
  dynamodb: 'dynamodb_binding',
};

/** A Terraform identifier from a DNS label: `orders-backend` → `service_orders_backend`. */
function registrationModuleName(service: string): string {
  return `service_${service.replace(/-/g, '_')}`;
}

function registration(
  v: ServiceValues,
  env: string,
  repoGitUrl: string,
): string {
  // Each dependency's binding, and the environment's telemetry (its OTLP endpoint).
  const entries: Array<[string, string]> = [
    ...v.dependencies.map((dep): [string, string] => [dep, BINDING_OF[dep]]),
    ['telemetry', 'telemetry_binding'],
  ];
  // terraform fmt aligns the equals signs of consecutive attributes.
  const width = Math.max(...entries.map(([key]) => key.length));
  const bindings = entries.map(
    ([key, local]) => `    ${key.padEnd(width)} = local.${local}`,
  );
  return `# ${
    v.name
  }, registered by Forja's service template: its workload identity, its secret and
# its Argo CD project and Application in this environment (terraform/modules/service-wiring).
module "${registrationModuleName(v.name)}" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/service-wiring/aws?ref=v0.1.0"

  name     = ${hclString(v.name)}
  context  = local.context
  platform = local.name
  cluster = {
    name            = module.cluster.cluster_name
    oidc_issuer_url = module.cluster.oidc_issuer_url
  }
  deployment = {
    environment = var.environment
    namespace   = ${hclString(v.namespace ?? v.system)}
    repo_url    = ${hclString(repoGitUrl)}
    path        = ${hclString(`k8s/overlays/${env}`)}
    prune       = ${env === 'prod' ? 'false' : 'true'}
  }
  bindings = {
${bindings.join('\n')}
  }
  secret_store_id = module.addons.secret_store_id
}
`;
}

/**
 * The pull request a service makes to its platform's repository: one
 * `service-<name>.tf` per environment, each value an escaped HCL string.
 */
export function renderServiceRegistration(
  v: ServiceValues,
  moduleSource: ModuleSource,
): FileSet {
  const files: FileSet = new Map();
  if (!v.platform) return files;
  const { host, owner, repo } = parseRepoUrl(v.repoUrl);
  const repoGitUrl = `https://${host}/${owner}/${repo}.git`;
  for (const env of orderedEnvironments(v.environments)) {
    files.set(
      `terraform/environments/${env}/service-${v.name}.tf`,
      pinModuleSources(registration(v, env, repoGitUrl), v.cloud, moduleSource),
    );
  }
  return files;
}
