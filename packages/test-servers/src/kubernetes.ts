import { IncomingMessage } from 'node:http';
import { labelSelectorMatcher } from '@forja/plugin-forja-node';
import {
  answerFault,
  LocalServer,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';

/** A Kubernetes object as the API server returns it. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Collection paths the API server serves, keyed by "group/version/plural". */
const RESOURCE_KINDS: Record<string, string> = {
  'v1/pods': 'Pod',
  'v1/services': 'Service',
  'v1/configmaps': 'ConfigMap',
  'v1/limitranges': 'LimitRange',
  'v1/resourcequotas': 'ResourceQuota',
  'apps/v1/deployments': 'Deployment',
  'apps/v1/replicasets': 'ReplicaSet',
  'apps/v1/statefulsets': 'StatefulSet',
  'apps/v1/daemonsets': 'DaemonSet',
  'autoscaling/v2/horizontalpodautoscalers': 'HorizontalPodAutoscaler',
  'batch/v1/jobs': 'Job',
  'batch/v1/cronjobs': 'CronJob',
  'networking.k8s.io/v1/ingresses': 'Ingress',
};

// /api/v1[/namespaces/{ns}]/{plural} and /apis/{group}/{version}[/namespaces/{ns}]/{plural}
const COLLECTION_PATH =
  /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/;

function unauthorized() {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    code: 401,
  };
}

export interface FakeKubernetesApiOptions {
  objects: KubernetesObject[];
  /** Bearer token the server accepts (the service-account token). */
  token: string;
  port?: number;
  /** Latency added to every answer. */
  latencyMs?: number;
}

export interface FakeKubernetesApi extends LocalServer {
  /** Makes every API call fail in one way until set back to `none`. */
  fault: UpstreamFault;
}

/**
 * A Kubernetes API server on 127.0.0.1 that serves list calls for the objects given,
 * filtered by namespace and label selector, with bearer-token authentication, optional
 * latency and a settable fault.
 */
export async function startFakeKubernetesApi(
  options: FakeKubernetesApiOptions,
): Promise<FakeKubernetesApi> {
  const authorized = (req: IncomingMessage) =>
    req.headers.authorization === `Bearer ${options.token}`;
  // eslint-disable-next-line prefer-const -- the handler reads it once the server exists
  let fake: FakeKubernetesApi;

  const server = await startLocalServer(async (req, res, url) => {
    if (options.latencyMs)
      await new Promise(resolve => setTimeout(resolve, options.latencyMs));
    if (
      await answerFault(fake.fault, req, res, { unauthorized: unauthorized() })
    )
      return true;
    if (!authorized(req)) {
      sendJson(res, 401, unauthorized());
      return true;
    }
    if (url.pathname === '/version') {
      sendJson(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.4' });
      return true;
    }
    const match = COLLECTION_PATH.exec(url.pathname);
    if (!match || req.method !== 'GET') return false;
    const [, coreVersion, group, groupVersion, namespace, plural] = match;
    const apiVersion = coreVersion ?? `${group}/${groupVersion}`;
    const kind = RESOURCE_KINDS[`${apiVersion}/${plural}`];
    if (!kind) return false;
    const selector = url.searchParams.get('labelSelector');
    const selected = labelSelectorMatcher(selector ?? '');
    const items = options.objects.filter(
      object =>
        object.kind === kind &&
        object.apiVersion === apiVersion &&
        (!namespace || object.metadata.namespace === namespace) &&
        selected(object.metadata.labels),
    );
    sendJson(res, 200, {
      kind: `${kind}List`,
      apiVersion,
      metadata: { resourceVersion: '48213' },
      items,
    });
    return true;
  }, options.port);
  fake = Object.assign(server, { fault: 'none' as UpstreamFault });
  return fake;
}
