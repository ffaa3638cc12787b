import { KubernetesObject, startFakeKubernetesApi } from '../kubernetes';
import { workloadFixture } from '../kubernetesFixtures';

export const DEMO_CLUSTER_TOKEN = 'demo-service-account-token';

/** Workloads of the demo catalog's video-system, as an EKS cluster would report them. */
export function demoClusterObjects(): KubernetesObject[] {
  return [
    ...workloadFixture({
      name: 'ms-auth',
      namespace: 'video-system',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/ms-auth:1.4.2',
      replicas: 2,
    }),
    ...workloadFixture({
      name: 'ms-video',
      namespace: 'video-system',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/ms-video:2.0.1',
      replicas: 3,
      readyReplicas: 2,
    }),
    ...workloadFixture({
      name: 'ms-notify',
      namespace: 'video-system',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/ms-notify:0.9.0',
      replicas: 1,
    }),
  ];
}

/** The cluster's API server; it serves `objects` live, as they are added to. */
export function startDemoCluster(objects: KubernetesObject[]) {
  return startFakeKubernetesApi({ objects, token: DEMO_CLUSTER_TOKEN });
}
