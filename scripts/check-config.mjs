#!/usr/bin/env node
// Validates every shipped configuration against the schemas of all installed packages.
// A missing key or a wrong type fails with a message that names the key.
import { spawnSync } from 'node:child_process';

const productionEnv = {
  POSTGRES_HOST: 'localhost',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'forja',
  POSTGRES_PASSWORD: 'unused-by-the-check',
  BACKEND_SECRET: 'unused-by-the-check',
  AUTH_GITHUB_CLIENT_ID: 'unused-by-the-check',
  AUTH_GITHUB_CLIENT_SECRET: 'unused-by-the-check',
  REDIS_URL: 'redis://localhost:6379',
  ARGOCD_URL: 'https://argocd.example.com',
  ARGOCD_TOKEN: 'unused-by-the-check',
  GRAFANA_URL: 'https://grafana.example.com',
  GRAFANA_TOKEN: 'unused-by-the-check',
};

const setups = [
  { name: 'embedded defaults', configs: ['app-config.yaml'] },
  {
    name: 'production',
    configs: ['app-config.yaml', 'app-config.production.yaml'],
    env: productionEnv,
  },
];

let failed = false;
for (const setup of setups) {
  const args = ['backstage-cli', 'config:check', '--strict'];
  for (const config of setup.configs) args.push('--config', config);
  const run = spawnSync('yarn', args, {
    stdio: 'inherit',
    env: { ...process.env, ...setup.env },
  });
  console.log(
    `${run.status === 0 ? 'ok' : 'FAIL'}: ${setup.name} (${setup.configs.join(
      ' + ',
    )})`,
  );
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
