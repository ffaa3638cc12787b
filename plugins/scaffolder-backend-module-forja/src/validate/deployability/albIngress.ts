/**
 * What the AWS Load Balancer Controller needs to serve an Ingress of class `alb` (its
 * documented behaviour): the default target type, `instance`, routes to node ports, so
 * the backend Service must be NodePort or LoadBalancer, and pods on Fargate, which have no
 * node ports, can only be `ip` targets; without a scheme annotation the ALB is internal.
 */
type K8s = {
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: any;
};

const TARGET_TYPE = 'alb.ingress.kubernetes.io/target-type';
const SCHEME = 'alb.ingress.kubernetes.io/scheme';

/** The backend Services an Ingress routes to (its default backend and every path). */
function backendServices(ingress: K8s): string[] {
  const names = new Set<string>();
  const add = (backend: any) => {
    if (backend?.service?.name) names.add(backend.service.name);
  };
  add(ingress.spec?.defaultBackend);
  for (const rule of ingress.spec?.rules ?? [])
    for (const p of rule?.http?.paths ?? []) add(p?.backend);
  return [...names];
}

export function albIngressProblems(
  ingress: K8s,
  services: Map<string, K8s>,
  fargateOnly: boolean,
): string[] {
  const annotations = ingress.metadata?.annotations ?? {};
  const name = `Ingress ${ingress.metadata?.name}`;
  const problems: string[] = [];
  const targetType = annotations[TARGET_TYPE] ?? 'instance';
  if (targetType === 'instance') {
    if (fargateOnly) {
      problems.push(
        `${name}: the ALB's default target type "instance" cannot reach pods on Fargate; set ${TARGET_TYPE}: ip`,
      );
    } else {
      for (const service of backendServices(ingress)) {
        const type = services.get(service)?.spec?.type ?? 'ClusterIP';
        if (type !== 'NodePort' && type !== 'LoadBalancer')
          problems.push(
            `${name}: the ALB's target type "instance" needs a NodePort or LoadBalancer Service, and ${service} is ${type}; set ${TARGET_TYPE}: ip`,
          );
      }
    }
  }
  if (
    !annotations[SCHEME] &&
    (ingress.spec?.rules ?? []).some((r: any) => r?.host)
  )
    problems.push(
      `${name} serves public hosts, but without ${SCHEME}: internet-facing its ALB is internal, reachable only from inside the VPC`,
    );
  return problems;
}
