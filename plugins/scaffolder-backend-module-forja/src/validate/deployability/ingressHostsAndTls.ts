import { EnvironmentFacts } from './environmentFacts';

/**
 * Whether an Ingress's hosts will resolve and its TLS hosts get certificates in the
 * environment: a record source (external-dns for a zone holding the host), and per cloud
 * what issues the certificate (ACM found by host, a cert-manager ClusterIssuer, a
 * Google-managed certificate the overlay declares).
 */
type K8s = {
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: any;
};

/** `host` is `domain` or one of its names; a wildcard covers exactly one label. */
export function covers(domain: string, host: string): boolean {
  if (domain.startsWith('*.')) {
    const base = domain.slice(2);
    return (
      host.endsWith(`.${base}`) &&
      !host.slice(0, -base.length - 1).includes('.')
    );
  }
  return domain === host;
}

const inZone = (zone: string, host: string) =>
  host === zone || host.endsWith(`.${zone}`);

export function ingressHostProblems(
  ingress: K8s,
  facts: EnvironmentFacts,
  objects: K8s[],
): string[] {
  const name = `Ingress ${ingress.metadata?.name}`;
  const annotations = ingress.metadata?.annotations ?? {};
  const env = facts.environment;
  const problems: string[] = [];
  const hosts: string[] = (ingress.spec?.rules ?? [])
    .map((r: any) => r?.host)
    .filter((h: unknown): h is string => typeof h === 'string');
  const zones = [...facts.dnsZones.keys()];
  for (const host of hosts) {
    if (!zones.some(zone => inZone(zone, host)))
      problems.push(
        `${name}: nothing creates a DNS record for ${host}: the ${env} environment runs external-dns for ${
          zones.length ? zones.join(', ') : 'no zone'
        } (its dns option)`,
      );
  }
  const tlsHosts: string[] = (ingress.spec?.tls ?? []).flatMap(
    (t: any) => t?.hosts ?? [],
  );
  const issuer = annotations['cert-manager.io/cluster-issuer'];
  const managed = (annotations['networking.gke.io/managed-certificates'] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const host of tlsHosts) {
    if (issuer) {
      if (!facts.certManager || !facts.clusterIssuers.has(issuer))
        problems.push(
          `${name}: ${host}'s certificate comes from the ClusterIssuer "${issuer}", which the ${env} environment does not declare${
            facts.certManager ? '' : ' (nor does it install cert-manager)'
          }`,
        );
    } else if (managed.length) {
      const declared = objects.filter(
        o =>
          o.kind === 'ManagedCertificate' &&
          managed.includes(o.metadata?.name ?? ''),
      );
      if (!declared.some(o => (o.spec?.domains ?? []).includes(host)))
        problems.push(
          `${name}: no ManagedCertificate it names (${managed.join(
            ', ',
          )}) covers ${host}`,
        );
    } else if (facts.cloud === 'aws') {
      if (!facts.certificates.some(c => c.domains.some(d => covers(d, host))))
        problems.push(
          `${name}: no certificate of the ${env} environment covers ${host}, so its ALB has nothing to serve HTTPS with (ACM certificates for: ${
            facts.certificates.flatMap(c => c.domains).join(', ') || 'none'
          })`,
        );
    } else {
      problems.push(
        `${name}: nothing issues the certificate for ${host} (name a cert-manager ClusterIssuer or, on GKE, a ManagedCertificate)`,
      );
    }
  }
  return problems;
}
