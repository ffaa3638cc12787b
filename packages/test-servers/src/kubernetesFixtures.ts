import { createHash } from 'node:crypto';
import { KubernetesObject } from './kubernetes';

export interface WorkloadFixtureOptions {
  /** The component name, used as the `backstage.io/kubernetes-id` label value. */
  name: string;
  namespace: string;
  image: string;
  replicas: number;
  /** How many of the replicas are ready; the rest are crash-looping. */
  readyReplicas?: number;
  port?: number;
  creationTimestamp?: string;
  /** Labels added to every object, such as `forja.dev/environment`. */
  labels?: Record<string, string>;
}

const uid = (...parts: string[]) => {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The objects a Deployment of one service produces in a real cluster: Deployment,
 * ReplicaSet, Pods, Service and HorizontalPodAutoscaler, linked by owner references.
 */
export function workloadFixture(
  options: WorkloadFixtureOptions,
): KubernetesObject[] {
  const { name, namespace, image, replicas } = options;
  const readyReplicas = options.readyReplicas ?? replicas;
  const port = options.port ?? 8080;
  const created = options.creationTimestamp ?? '2026-11-20T12:00:00Z';
  const labels = {
    app: name,
    'backstage.io/kubernetes-id': name,
    ...options.labels,
  };
  const podTemplateHash = createHash('sha1')
    .update(image)
    .digest('hex')
    .slice(0, 10);
  const replicaSetName = `${name}-${podTemplateHash}`;
  const container = {
    name,
    image,
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
  };

  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid: uid(namespace, 'deployment', name),
      labels,
      generation: 3,
      creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': '3' },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
    status: {
      observedGeneration: 3,
      replicas,
      updatedReplicas: replicas,
      readyReplicas,
      availableReplicas: readyReplicas,
      ...(readyReplicas < replicas
        ? { unavailableReplicas: replicas - readyReplicas }
        : {}),
      conditions: [
        {
          type: 'Available',
          status: readyReplicas > 0 ? 'True' : 'False',
          reason:
            readyReplicas > 0
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          lastTransitionTime: created,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          lastTransitionTime: created,
        },
      ],
    },
  };

  const replicaSet: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: replicaSetName,
      namespace,
      uid: uid(namespace, 'replicaset', replicaSetName),
      labels: { ...labels, 'pod-template-hash': podTemplateHash },
      creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': '3' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name,
          uid: deployment.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: {
        matchLabels: { app: name, 'pod-template-hash': podTemplateHash },
      },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
    status: {
      replicas,
      readyReplicas,
      availableReplicas: readyReplicas,
      observedGeneration: 1,
    },
  };

  const pods: KubernetesObject[] = Array.from(
    { length: replicas },
    (_, index) => {
      const podName = `${replicaSetName}-${
        ['x7k2p', 'q9w4z', 'm3n8v', 'r5t1c', 'b6y0d'][index % 5]
      }${index >= 5 ? index : ''}`;
      const ready = index < readyReplicas;
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace,
          uid: uid(namespace, 'pod', podName),
          labels: { ...labels, 'pod-template-hash': podTemplateHash },
          creationTimestamp: created,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: replicaSetName,
              uid: replicaSet.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          containers: [container],
          nodeName: `ip-10-0-1-${20 + index}.ec2.internal`,
        },
        status: {
          phase: 'Running',
          podIP: `10.0.1.${100 + index}`,
          startTime: created,
          conditions: [
            {
              type: 'Initialized',
              status: 'True',
              lastTransitionTime: created,
            },
            {
              type: 'Ready',
              status: ready ? 'True' : 'False',
              lastTransitionTime: created,
            },
            {
              type: 'ContainersReady',
              status: ready ? 'True' : 'False',
              lastTransitionTime: created,
            },
            {
              type: 'PodScheduled',
              status: 'True',
              lastTransitionTime: created,
            },
          ],
          containerStatuses: [
            {
              name,
              image,
              imageID: `${image}@sha256:${createHash('sha256')
                .update(image)
                .digest('hex')}`,
              ready,
              started: ready,
              restartCount: ready ? 0 : 7,
              state: ready
                ? { running: { startedAt: created } }
                : {
                    waiting: {
                      reason: 'CrashLoopBackOff',
                      message: `back-off 5m0s restarting failed container=${name} pod=${podName}`,
                    },
                  },
              lastState: ready
                ? {}
                : {
                    terminated: {
                      exitCode: 1,
                      reason: 'Error',
                      startedAt: created,
                      finishedAt: created,
                    },
                  },
            },
          ],
        },
      };
    },
  );

  const service: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      uid: uid(namespace, 'service', name),
      labels,
      creationTimestamp: created,
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '172.20.14.9',
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
    status: { loadBalancer: {} },
  };

  const hpa: KubernetesObject = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name,
      namespace,
      uid: uid(namespace, 'hpa', name),
      labels,
      creationTimestamp: created,
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: replicas,
      maxReplicas: replicas * 3,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
    status: {
      currentReplicas: replicas,
      desiredReplicas: replicas,
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: { averageUtilization: 34, averageValue: '34m' },
          },
        },
      ],
    },
  };

  return [deployment, replicaSet, ...pods, service, hpa];
}
