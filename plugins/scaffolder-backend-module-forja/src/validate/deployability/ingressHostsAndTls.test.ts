import { EnvironmentFacts } from './environmentFacts';
import { covers, ingressHostProblems } from './ingressHostsAndTls';

const facts = (over: Partial<EnvironmentFacts>): EnvironmentFacts => ({
  environment: 'staging',
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
  ...over,
});

const ingress = (annotations: Record<string, string>, tls = true) => ({
  kind: 'Ingress',
  metadata: { name: 'api', annotations },
  spec: {
    rules: [{ host: 'api.staging.example.com' }],
    ...(tls ? { tls: [{ hosts: ['api.staging.example.com'] }] } : {}),
  },
});

describe('Ingress hosts and certificates', () => {
  it('matches a wildcard one label deep, as certificates do', () => {
    expect(covers('*.staging.example.com', 'api.staging.example.com')).toBe(
      true,
    );
    expect(covers('*.example.com', 'api.staging.example.com')).toBe(false);
    expect(covers('staging.example.com', 'staging.example.com')).toBe(true);
    expect(covers('*.example.com', 'example.com')).toBe(false);
  });

  it('needs external-dns for a zone holding each host, and on AWS an ACM certificate covering each TLS host', () => {
    const none = facts({ cloud: 'aws' });
    expect(ingressHostProblems(ingress({}), none, [])).toEqual([
      'Ingress api: nothing creates a DNS record for api.staging.example.com: the staging environment runs external-dns for no zone (its dns option)',
      'Ingress api: no certificate of the staging environment covers api.staging.example.com, so its ALB has nothing to serve HTTPS with (ACM certificates for: none)',
    ]);
    const ready = facts({
      cloud: 'aws',
      dnsZones: new Map([['example.com', 'external-dns']]),
      certificates: [
        {
          domains: ['staging.example.com', '*.staging.example.com'],
          evidence: 'acm',
        },
      ],
    });
    expect(ingressHostProblems(ingress({}), ready, [])).toEqual([]);
    // The prod certificate does not reach a staging host.
    const prodOnly = facts({
      ...ready,
      certificates: [
        { domains: ['example.com', '*.example.com'], evidence: 'acm' },
      ],
    });
    expect(ingressHostProblems(ingress({}), prodOnly, [])).toHaveLength(1);
  });

  it('needs the ClusterIssuer an Ingress names (and cert-manager), or a ManagedCertificate covering its host', () => {
    const zones = new Map([['example.com', 'external-dns']]);
    const issuer = { 'cert-manager.io/cluster-issuer': 'letsencrypt' };
    expect(
      ingressHostProblems(
        ingress(issuer),
        facts({ cloud: 'azure', dnsZones: zones }),
        [],
      ),
    ).toEqual([
      'Ingress api: api.staging.example.com\'s certificate comes from the ClusterIssuer "letsencrypt", which the staging environment does not declare (nor does it install cert-manager)',
    ]);
    expect(
      ingressHostProblems(
        ingress(issuer),
        facts({
          cloud: 'azure',
          dnsZones: zones,
          certManager: 'helm',
          clusterIssuers: new Map([['letsencrypt', 'argocd']]),
        }),
        [],
      ),
    ).toEqual([]);
    const gke = facts({ cloud: 'gcp', dnsZones: zones });
    const managed = { 'networking.gke.io/managed-certificates': 'api' };
    const certificate = (domain: string) => ({
      kind: 'ManagedCertificate',
      metadata: { name: 'api' },
      spec: { domains: [domain] },
    });
    expect(
      ingressHostProblems(ingress(managed), gke, [
        certificate('api.staging.example.com'),
      ]),
    ).toEqual([]);
    expect(
      ingressHostProblems(ingress(managed), gke, [
        certificate('api.example.com'),
      ]),
    ).toEqual([
      'Ingress api: no ManagedCertificate it names (api) covers api.staging.example.com',
    ]);
  });
});
