import { parse, parseAllDocuments } from 'yaml';
import { FakeArgoApplication, FakeArgoCd } from '../argocd';
import { FakeGitHub } from '../github';
import { KubernetesObject } from '../kubernetes';
import { workloadFixture } from '../kubernetesFixtures';
import { DemoGrafanaState, loadServiceObservability } from './observability';

export interface DemoGitOpsOptions {
  github: FakeGitHub;
  token: string;
  /** The environment repository services register on ("owner/name"). */
  platformRepository: string;
  argocd: FakeArgoCd;
  /** The simulated cluster's objects, and the environment it runs. */
  cluster: { objects: KubernetesObject[]; environment: string };
  grafana: DemoGrafanaState;
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface DemoGitOps {
  /** One pass over what changed; passes never overlap. */
  tick(): Promise<void>;
  /** No more passes; resolves once the one under way, if any, has ended. */
  stop(): Promise<void>;
}

/** Argo CD reports a rollout that has not finished after this long as Degraded. */
const PROGRESS_DEADLINE_MS = 600_000;
const UNRELEASED = 'unreleased';

interface Registration {
  name: string;
  environment: string;
  repository: string;
  path: string;
  namespace: string;
  registeredAt: number;
}

/** A service's registration in one environment of the platform repository. */
const REGISTRATION = /^terraform\/environments\/([^/]+)\/service-([^/]+)\.tf$/;

/** What a pass reads of a service repository: its settings, overlays and observability. */
const SERVICE_FILES =
  /^(\.forja\/service\.json|k8s\/overlays\/[^/]+\/(kustomization|patch-scale)\.yaml|k8s\/base\/(dashboard\.json|prometheusrule\.yaml))$/;

/** A string attribute of the service-wiring module block in a registration file. */
const attribute = (hcl: string, key: string) =>
  new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm').exec(hcl)?.[1];

/** "owner/name" of a repository URL such as https://host/owner/name.git. */
const repositoryOf = (url: string) =>
  new URL(url).pathname.replace(/^\//, '').replace(/\.git$/, '');

/**
 * What happens after a service is created, played on the demo's simulators the way the
 * real systems would: the platform team merges the registration pull request and
 * Terraform applies it (the service's Argo CD Application per environment, from
 * `terraform/environments/<env>/service-<name>.tf`); the service's build workflow opens
 * and merges the pull request deploying its first image to its first environment
 * (`k8s/overlays/<env>/kustomization.yaml`); Argo CD syncs each overlay into the
 * simulated cluster (a Deployment with the overlay's image and its HPA's minimum
 * replicas) and Grafana loads the service's dashboard and its PrometheusRule alerts.
 * Everything goes through the local GitHub's REST API and the repositories' content.
 */
export function startDemoGitOps(options: DemoGitOpsOptions): DemoGitOps {
  const log = options.log ?? (() => {});
  const registrations = new Map<string, Registration>();
  const api = async (method: string, route: string, body?: object) => {
    const response = await fetch(`${options.github.apiBaseUrl}${route}`, {
      method,
      headers: {
        authorization: `token ${options.token}`,
        accept: 'application/vnd.github+json',
        'content-type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
    return response.json() as Promise<any>;
  };
  const headOf = async (repository: string) =>
    (await api('GET', `/repos/${repository}/commits?sha=main`))[0]
      .sha as string;

  /** The platform team approves every registration pull request. */
  const mergeRegistrations = async () => {
    const pulls = await api(
      'GET',
      `/repos/${options.platformRepository}/pulls?state=open`,
    );
    for (const pull of pulls) {
      if (!String(pull.head.ref).startsWith('forja/register-')) continue;
      await api(
        'PUT',
        `/repos/${options.platformRepository}/pulls/${pull.number}/merge`,
        { merge_method: 'merge' },
      );
      log(
        `merged ${options.platformRepository}#${pull.number} (${pull.title})`,
      );
    }
  };

  /** Terraform applies the registrations on main: one Application per environment. */
  const applyRegistrations = async () => {
    const tree = await options.github.readTree(
      options.platformRepository,
      undefined,
      file => REGISTRATION.test(file),
    );
    for (const [file, hcl] of tree) {
      const match = REGISTRATION.exec(file);
      if (!match) continue;
      const [, environment, name] = match;
      const application = `${name}-${environment}`;
      if (
        registrations.has(application) ||
        options.argocd.applications.some(app => app.name === application)
      )
        continue;
      const repoUrl = attribute(hcl, 'repo_url');
      const path = attribute(hcl, 'path');
      const namespace = attribute(hcl, 'namespace');
      if (!repoUrl || !path || !namespace) continue;
      const repository = repositoryOf(repoUrl);
      if (!options.github.repositories.has(repository)) continue;
      registrations.set(application, {
        name,
        environment,
        repository,
        path,
        namespace,
        registeredAt: Date.now(),
      });
      log(`applied ${file}: Application ${application}`);
    }
  };

  /** What a pass reads of a service repository. */
  const readService = (repository: string) =>
    options.github.readTree(repository, undefined, file =>
      SERVICE_FILES.test(file),
    );

  /** The build workflow's first run: its image deployed to the first environment. */
  const deployFirstImage = async (repository: string) => {
    const tree = await readService(repository);
    const service = JSON.parse(tree.get('.forja/service.json') ?? '{}');
    const first = service.environments?.[0];
    const file = `k8s/overlays/${first}/kustomization.yaml`;
    const kustomization = tree.get(file);
    if (!first || !kustomization?.includes(`newTag: ${UNRELEASED}`)) return;
    const pulls = await api('GET', `/repos/${repository}/pulls?state=all`);
    if (pulls.some((pull: any) => pull.head.ref.startsWith(`deploy/${first}-`)))
      return;
    const head = await headOf(repository);
    const tag = head.slice(0, 12);
    const treeSha = (
      await api('POST', `/repos/${repository}/git/trees`, {
        base_tree: head,
        tree: [
          {
            path: file,
            mode: '100644',
            type: 'blob',
            // Quoted: a tag of digits and one `e` (a commit prefix such as
            // 123e45678901) would otherwise read as a number in YAML.
            content: kustomization.replace(
              `newTag: ${UNRELEASED}`,
              `newTag: ${JSON.stringify(tag)}`,
            ),
          },
        ],
      })
    ).sha;
    const commit = await api('POST', `/repos/${repository}/git/commits`, {
      message: `deploy: ${tag} to ${first}`,
      tree: treeSha,
      parents: [head],
    });
    const branch = `deploy/${first}-${tag}`;
    await api('POST', `/repos/${repository}/git/refs`, {
      ref: `refs/heads/${branch}`,
      sha: commit.sha,
    });
    const pull = await api('POST', `/repos/${repository}/pulls`, {
      title: `deploy: ${tag} to ${first}`,
      head: branch,
      base: 'main',
      body: 'Opened by the build workflow after pushing the image.',
    });
    await api('PUT', `/repos/${repository}/pulls/${pull.number}/merge`, {});
    log(`built ${repository} ${tag} and merged its deploy to ${first}`);
  };

  /** Argo CD's view of one registration, and the cluster after its sync. */
  const sync = async (
    registration: Registration,
    tree: Map<string, string>,
    revision: string,
  ) => {
    const overlay = (file: string) =>
      tree.get(`${registration.path}/${file}`) ?? '';
    const image = (parse(overlay('kustomization.yaml'))?.images ?? []).find(
      (entry: any) => entry.name === registration.name,
    );
    const released = image && image.newTag !== UNRELEASED;
    const isClusterEnvironment =
      registration.environment === options.cluster.environment;
    const running = options.cluster.objects.some(
      object =>
        object.kind === 'Deployment' &&
        object.metadata.name === registration.name &&
        object.metadata.namespace === registration.namespace,
    );
    if (released && isClusterEnvironment && !running) {
      const scale = parseAllDocuments(overlay('patch-scale.yaml'))
        .map(doc => doc.toJS())
        .find(doc => doc?.kind === 'HorizontalPodAutoscaler');
      options.cluster.objects.push(
        ...workloadFixture({
          name: registration.name,
          namespace: registration.namespace,
          image: `${image.newName ?? image.name}:${image.newTag}`,
          replicas: Number(scale?.spec?.minReplicas ?? 1),
          creationTimestamp: new Date().toISOString(),
          labels: { 'forja.dev/environment': registration.environment },
        }),
      );
    }

    // Argo CD's Deployment health: Healthy once its pods run, Degraded past the deadline.
    let health: FakeArgoApplication['health'] = 'Progressing';
    if (released && (!isClusterEnvironment || running)) health = 'Healthy';
    else if (Date.now() - registration.registeredAt > PROGRESS_DEADLINE_MS)
      health = 'Degraded';
    const name = `${registration.name}-${registration.environment}`;
    const existing = options.argocd.applications.find(app => app.name === name);
    const application: FakeArgoApplication = existing ?? {
      name,
      project: registration.name,
      labels: {
        'backstage.io/kubernetes-id': registration.name,
        'forja.dev/environment': registration.environment,
      },
      sync: 'Synced',
      health,
      revision,
      history: [],
      source: {
        repoURL: `https://${options.github.host}/${registration.repository}.git`,
        path: registration.path,
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: registration.namespace,
      },
    };
    if (!existing) options.argocd.applications.push(application);
    application.health = health;
    if (application.revision !== revision || !application.history?.length) {
      application.revision = revision;
      application.history = [
        ...(application.history ?? []),
        {
          id: (application.history?.length ?? 0) + 1,
          revision,
          deployedAt: new Date().toISOString(),
        },
      ];
    }
  };

  let running: Promise<void> | undefined;
  const pass = async () => {
    await mergeRegistrations();
    await applyRegistrations();
    const repositories = new Set(
      [...registrations.values()].map(r => r.repository),
    );
    for (const repository of repositories) {
      await deployFirstImage(repository);
      // Read once per repository, after the deploy: what each environment syncs from.
      const tree = await readService(repository);
      const revision = await headOf(repository);
      loadServiceObservability(tree, options.grafana);
      for (const registration of registrations.values()) {
        if (registration.repository === repository)
          await sync(registration, tree, revision);
      }
    }
  };
  const tick = () => {
    running ??= pass()
      .catch(error => log(`pass failed: ${error}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(tick, options.intervalMs ?? 2000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
