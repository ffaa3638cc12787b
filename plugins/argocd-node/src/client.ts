import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourceStatus, RevisionMetadata } from '@forja/plugin-argocd-common';
import {
  fetchUpstream,
  Semaphore,
  UpstreamCredentialsRejectedError,
  UpstreamRequestRefusedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { ArgoCdInstanceConfig } from './config';

/** After a refused login, wait this long before trying again: failed logins lock accounts. */
export const LOGIN_RETRY_AFTER_MS = 5 * 60_000;
const SESSION_EXPIRY_MARGIN_MS = 60_000;

/** The parts of an Argo CD Application Forja reads (see the Argo CD API's v1alpha1Application). */
export interface ArgoCdApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    project?: string;
    source?: { repoURL?: string; path?: string; targetRevision?: string };
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean };
      syncOptions?: string[];
    };
  };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    resources?: ResourceStatus[];
    reconciledAt?: string;
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
    };
    history?: Array<{
      id: number;
      revision?: string;
      deployedAt?: string;
      deployStartedAt?: string;
    }>;
  };
}

/**
 * One managed resource of an application, live against desired (v1alpha1ResourceDiff of
 * `GET /api/v1/applications/{name}/managed-resources`). The states are JSON documents in
 * strings (`"null"` when absent); Argo CD redacts Secrets' data values in them.
 */
export interface ArgoCdResourceDiff {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** The manifest from Git (Kustomize/Helm rendered). */
  targetState?: string;
  liveState?: string;
  /** Deprecated by Argo CD: a JSON patch between target and live. */
  diff?: string;
  hook?: boolean;
  /** The live state with the application's ignoreDifferences and normalizations applied. */
  normalizedLiveState?: string;
  /** What the live state becomes when the target is applied. */
  predictedLiveState?: string;
  resourceVersion?: string;
  modified?: boolean;
}

/** An Argo CD AppProject (v1alpha1AppProject), as Forja creates and reads it. */
export interface ArgoCdAppProject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec: {
    description?: string;
    sourceRepos?: string[];
    destinations?: Array<{
      server?: string;
      name?: string;
      namespace?: string;
    }>;
    clusterResourceWhitelist?: Array<{ group: string; kind: string }>;
  };
}

function jwtExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1], 'base64url').toString(),
    );
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One Argo CD instance's API. Session tokens are cached until they expire; a refused
 * login is not retried for LOGIN_RETRY_AFTER_MS; every request has a timeout, a body
 * size limit, and at most `maxConcurrentRequests` are in flight.
 */
export class ArgoCdClient {
  private session?: { token: string; expiresAt: number };
  private login?: Promise<string>;
  private refusedLogin?: { at: number; message: string };
  private readonly semaphore: Semaphore;

  constructor(
    readonly instance: ArgoCdInstanceConfig,
    private readonly options: {
      logger: LoggerService;
      timeoutMs: number;
      maxConcurrentRequests: number;
      maxResponseBytes: number;
    },
  ) {
    // A call waits for its turn at most as long as it may then take.
    this.semaphore = new Semaphore(options.maxConcurrentRequests, {
      maxWaitMs: options.timeoutMs,
      upstream: instance.name,
    });
  }

  private async token(): Promise<string> {
    if (this.instance.token) return this.instance.token;
    if (
      this.session &&
      this.session.expiresAt - SESSION_EXPIRY_MARGIN_MS > Date.now()
    ) {
      return this.session.token;
    }
    if (
      this.refusedLogin &&
      Date.now() - this.refusedLogin.at < LOGIN_RETRY_AFTER_MS
    ) {
      throw new UpstreamCredentialsRejectedError(this.refusedLogin.message);
    }
    this.login ??= this.createSession().finally(() => {
      this.login = undefined;
    });
    return this.login;
  }

  private async createSession(): Promise<string> {
    const response = await this.fetch('POST', '/api/v1/session', undefined, {
      username: this.instance.username,
      password: this.instance.password,
    });
    if (response.status === 401 || response.status === 403) {
      const message = `credentials rejected by ${
        this.instance.name
      }: login as ${this.instance.username} refused; not retried for ${
        LOGIN_RETRY_AFTER_MS / 60_000
      } minutes`;
      this.refusedLogin = { at: Date.now(), message };
      this.options.logger.warn(message, { instance: this.instance.name });
      throw new UpstreamCredentialsRejectedError(message);
    }
    if (!response.ok) {
      throw new UpstreamUnavailableError(
        `${this.instance.name} is unavailable: HTTP ${response.status}`,
      );
    }
    const { token } = await response.json<{ token?: string }>();
    if (!token)
      throw new UpstreamUnavailableError(
        `${this.instance.name} returned no session token`,
      );
    this.session = {
      token,
      expiresAt: jwtExpiry(token) ?? Date.now() + 10 * 60_000,
    };
    this.refusedLogin = undefined;
    return token;
  }

  private fetch(method: string, path: string, token?: string, body?: unknown) {
    return fetchUpstream({
      upstream: this.instance.name,
      url: `${this.instance.url}${path}`,
      method,
      token,
      body,
      timeoutMs: this.options.timeoutMs,
      maxResponseBytes: this.options.maxResponseBytes,
    });
  }

  /** One API call; a session the server no longer accepts is renewed once. */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    return this.semaphore.run(async () => {
      let response = await this.fetch(method, path, await this.token(), body);
      if (response.status === 401 && !this.instance.token && this.session) {
        this.session = undefined;
        response = await this.fetch(method, path, await this.token(), body);
      }
      if (response.status === 401 || response.status === 403) {
        throw new UpstreamCredentialsRejectedError(
          `credentials rejected by ${this.instance.name}`,
        );
      }
      if (response.status === 404) {
        throw new NotFoundError(
          `not found in ${this.instance.name}: ${path.split('?')[0]}`,
        );
      }
      if (response.status === 400 || response.status === 409) {
        const { message } = await response.json<{ message?: string }>();
        throw new UpstreamRequestRefusedError(
          `${this.instance.name} refused the request: ${
            message ?? `HTTP ${response.status}`
          }`,
        );
      }
      if (!response.ok) {
        throw new UpstreamUnavailableError(
          `${this.instance.name} is unavailable: HTTP ${response.status}`,
        );
      }
      return response.json<T>();
    });
  }

  /** Applications matching a label selector, with only the fields the card needs. */
  async listApplications(query: {
    selector?: string;
    name?: string;
    project?: string;
    appNamespace?: string;
  }) {
    const params = new URLSearchParams();
    if (query.selector) params.set('selector', query.selector);
    if (query.name) params.set('name', query.name);
    if (query.project) params.append('projects', query.project);
    if (query.appNamespace) params.set('appNamespace', query.appNamespace);
    params.set(
      'fields',
      [
        'items.metadata.name',
        'items.metadata.namespace',
        'items.metadata.labels',
        'items.metadata.annotations',
        'items.spec.project',
        'items.status.sync',
        'items.status.health',
        'items.status.resources',
        'items.status.reconciledAt',
        'items.status.operationState',
        'items.status.history',
      ].join(','),
    );
    const list = await this.request<{ items?: ArgoCdApplication[] | null }>(
      'GET',
      `/api/v1/applications?${params}`,
    );
    return list.items ?? [];
  }

  getApplication(name: string, appNamespace?: string) {
    return this.request<ArgoCdApplication>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}${nsQuery(
        appNamespace,
      )}`,
    );
  }

  getResourceTree(name: string, appNamespace?: string) {
    return this.request<{ nodes?: ResourceStatus[] }>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}/resource-tree${nsQuery(
        appNamespace,
      )}`,
    );
  }

  /** Live against desired, per managed resource (ManagedResourcesResponse). */
  async getManagedResources(name: string, appNamespace?: string) {
    const response = await this.request<{
      items?: ArgoCdResourceDiff[] | null;
    }>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}/managed-resources${nsQuery(appNamespace)}`,
    );
    return response.items ?? [];
  }

  /**
   * Terminates the running operation (a sync): Argo CD marks it Terminating and its
   * controller ends it as Failed; with no operation running Argo CD answers 400
   * ("No operation is in progress"), an UpstreamRequestRefusedError here.
   */
  terminateOperation(name: string, appNamespace?: string) {
    return this.request<object>(
      'DELETE',
      `/api/v1/applications/${encodeURIComponent(name)}/operation${nsQuery(
        appNamespace,
      )}`,
    );
  }

  getRevisionMetadata(name: string, revision: string, appNamespace?: string) {
    return this.request<RevisionMetadata>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}/revisions/${encodeURIComponent(revision)}/metadata${nsQuery(
        appNamespace,
      )}`,
    );
  }

  getProject(name: string) {
    return this.request<ArgoCdAppProject>(
      'GET',
      `/api/v1/projects/${encodeURIComponent(name)}`,
    );
  }

  /** Creates a project; Argo CD refuses (400) one that exists with another spec. */
  createProject(project: ArgoCdAppProject) {
    return this.request<ArgoCdAppProject>('POST', '/api/v1/projects', {
      project,
      upsert: false,
    });
  }

  /** Creates an application; Argo CD validates its project, repository and destination. */
  createApplication(application: ArgoCdApplication) {
    return this.request<ArgoCdApplication>(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      application,
    );
  }

  sync(name: string, appNamespace?: string) {
    return this.request<ArgoCdApplication>(
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      {
        ...(appNamespace ? { appNamespace } : {}),
        prune: false,
      },
    );
  }

  refresh(name: string, appNamespace?: string) {
    const ns = appNamespace
      ? `&appNamespace=${encodeURIComponent(appNamespace)}`
      : '';
    return this.request<ArgoCdApplication>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}?refresh=normal${ns}`,
    );
  }
}

function nsQuery(appNamespace?: string): string {
  return appNamespace
    ? `?appNamespace=${encodeURIComponent(appNamespace)}`
    : '';
}
