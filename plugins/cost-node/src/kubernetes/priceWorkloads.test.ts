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
