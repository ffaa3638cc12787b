import {
  answerFault,
  LocalServer,
  readJsonBody,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';
import { labelSelectorMatcher } from '@forja/plugin-forja-node';

export interface FakeArgoApplication {
  name: string;
  namespace?: string;
  project: string;
  labels: Record<string, string>;
  /** Annotations on the Application object (omitted from its JSON when absent). */
  annotations?: Record<string, string>;
  sync: 'Synced' | 'OutOfSync' | 'Unknown';
  health:
    | 'Healthy'
    | 'Progressing'
    | 'Degraded'
    | 'Suspended'
    | 'Missing'
    | 'Unknown';
  revision: string;
  outOfSync?: number;
  operationError?: string;
  /**
   * An operation under way (or ended by a terminate): its phase, message and times as
   * `status.operationState` shows them; `Running` also fills the Application's `operation`.
   */
  operation?: {
    phase: 'Running' | 'Terminating' | 'Failed' | 'Succeeded';
    message: string;
    startedAt: string;
    finishedAt?: string;
  };
  /** Managed resources, live against Git; default: the Deployments of `status.resources`. */
  managedResources?: FakeManagedResource[];
  history?: Array<{ id: number; revision: string; deployedAt: string }>;
  source?: { repoURL: string; path: string; targetRevision: string };
  destination?: { server?: string; name?: string; namespace: string };
}

/** One managed resource: its manifest in Git (`target`) and in the cluster (`live`). */
export interface FakeManagedResource {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  target: Record<string, any> | null;
  live: Record<string, any> | null;
  hook?: boolean;
}

/** An AppProject as the API stores it. */
export interface FakeArgoProject {
  metadata: { name: string; namespace: string; [key: string]: unknown };
  spec: {
    sourceRepos?: string[];
    destinations?: Array<{
      server?: string;
      name?: string;
      namespace?: string;
    }>;
    [key: string]: unknown;
  };
}

export interface FakeArgoCdOptions {
  /** A static API token the server accepts. */
  token?: string;
  /** Accounts for POST /api/v1/session. */
  accounts?: Record<string, string>;
  applications: FakeArgoApplication[];
  projects?: FakeArgoProject[];
  /** Upstream latency added to every answer. */
  latencyMs?: number;
}

export interface FakeArgoCd extends LocalServer {
  fault: UpstreamFault;
  /** Logins attempted (POST /api/v1/session). */
  logins: number;
  syncs: string[];
  revisionMetadataCalls: string[];
  /** Applications whose operation was terminated (DELETE .../operation). */
  terminations: string[];
  /** Every write: `POST /api/v1/projects name`, `POST /api/v1/applications name`. */
  writes: string[];
  projects: FakeArgoProject[];
  applications: FakeArgoApplication[];
}

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

function applicationJson(app: FakeArgoApplication) {
  const resources = Array.from({ length: 3 }, (_, i) => ({
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    namespace: app.labels['forja.dev/environment'] ?? 'default',
    name: `${app.name}-${i}`,
    status:
      i < (app.outOfSync ?? (app.sync === 'OutOfSync' ? 1 : 0))
        ? 'OutOfSync'
        : 'Synced',
    health: { status: app.health },
  }));
  const running =
    app.operation?.phase === 'Running' ||
    app.operation?.phase === 'Terminating';
  return {
    metadata: {
      name: app.name,
      namespace: app.namespace ?? 'argocd',
      labels: app.labels,
      ...(app.annotations ? { annotations: app.annotations } : {}),
    },
    // Set while an operation runs; the controller clears it when the operation ends.
    ...(running
      ? {
          operation: {
            sync: { revision: app.revision },
            initiatedBy: { username: 'admin' },
          },
        }
      : {}),
    spec: {
      project: app.project,
      source: app.source ?? {
        repoURL: 'https://github.com/forja-demo/apps.git',
        path: 'k8s',
        targetRevision: 'main',
      },
      destination: app.destination ?? {
        server: 'https://kubernetes.default.svc',
        namespace: 'default',
      },
    },
    status: {
      sync: { status: app.sync, revision: app.revision },
      health: { status: app.health },
      resources,
      reconciledAt: '2026-11-23T10:00:00Z',
      operationState: app.operation
        ? {
            operation: { sync: { revision: app.revision } },
            ...app.operation,
          }
        : {
            phase: app.operationError ? 'Failed' : 'Succeeded',
            message:
              app.operationError ?? 'successfully synced (all tasks run)',
            startedAt: '2026-11-23T09:59:00Z',
            finishedAt: '2026-11-23T10:00:00Z',
            syncResult: { revision: app.revision },
          },
      history: app.history ?? [
        {
          id: 1,
          revision: app.revision,
          deployedAt: '2026-11-23T10:00:00Z',
          deployStartedAt: '2026-11-23T09:59:00Z',
        },
      ],
    },
  };
}

/**
 * The resources of `applicationJson`'s status as manifests: the Deployment in Git runs the
 * application's revision; an OutOfSync one runs another image in the cluster, with the
 * fields the cluster adds (managedFields, status, uid) that Argo CD's diff ignores.
 */
function defaultManagedResources(
  app: FakeArgoApplication,
): FakeManagedResource[] {
  const service = app.labels['backstage.io/kubernetes-id'] ?? app.name;
  return applicationJson(app).status.resources.map(r => {
    const target = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: r.name,
        namespace: r.namespace,
        labels: { 'app.kubernetes.io/instance': app.name },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: r.name } },
        template: {
          metadata: { labels: { app: r.name } },
          spec: {
            containers: [
              {
                name: service,
                image: `ghcr.io/forja-demo/${service}:${app.revision.slice(
                  0,
                  7,
                )}`,
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
        },
      },
    };
    const drifted = r.status === 'OutOfSync';
    const live = structuredClone(target) as Record<string, any>;
    if (drifted) {
      live.spec.replicas = 1;
      live.spec.template.spec.containers[0].image = `ghcr.io/forja-demo/${service}:0a1b2c3`;
    }
    Object.assign(live.metadata, {
      uid: `0b6f${r.name.length}c2e-8d7a-4f1e-9c3b-5a2d1e0f9b8c`,
      resourceVersion: '48213',
      generation: 3,
      creationTimestamp: '2026-11-20T08:00:00Z',
      managedFields: [
        {
          manager: 'argocd-controller',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          time: '2026-11-20T08:00:00Z',
        },
      ],
    });
    live.status = {
      observedGeneration: 3,
      replicas: live.spec.replicas,
      readyReplicas: live.spec.replicas,
    };
    return {
      group: 'apps',
      kind: 'Deployment',
      namespace: r.namespace,
      name: r.name,
      target,
      live,
    };
  });
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `live` with `target` applied over it: what the live object becomes after a sync. */
function applied(live: unknown, target: unknown): unknown {
  if (!isObject(live) || !isObject(target)) return target;
  const out: Record<string, unknown> = { ...live };
  for (const [key, value] of Object.entries(target))
    out[key] = applied(live[key], value);
  return out;
}

/**
 * Argo CD's redaction of Secrets (HideSecretData): every data value becomes `+`s, the
 * same count on both sides when the value is the same, another count when it differs.
 */
function redactSecrets(
  target: Record<string, any> | null,
  live: Record<string, any> | null,
) {
  const copy = (o: Record<string, any> | null) => o && structuredClone(o);
  const [t, l] = [copy(target), copy(live)];
  const keys = new Set([
    ...Object.keys(t?.data ?? {}),
    ...Object.keys(l?.data ?? {}),
  ]);
  let length = 8;
  for (const key of keys) {
    const same = t?.data?.[key] === l?.data?.[key];
    if (t?.data?.[key] !== undefined) t.data[key] = '+'.repeat(length);
    if (!same) length++;
    if (l?.data?.[key] !== undefined) l.data[key] = '+'.repeat(length);
    length++;
  }
  for (const o of [t, l]) delete o?.stringData;
  if (l?.metadata?.annotations)
    delete l.metadata.annotations[
      'kubectl.kubernetes.io/last-applied-configuration'
    ];
  return [t, l] as const;
}

/** `GET /api/v1/applications/{name}/managed-resources`: ManagedResourcesResponse. */
function managedResourcesJson(app: FakeArgoApplication) {
  const json = (value: unknown) => JSON.stringify(value ?? null);
  return {
    items: (app.managedResources ?? defaultManagedResources(app)).map(r => {
      const [target, live] =
        r.kind === 'Secret' && r.group === ''
          ? redactSecrets(r.target, r.live)
          : [r.target, r.live];
      const predicted = target === null ? null : applied(live, target);
      return {
        group: r.group,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        targetState: json(target),
        liveState: json(live),
        normalizedLiveState: json(live),
        predictedLiveState: json(predicted),
        resourceVersion: live?.metadata?.resourceVersion,
        hook: r.hook ?? false,
        modified: json(live) !== json(predicted),
      };
    }),
  };
}

/** How long the double's controller takes to end a terminated operation. */
const TERMINATION_MS = 300;

/**
 * A local Argo CD API (v1) in its payload shapes: session login, application list with
 * `selector`/`projects`/`fields`, application, resource tree, managed resources (live
 * against Git, Secrets redacted), revision metadata, sync, refresh and terminate (DELETE
 * operation). `fault` makes every API call fail in one way.
 */
export async function startFakeArgoCd(
  options: FakeArgoCdOptions,
): Promise<FakeArgoCd> {
  const sessions = new Set<string>();
  const state = {
    fault: 'none' as UpstreamFault,
    logins: 0,
    syncs: [] as string[],
    revisionMetadataCalls: [] as string[],
    terminations: [] as string[],
    writes: [] as string[],
    projects: options.projects ?? ([] as FakeArgoProject[]),
    applications: options.applications,
  };
  // The returned object is the state: tests set `fault` and read the counters on it.
  let fake: FakeArgoCd | typeof state = state;
  const find = (name: string) =>
    options.applications.find(a => a.name === name);

  const server = await startLocalServer(async (req, res, url) => {
    if (!url.pathname.startsWith('/api/v1/')) return false;
    if (options.latencyMs)
      await new Promise(resolve => setTimeout(resolve, options.latencyMs));
    // A 401 fault refuses logins and tokens below, in Argo CD's own answers.
    if (
      fake.fault !== '401' &&
      (await answerFault(fake.fault, req, res, {
        unauthorized: {},
        serverError: {
          error: 'internal error',
          code: 13,
          message: 'internal error',
        },
      }))
    ) {
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/session') {
      fake.logins++;
      const { username, password } = await readJsonBody(req);
      if (
        !options.accounts ||
        options.accounts[username] !== password ||
        fake.fault === '401'
      ) {
        sendJson(res, 401, {
          error: 'Invalid username or password',
          code: 16,
          message: 'Invalid username or password',
        });
        return true;
      }
      const token = `${base64url({ alg: 'HS256' })}.${base64url({
        sub: username,
        exp: Math.floor(Date.now() / 1000) + 3600,
      })}.sig`;
      sessions.add(token);
      sendJson(res, 200, { token });
      return true;
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (
      fake.fault === '401' ||
      !(bearer === options.token || sessions.has(bearer))
    ) {
      sendJson(res, 401, {
        error: 'invalid session: token is expired',
        code: 16,
        message: 'invalid session: token is expired',
      });
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/applications') {
      const selector = url.searchParams.get('selector') ?? '';
      const name = url.searchParams.get('name');
      const projects = url.searchParams.getAll('projects');
      const items = options.applications
        .filter(a => !selector || labelSelectorMatcher(selector)(a.labels))
        .filter(a => !name || a.name === name)
        .filter(a => !projects.length || projects.includes(a.project))
        .map(applicationJson);
      sendJson(res, 200, { metadata: { resourceVersion: '1' }, items });
      return true;
    }
    const writeOutcome = await handleWrite(req, url, fake);
    if (writeOutcome) {
      sendJson(res, writeOutcome.status, writeOutcome.body);
      return true;
    }
    const match =
      /^\/api\/v1\/applications\/([^/]+)(\/resource-tree|\/managed-resources|\/operation|\/sync|\/revisions\/([^/]+)\/metadata)?$/.exec(
        url.pathname,
      );
    const app = match && find(decodeURIComponent(match[1]));
    if (!match || !app) {
      sendJson(res, 404, {
        error: 'applications.argoproj.io not found',
        code: 5,
        message: 'applications.argoproj.io not found',
      });
      return true;
    }
    if (req.method === 'GET' && !match[2])
      sendJson(res, 200, applicationJson(app));
    else if (req.method === 'GET' && match[2] === '/resource-tree') {
      sendJson(res, 200, {
        // ResourceNode: no sync status (that is on the Application's status.resources).
        nodes: applicationJson(app).status.resources.map(
          ({ status: _, ...r }, i) => ({
            ...r,
            uid: `${app.name}-${i}`,
            resourceVersion: '1',
            parentRefs: [],
          }),
        ),
      });
    } else if (req.method === 'GET' && match[3]) {
      fake.revisionMetadataCalls.push(`${app.name}@${match[3]}`);
      sendJson(res, 200, {
        author: 'Ana Souza <ana.souza@example.com>',
        date: '2026-11-23T09:58:00Z',
        message: `deploy: ${match[3].slice(0, 7)} to ${
          app.labels['forja.dev/environment'] ?? 'default'
        }`,
        tags: [],
      });
    } else if (req.method === 'GET' && match[2] === '/managed-resources') {
      sendJson(res, 200, managedResourcesJson(app));
    } else if (req.method === 'DELETE' && match[2] === '/operation') {
      if (app.operation?.phase !== 'Running') {
        // codes.InvalidArgument, as the API server answers with no operation under way.
        const message =
          'Unable to terminate operation. No operation is in progress';
        sendJson(res, 400, { error: message, code: 3, message });
        return true;
      }
      fake.terminations.push(app.name);
      const operation = { ...app.operation, phase: 'Terminating' as const };
      app.operation = operation;
      // The controller sees Terminating, stops the sync and records it as failed.
      setTimeout(() => {
        if (app.operation !== operation) return;
        app.operation = {
          ...operation,
          phase: 'Failed',
          message: 'Operation terminated',
          finishedAt: new Date().toISOString(),
        };
      }, TERMINATION_MS).unref();
      sendJson(res, 200, {});
    } else if (
      req.method === 'POST' &&
      match[2] === '/sync' &&
      (app.operation?.phase === 'Running' ||
        app.operation?.phase === 'Terminating')
    ) {
      const message = 'another operation is already in progress';
      sendJson(res, 400, { error: message, code: 9, message });
    } else if (req.method === 'POST' && match[2] === '/sync') {
      fake.syncs.push(app.name);
      app.sync = 'Synced';
      app.outOfSync = 0;
      sendJson(res, 200, applicationJson(app));
    } else return false;
    return true;
  });

  fake = Object.assign(server, state);
  return fake as FakeArgoCd;
}

const grpcError = (status: number, code: number, message: string) => ({
  status,
  body: { error: message, code, message },
});

const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Projects (get, create) and application create, refusing what Argo CD refuses: a
 * different spec without upsert, a missing project, a repository or destination the
 * project does not permit.
 */
async function handleWrite(
  req: import('node:http').IncomingMessage,
  url: URL,
  fake: Pick<FakeArgoCd, 'projects' | 'applications' | 'writes'>,
): Promise<{ status: number; body: unknown } | undefined> {
  const projectMatch = /^\/api\/v1\/projects\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && projectMatch) {
    const name = decodeURIComponent(projectMatch[1]);
    const project = fake.projects.find(p => p.metadata.name === name);
    return project
      ? { status: 200, body: project }
      : grpcError(404, 5, `appprojects.argoproj.io "${name}" not found`);
  }
  const isProjectCreate = url.pathname === '/api/v1/projects';
  const isAppCreate = url.pathname === '/api/v1/applications';
  if (req.method !== 'POST' || (!isProjectCreate && !isAppCreate)) {
    return undefined;
  }
  const body = await readJsonBody(req);
  if (isProjectCreate) {
    const project = body.project as FakeArgoProject;
    const existing = fake.projects.find(
      p => p.metadata.name === project.metadata.name,
    );
    if (existing && !sameJson(existing.spec, project.spec) && !body.upsert) {
      return grpcError(
        400,
        3,
        'existing project spec is different; use upsert flag to force update',
      );
    }
    if (!existing) {
      const stored = {
        ...project,
        metadata: { ...project.metadata, namespace: 'argocd' },
      };
      fake.projects.push(stored);
      fake.writes.push(`POST /api/v1/projects ${project.metadata.name}`);
    }
    return { status: 200, body: existing ?? project };
  }
  const { metadata, spec } = body;
  const project = fake.projects.find(p => p.metadata.name === spec?.project);
  if (!project) {
    return grpcError(
      400,
      3,
      `application references project ${spec?.project} which does not exist`,
    );
  }
  const repos = project.spec.sourceRepos ?? [];
  if (!repos.includes('*') && !repos.includes(spec.source?.repoURL)) {
    return grpcError(
      400,
      3,
      `application repo ${spec.source?.repoURL} is not permitted in project '${project.metadata.name}'`,
    );
  }
  const permitted = (project.spec.destinations ?? []).some(
    d =>
      (d.server === '*' || d.server === spec.destination?.server) &&
      (d.namespace === '*' || d.namespace === spec.destination?.namespace),
  );
  if (!permitted) {
    return grpcError(
      400,
      3,
      `application destination {${spec.destination?.server} ${spec.destination?.namespace}} is not permitted in project '${project.metadata.name}'`,
    );
  }
  const existing = fake.applications.find(a => a.name === metadata.name);
  if (existing) {
    const same =
      existing.project === spec.project &&
      sameJson(existing.source, spec.source) &&
      sameJson(existing.destination, spec.destination);
    if (!same && url.searchParams.get('upsert') !== 'true') {
      return grpcError(
        400,
        3,
        'existing application spec is different, use upsert flag to force update',
      );
    }
    return { status: 200, body: applicationJson(existing) };
  }
  const created: FakeArgoApplication = {
    name: metadata.name,
    namespace: metadata.namespace,
    project: spec.project,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations,
    sync: 'OutOfSync',
    health: 'Missing',
    revision: '',
    source: spec.source,
    destination: spec.destination,
  };
  fake.applications.push(created);
  fake.writes.push(`POST /api/v1/applications ${metadata.name}`);
  return { status: 200, body: applicationJson(created) };
}
