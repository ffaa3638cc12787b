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

/** A `Status` answer, as the API server fails a request. */
const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});

const unauthorized = () => status(401, 'Unauthorized', 'Unauthorized');

/**
 * What a `continue` token holds, as the API server encodes it (base64url JSON): the list's
 * resource version and the storage key the next page starts at. Opaque to clients.
 */
interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

const encodeContinue = (token: ContinueToken) =>
  Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeContinue(value: string): ContinueToken | undefined {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    const valid =
      token?.v === 'meta.k8s.io/v1' &&
      Number.isInteger(token.rv) &&
      token.rv > 0 &&
      typeof token.start === 'string' &&
      token.start !== '';
    return valid ? token : undefined;
  } catch {
    return undefined;
  }
}

/** An object's storage key within its collection: lists come in this order. */
const keyOf = (object: KubernetesObject) =>
  `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

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
  /**
   * Expires every `continue` token given so far, as etcd's compaction does: the next page
   * asked with one is answered 410 Gone (`Expired`), and the list must start again.
   */
  compact(): void;
}

/**
 * A Kubernetes API server on 127.0.0.1 that serves list calls for the objects given,
 * filtered by namespace and label selector, with bearer-token authentication, optional
 * latency and a settable fault. Lists come in storage-key order (namespace/name) and in
 * chunks as the API documents them: `limit` items at most, `metadata.continue` to ask for
 * the next chunk with (an opaque token; one not given by this server is 400 BadRequest, one
 * older than the last `compact()` 410 Expired), and `metadata.remainingItemCount` unless a
 * selector was given. Unlike a real API server, later chunks see the objects as they are
 * then, not as they were at the list's first chunk.
 */
export async function startFakeKubernetesApi(
  options: FakeKubernetesApiOptions,
): Promise<FakeKubernetesApi> {
  const authorized = (req: IncomingMessage) =>
    req.headers.authorization === `Bearer ${options.token}`;
  // eslint-disable-next-line prefer-const -- the handler reads it once the server exists
  let fake: FakeKubernetesApi;
  // The resource version lists are read at; continue tokens at or below `compacted` expired.
  let revision = 48213;
  let compacted = 0;

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
    const continueValue = url.searchParams.get('continue');
    let listRevision = revision;
    let start = '';
    if (continueValue) {
      const token = decodeContinue(continueValue);
      if (!token) {
        sendJson(
          res,
          400,
          status(
            400,
            'BadRequest',
            'invalid continue token: continue key is not valid',
          ),
        );
        return true;
      }
      if (token.rv <= compacted || token.rv > revision) {
        sendJson(
          res,
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          ),
        );
        return true;
      }
      listRevision = token.rv;
      start = token.start;
    }
    const items = options.objects
      .filter(
        object =>
          object.kind === kind &&
          object.apiVersion === apiVersion &&
          (!namespace || object.metadata.namespace === namespace) &&
          selected(object.metadata.labels) &&
          keyOf(object) >= start,
      )
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const limit = Number(url.searchParams.get('limit'));
    const page =
      Number.isInteger(limit) && limit > 0 ? items.slice(0, limit) : items;
    const remaining = items.length - page.length;
    const filtered = Boolean(selector || url.searchParams.get('fieldSelector'));
    sendJson(res, 200, {
      kind: `${kind}List`,
      apiVersion,
      metadata: {
        resourceVersion: String(listRevision),
        ...(remaining > 0
          ? {
              continue: encodeContinue({
                v: 'meta.k8s.io/v1',
                rv: listRevision,
                start: `${keyOf(page[page.length - 1])}\u0000`,
              }),
              // The API server cannot count what a selector leaves out of the rest.
              ...(filtered ? {} : { remainingItemCount: remaining }),
            }
          : {}),
      },
      items: page,
    });
    return true;
  }, options.port);
  fake = Object.assign(server, {
    fault: 'none' as UpstreamFault,
    compact() {
      compacted = revision;
      revision += 1;
    },
  });
  return fake;
}
