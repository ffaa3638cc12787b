import { PricingCatalog } from '../price/types';
import { testPrices } from '../price/__fixtures__/testPrices';
import { priceWorkloads } from './priceWorkloads';

const catalog: PricingCatalog = {
  version: 'test',
  prices: { aws: { 'us-east-1': testPrices({ 'ec2:m6i.xlarge': 0.2 }) } },
};

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          resources: {requests: {cpu: 500m, memory: 1Gi}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {kind: Deployment, name: api}
  minReplicas: 3
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: shop}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: cache
          resources: {requests: {cpu: 250m, memory: 8Gi}}
        - name: exporter
`;

describe('priceWorkloads', () => {
  it('prices each pod on EKS Fargate at the Fargate size its requests round up to', () => {
    const fargate = priceWorkloads({
      project: 'shop',
      manifests: `${MANIFESTS}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: exporter
          resources: {requests: {cpu: 100m, memory: 64Mi}}
`,
      cloud: 'aws',
      region: 'us-east-1',
      machine: 'fargate',
      catalog: {
        version: 'test',
        prices: {
          aws: {
            'us-east-1': testPrices({
              'fargate:vcpu': 0.04,
              'fargate:gb': 0.005,
            }),
          },
        },
      },
    });
    const byName = Object.fromEntries(
      fargate.projects[0].breakdown.resources.map(r => [
        r.name,
        r.costComponents.map(c => [c.monthlyQuantity, c.monthlyCost]),
      ]),
    );
    expect(byName).toEqual({
      // 3 pods of 500m and 1 GiB (+0.25) -> 0.5 vCPU, 2 GB each:
      // 3 x 0.5 x 730 = 1095 vCPU-hours x 0.04 = 43.8; 3 x 2 x 730 = 4380 GB-hours x 0.005 = 21.9
      'Deployment/shop/api': [
        ['1095', '43.8'],
        ['4380', '21.9'],
      ],
      // 250m and 8 GiB (+0.25) -> 0.25 vCPU stops at 2 GB, 1 vCPU stops at 8: 2 vCPU, 9 GB.
      'StatefulSet/shop/cache': [
        ['1460', '58.4'],
        ['6570', '32.85'],
      ],
    });
    expect(fargate.coverage.unsupportedResources).toEqual([
      expect.objectContaining({
        address: 'DaemonSet/shop/node-exporter',
        reason: 'a DaemonSet does not run on Fargate (no nodes to run on)',
      }),
    ]);
  });

  it("prices each workload as its replicas' share of the node", () => {
    const result = priceWorkloads({
      project: 'shop',
      manifests: MANIFESTS,
      cloud: 'aws',
      region: 'us-east-1',
      machine: 'm6i.xlarge',
      catalog,
    });
    const byName = Object.fromEntries(
      result.projects[0].breakdown.resources.map(r => [r.name, r.monthlyCost]),
    );
    expect(byName).toEqual({
      // HPA floor 3 replicas x max(0.5/4, 1/16) = 0.375 node x 730 x 0.20
      'Deployment/shop/api': '54.75',
      // memory decides: 8/16 = 0.5 node x 730 x 0.20
      'StatefulSet/shop/cache': '73',
    });
    expect(result.totalMonthlyCost).toBe('127.75');
    expect(result.coverage.problems).toEqual([
      {
        file: 'StatefulSet/shop/cache',
        message:
          'container "exporter" has no CPU or memory request: priced as zero for what it lacks',
      },
    ]);
  });

  it('says which node it assumed when none is given', () => {
    const result = priceWorkloads({
      project: 'shop',
      manifests: MANIFESTS,
      cloud: 'aws',
      region: 'us-east-1',
      catalog,
    });
    expect(result.coverage.assumedUsage).toEqual([
      { address: 'shop', key: 'node_machine=m6i.xlarge', value: 1 },
    ]);
  });
});

describe('priceWorkloads: the load balancers Ingresses make controllers create', () => {
  const ingress = (name: string, spec: string, annotations = '{}') => `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop, annotations: ${annotations}}
spec: ${spec}
`;
  const lbCatalog: PricingCatalog = {
    version: 'test',
    prices: {
      aws: {
        'us-east-1': testPrices({
          'ec2:m6i.xlarge': 0.2,
          'alb:hour': 0.0225,
          'alb:lcu': 0.008,
        }),
      },
      gcp: {
        'us-central1': testPrices({ 'lb:rule': 0.025, 'lb:gb': 0.008 }),
      },
    },
  };

  it('prices one ALB per Ingress of class alb, one per IngressGroup, with the usage file', () => {
    const result = priceWorkloads({
      project: 'shop',
      manifests:
        MANIFESTS +
        ingress('api', '{ingressClassName: alb}') +
        ingress(
          'admin',
          '{ingressClassName: alb}',
          "{'alb.ingress.kubernetes.io/group.name': shared}",
        ) +
        ingress(
          'docs',
          '{ingressClassName: alb}',
          "{'alb.ingress.kubernetes.io/group.name': shared}",
        ) +
        ingress('internal', '{ingressClassName: nginx}'),
      cloud: 'aws',
      region: 'us-east-1',
      machine: 'm6i.xlarge',
      catalog: lbCatalog,
      usage: { resource_type_default_usage: { aws_lb: { capacity_units: 7 } } },
    });
    const balancers = result.projects[0].breakdown.resources.filter(
      r => r.resourceType === 'aws_lb',
    );
    expect(balancers.map(b => b.name)).toEqual([
      'Ingress/shop/api',
      'IngressGroup/shared',
    ]);
    // 730 h x $0.0225 + 7 LCU x 730 h x $0.008
    expect(balancers.map(b => b.monthlyCost)).toEqual(['57.305', '57.305']);
    expect(result.coverage.assumedUsage).not.toContainEqual(
      expect.objectContaining({ key: 'capacity_units' }),
    );
  });

  it("sizes an ALB's capacity units from the month's traffic: one LCU-hour per GB", () => {
    const result = priceWorkloads({
      project: 'kv',
      manifests: ingress('kv-api', '{ingressClassName: alb}'),
      cloud: 'aws',
      region: 'us-east-1',
      machine: 'm6i.xlarge',
      catalog: lbCatalog,
      usage: {
        resource_type_default_usage: { aws_lb: { processed_bytes_gb: 5000 } },
      },
    });
    const [alb] = result.projects[0].breakdown.resources;
    // 730 h x $0.0225 + 5,000 LCU-hours x $0.008
    expect(alb.monthlyCost).toBe('56.425');
    expect(result.coverage.assumedUsage).toEqual([]);
  });

  it("prices GKE's forwarding rule for a gce Ingress, named by annotation", () => {
    const result = priceWorkloads({
      project: 'shop',
      manifests: ingress(
        'web',
        '{defaultBackend: {service: {name: web, port: {number: 80}}}}',
        "{'kubernetes.io/ingress.class': gce}",
      ),
      cloud: 'gcp',
      region: 'us-central1',
      machine: 'e2-standard-4',
      catalog: lbCatalog,
    });
    const [rule] = result.projects[0].breakdown.resources;
    expect(rule.resourceType).toBe('google_compute_global_forwarding_rule');
    expect(result.coverage.assumedUsage).toContainEqual(
      expect.objectContaining({ key: 'monthly_data_processed_gb' }),
    );
  });
});
