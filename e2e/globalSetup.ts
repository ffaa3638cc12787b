import { ensureDebianPackages } from '@forja/test-servers';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_ARGOCD_TOKEN, startDemoArgoCd } from './demoArgoCd';
import { DEMO_GRAFANA_TOKEN, startDemoGrafana } from './demoGrafana';
import { DEMO_CLUSTER_TOKEN, startDemoCluster } from './demoCluster';

const ROOT = resolve(__dirname, '..');
const OUTPUT = join(ROOT, 'output', 'e2e');
const FRONTEND = 'http://localhost:3000';
const BACKEND_READY = 'http://localhost:7007/.backstage/health/v1/readiness';
const START_TIMEOUT_MS = 6 * 60_000;

async function waitFor(
  url: string,
  deadline: number,
  portal: { exited?: number | null },
) {
  while (Date.now() < deadline) {
    if (portal.exited !== undefined) {
      throw new Error(
        `the portal exited with code ${portal.exited}; see ${OUTPUT}/portal.log`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${url} did not answer 200 in time; see ${OUTPUT}/portal.log`,
  );
}

/** Starts the demo Kubernetes, Argo CD and Grafana APIs and the portal configured against them. */
export default async function globalSetup() {
  ensureDebianPackages(['chromium'], () => existsSync('/usr/bin/chromium'));
  mkdirSync(OUTPUT, { recursive: true });
  const cluster = await startDemoCluster();
  const argocd = await startDemoArgoCd();
  const grafana = await startDemoGrafana();
  const configFile = join(OUTPUT, 'app-config.e2e.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      grafana: {
        hosts: [{ id: 'main', domain: grafana.url, token: DEMO_GRAFANA_TOKEN }],
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'main', url: argocd.url, token: DEMO_ARGOCD_TOKEN },
            ],
          },
        ],
      },
      overview: { clusterEnvironments: { 'video-eks-dev': 'dev' } },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'video-eks-dev',
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: DEMO_CLUSTER_TOKEN,
                skipMetricsLookup: true,
              },
            ],
          },
        ],
      },
    }),
  );

  const started = Date.now();
  const log = openSync(join(OUTPUT, 'portal.log'), 'w');
  const portal = spawn(
    'yarn',
    [
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, BROWSER: 'none' },
    },
  );
  const state: { exited?: number | null } = {};
  portal.on('exit', code => {
    state.exited = code;
  });
  const deadline = started + START_TIMEOUT_MS;
  await waitFor(BACKEND_READY, deadline, state);
  await waitFor(FRONTEND, deadline, state);
  console.log(
    `[e2e] portal answered 200 on :3000 after ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  return async () => {
    if (state.exited === undefined && portal.pid)
      process.kill(-portal.pid, 'SIGTERM');
    await Promise.all([cluster.close(), argocd.close(), grafana.close()]);
  };
}
