import path from 'node:path';
import { parse } from 'yaml';
import { FakeArgoCd, startFakeArgoCd } from '../argocd';
import { FakeGitHub } from '../github';
import { KubernetesObject } from '../kubernetes';
import {
  DEMO_GITHUB_TOKEN,
  DEMO_PLATFORM_REPOSITORY,
  pushTree,
  startDemoGitHub,
} from './github';
import { DemoGitOps, startDemoGitOps } from './gitops';
import { DemoGrafanaState } from './observability';

const ROOT = path.resolve(__dirname, '../../../..');
const SERVICE_DIR = path.join(
  ROOT,
  'examples/systems/video-system/services/ms-video',
);

describe('the demo plays what follows a service creation', () => {
  let github: FakeGitHub;
  let argocd: FakeArgoCd;
  let gitops: DemoGitOps;
  const objects: KubernetesObject[] = [];
  const grafana: DemoGrafanaState = {
    dashboards: [],
    datasourceRules: {},
    prometheusUid: 'prometheus',
  };
  const api = async (method: string, route: string, body?: object) => {
    const response = await fetch(`${github.apiBaseUrl}${route}`, {
      method,
      headers: { authorization: `token ${DEMO_GITHUB_TOKEN}` },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    github = await startDemoGitHub(ROOT);
    argocd = await startFakeArgoCd({ applications: [] });
    // ms-video's repository as the service template publishes it; the platform's main
    // already registers it (terraform/environments/<env>/service-ms-video.tf).
    await api('POST', '/orgs/forja-demo/repos', { name: 'ms-video' });
    await pushTree(github, SERVICE_DIR, 'forja-demo/ms-video', () => true);
    gitops = startDemoGitOps({
      github,
      token: DEMO_GITHUB_TOKEN,
      platformRepository: DEMO_PLATFORM_REPOSITORY,
      argocd,
      cluster: { objects, environment: 'dev' },
      grafana,
      intervalMs: 60_000,
    });
  }, 60_000);
  afterAll(async () => {
    await gitops.stop();
    await Promise.all([github.close(), argocd.close()]);
  });

  it('merges a registration pull request, and GitHub refuses to merge it twice', async () => {
    const head = (
      await api('GET', `/repos/${DEMO_PLATFORM_REPOSITORY}/commits`)
    ).body[0].sha;
    const tree = await api(
      'POST',
      `/repos/${DEMO_PLATFORM_REPOSITORY}/git/trees`,
      {
        base_tree: head,
        tree: [{ path: 'REGISTERED.md', mode: '100644', content: 'ms-x\n' }],
      },
    );
    const commit = await api(
      'POST',
      `/repos/${DEMO_PLATFORM_REPOSITORY}/git/commits`,
      { message: 'Register ms-x', tree: tree.body.sha, parents: [head] },
    );
    await api('POST', `/repos/${DEMO_PLATFORM_REPOSITORY}/git/refs`, {
      ref: 'refs/heads/forja/register-ms-x',
      sha: commit.body.sha,
    });
    const pull = await api('POST', `/repos/${DEMO_PLATFORM_REPOSITORY}/pulls`, {
      title: 'Register ms-x',
      head: 'forja-demo:forja/register-ms-x',
      base: 'main',
    });

    await gitops.tick();

    const merged = await api(
      'GET',
      `/repos/${DEMO_PLATFORM_REPOSITORY}/pulls?state=closed`,
    );
    expect(merged.body).toEqual([
      expect.objectContaining({
        number: pull.body.number,
        state: 'closed',
        merged: true,
      }),
    ]);
    expect(
      (await github.readTree(DEMO_PLATFORM_REPOSITORY)).get('REGISTERED.md'),
    ).toBe('ms-x\n');
    const again = await api(
      'PUT',
      `/repos/${DEMO_PLATFORM_REPOSITORY}/pulls/${pull.body.number}/merge`,
      {},
    );
    expect(again.status).toBe(405);
    const page = await fetch(
      `${github.url}/${DEMO_PLATFORM_REPOSITORY}/pull/${pull.body.number}`,
    );
    expect(await page.text()).toMatch(/Merged[\s\S]*REGISTERED\.md/);
  });

  it('applies the registrations, deploys the first image, syncs it into the cluster and loads its dashboard and alerts', async () => {
    await gitops.tick();

    expect(argocd.applications.map(app => app.name).sort()).toEqual([
      'ms-video-dev',
      'ms-video-prod',
      'ms-video-staging',
    ]);
    // The build workflow's first run: dev's overlay gets the head commit's image tag.
    const repository = await github.readTree('forja-demo/ms-video');
    const dev = parse(repository.get('k8s/overlays/dev/kustomization.yaml')!);
    const tag = dev.images[0].newTag as string;
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    const head = (await api('GET', '/repos/forja-demo/ms-video/commits'))
      .body[0].sha;
    const devApp = argocd.applications.find(a => a.name === 'ms-video-dev')!;
    expect(devApp).toMatchObject({
      project: 'ms-video',
      sync: 'Synced',
      health: 'Healthy',
      revision: head,
      labels: {
        'backstage.io/kubernetes-id': 'ms-video',
        'forja.dev/environment': 'dev',
      },
      source: { path: 'k8s/overlays/dev', targetRevision: 'main' },
      destination: { namespace: 'video-system' },
    });
    // Staging still runs the unreleased tag: its rollout cannot finish.
    expect(
      argocd.applications.find(a => a.name === 'ms-video-staging')!.health,
    ).toBe('Progressing');

    const deployment = objects.find(o => o.kind === 'Deployment')!;
    expect(deployment.metadata).toMatchObject({
      name: 'ms-video',
      namespace: 'video-system',
    });
    expect(JSON.stringify(deployment)).toContain(
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/ms-video:${tag}`,
    );
    // The dev overlay's HPA minimum.
    expect(objects.filter(o => o.kind === 'Pod')).toHaveLength(1);

    expect(grafana.dashboards.map(d => d.uid)).toEqual(['ms-video']);
    expect(grafana.datasourceRules.prometheus).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'SLOAvailabilityBurnPage1h',
          state: 'inactive',
          labels: expect.objectContaining({ service: 'ms-video' }),
        }),
      ]),
    );

    // A second pass changes nothing: one Deployment, one deploy pull request.
    await gitops.tick();
    expect(objects.filter(o => o.kind === 'Deployment')).toHaveLength(1);
    const pulls = await api(
      'GET',
      '/repos/forja-demo/ms-video/pulls?state=all',
    );
    expect(pulls.body).toHaveLength(1);
  });
});
