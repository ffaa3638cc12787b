import { ResourceInstance } from '../hcl/loadTerraform';
import { Cloud } from '../price/types';
import { K8sObject } from './workloads';

const GROUP = 'alb.ingress.kubernetes.io/group.name';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** What a cloud's Ingress controller provisions for an Ingress of a class, as Terraform would. */
const PROVISIONED: Record<
  Cloud,
  Record<string, { type: string; values: Record<string, string> }>
> = {
  // AWS Load Balancer Controller: one ALB per Ingress, or per IngressGroup.
  aws: {
    alb: { type: 'aws_lb', values: { load_balancer_type: 'application' } },
  },
  // GKE Ingress: an external HTTP(S) load balancer (a global forwarding rule), or an
  // internal one (a regional rule).
  gcp: {
    gce: { type: 'google_compute_global_forwarding_rule', values: {} },
    'gce-internal': { type: 'google_compute_forwarding_rule', values: {} },
  },
  // AKS application routing serves every Ingress through the cluster's own load balancer.
  azure: {},
};

/**
 * The load balancers a cloud's controller creates for the Ingresses of manifests, as
 * resources the Terraform pricers price (Ingresses of one ALB group share one). They exist
 * only at run time, so a Terraform estimate never sees them.
 */
export function ingressLoadBalancers(
  objects: K8sObject[],
  cloud: Cloud,
  region: string,
): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const o of objects) {
    if (o.kind !== 'Ingress') continue;
    const annotations: Record<string, unknown> =
      (o.metadata as any)?.annotations ?? {};
    const ingressClass = String(
      o.spec?.ingressClassName ?? annotations[CLASS_ANNOTATION] ?? '',
    );
    const provisioned = PROVISIONED[cloud][ingressClass];
    if (!provisioned) continue;
    const namespace = o.metadata?.namespace ?? 'default';
    const group = annotations[GROUP];
    const address =
      typeof group === 'string' && provisioned.type === 'aws_lb'
        ? `IngressGroup/${group}`
        : `Ingress/${namespace}/${o.metadata?.name}`;
    found.set(address, {
      address,
      type: provisioned.type,
      name: address,
      values: { ...provisioned.values },
      providerRegion: region,
      file: `Ingress/${namespace}/${o.metadata?.name}`,
    });
  }
  return [...found.values()];
}
