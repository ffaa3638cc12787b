import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  nodeShare,
  parseCpu,
  parseMemoryGiB,
  readWorkloads,
} from './workloads';

const ROOT = path.resolve(__dirname, '../../../..');

describe('Kubernetes workloads', () => {
  it('parses quantities', () => {
    expect(parseCpu('250m')).toBe(0.25);
    expect(parseCpu('2')).toBe(2);
    expect(parseMemoryGiB('512Mi')).toBe(0.5);
    expect(parseMemoryGiB('2Gi')).toBe(2);
    expect(parseMemoryGiB('1G')).toBeCloseTo(0.9313, 4);
    expect(parseCpu('lots')).toBeUndefined();
  });

  it('takes the larger of the long-running sum and the largest init container', () => {
    const [pod] = readWorkloads(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          resources: { requests: { cpu: "1", memory: 256Mi } }
        - name: mesh
          restartPolicy: Always
          resources: { requests: { cpu: 100m, memory: 128Mi } }
        - name: wait
      containers:
        - name: api
          resources: { requests: { cpu: 250m, memory: 1Gi } }
`);
    // CPU: the migration's 1 core beats 0.25 + 0.1; memory: 1 GiB + 128 MiB beats 256 MiB.
    expect(pod.cpu).toBe(1);
    expect(pod.memoryGiB).toBe(1.125);
    // An init container without requests asks for nothing: it is not a gap.
    expect(pod.missingRequests).toEqual([]);
  });

  it('sums container requests, takes the HPA floor and defaults requests to limits', () => {
    const workloads = readWorkloads(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          resources: { requests: { cpu: 500m, memory: 512Mi } }
        - name: proxy
          resources: { limits: { cpu: 100m, memory: 128Mi } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: monitoring }
spec:
  template:
    spec:
      containers:
        - name: agent
---
apiVersion: v1
kind: Service
metadata: { name: api }
`);
    expect(workloads).toEqual([
      {
        id: 'Deployment/shop/api',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'api',
        replicas: 3,
        cpu: 0.6,
        memoryGiB: 0.625,
        missingRequests: [],
        perNode: false,
      },
      expect.objectContaining({
        id: 'DaemonSet/monitoring/agent',
        missingRequests: ['agent'],
        perNode: true,
      }),
    ]);
    // On a 2 vCPU / 8 GiB node, 0.6 cores is the larger share (0.3 vs 0.078).
    expect(nodeShare(workloads[0], { vcpu: 2, memoryGiB: 8 })).toBeCloseTo(0.3);
  });

  it("reads a generated service's overlay through kubectl kustomize", () => {
    const built = execFileSync(
      'kubectl',
      [
        'kustomize',
        path.join(
          ROOT,
          'examples/systems/video-system/services/ms-auth/k8s/overlays/prod',
        ),
      ],
      { encoding: 'utf8' },
    );
    const [deployment] = readWorkloads(built);
    expect(deployment).toMatchObject({ kind: 'Deployment', name: 'ms-auth' });
    expect(deployment.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.cpu).toBeGreaterThan(0);
    expect(deployment.missingRequests).toEqual([]);
  });
});
