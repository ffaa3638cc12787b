/* eslint-disable no-console */
// `./forja start --demo`: the portal against local simulators of Argo CD, Grafana, GitHub
// and a Kubernetes cluster (startDemoUpstreams), with a banner saying so. Loopback only.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoUpstreams } from './upstreams';

/** The repository: ./forja runs this from its root. */
const ROOT = process.cwd();

async function main() {
  const dir = join(ROOT, 'output', 'demo');
  mkdirSync(dir, { recursive: true });
  const upstreams = await startDemoUpstreams(ROOT, dir, line =>
    console.log(`[demo] ${line}`),
  );
  const configFile = join(dir, 'app-config.demo.yaml');
  // JSON is YAML: the portal reads it as one more config file.
  writeFileSync(configFile, JSON.stringify(upstreams.config, null, 2));
  console.log(
    `[demo] simulators on loopback: Argo CD ${upstreams.urls.argocd}, Grafana ${upstreams.urls.grafana}, Kubernetes ${upstreams.urls.kubernetes}, GitHub ${upstreams.urls.github}, OpenCost ${upstreams.urls.opencost}, Cost Explorer ${upstreams.urls.costExplorer}, Azure Cost Management ${upstreams.urls.azureCostManagement}, BigQuery ${upstreams.urls.bigquery} (services you create publish to ${upstreams.github.owner} there)`,
  );
  const portal = spawn(
    'yarn',
    [
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const stop = (signal: NodeJS.Signals) => portal.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  portal.on('exit', async code => {
    await upstreams.close();
    process.exit(code ?? 0);
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
