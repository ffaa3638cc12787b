import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = resolve(__dirname, '../../..');

/** Runs a backstage-cli config command on app-config.yaml after `edit`. */
function runOnConfig(args: string[], edit: (config: any) => void) {
  const config = parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'));
  edit(config);
  const file = join(
    mkdtempSync(join(tmpdir(), 'forja-config-')),
    'app-config.yaml',
  );
  writeFileSync(file, stringify(config));
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      ...args,
      '--config',
      file,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return {
    status: run.status,
    stdout: run.stdout,
    output: `${run.stdout}${run.stderr}`,
  };
}

/** The same schema check as `./forja test config`. */
const checkConfig = (edit: (config: any) => void) =>
  runOnConfig(['config:check', '--strict'], edit);

describe('app-config.yaml schema check', () => {
  it('accepts the shipped configuration', () => {
    expect(checkConfig(() => {}).status).toBe(0);
  }, 60_000);

  it('names a key whose value has the wrong type', () => {
    const result = checkConfig(config => {
      config.kubernetes.clusterLocatorMethods = 'one cluster, please';
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/\/kubernetes\/clusterLocatorMethods/);
  }, 60_000);

  it('names a required key that is missing', () => {
    const result = checkConfig(config => {
      delete config.app.baseUrl;
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/baseUrl/);
    expect(result.output).toMatch(/\/app/);
  }, 60_000);
});

describe('the configuration the frontend receives', () => {
  it('carries no token, password or secret of any Forja upstream', () => {
    const secrets = {
      argocdToken: 'argocd-token-must-stay-in-the-backend',
      argocdPassword: 'argocd-password-must-stay-in-the-backend',
      githubToken: 'ghp_must-stay-in-the-backend',
      grafanaToken: 'glsa_must-stay-in-the-backend',
      grafanaHostToken: 'glsa_host-token-must-stay-in-the-backend',
    };
    const result = runOnConfig(
      ['config:print', '--frontend', '--format', 'json'],
      config => {
        config.integrations.github[0].token = secrets.githubToken;
        config.grafana = {
          domain: 'https://grafana.example.com',
          token: secrets.grafanaToken,
          hosts: [
            {
              id: 'main',
              domain: 'https://grafana.example.com',
              token: secrets.grafanaHostToken,
            },
          ],
        };
        config.argocd = {
          password: secrets.argocdPassword,
          appLocatorMethods: [
            {
              type: 'config',
              instances: [
                {
                  name: 'main',
                  url: 'https://argocd.example.com',
                  token: secrets.argocdToken,
                },
                {
                  name: 'prod',
                  url: 'https://argocd-prod.example.com',
                  username: 'backstage',
                  password: secrets.argocdPassword,
                },
              ],
            },
          ],
        };
      },
    );
    expect(result.status).toBe(0);
    const frontend = JSON.parse(result.stdout);
    expect(frontend.app.baseUrl).toBe('http://localhost:3000');
    for (const secret of Object.values(secrets)) {
      expect(result.output).not.toContain(secret);
    }
  }, 60_000);
});

describe('production rate limits', () => {
  /** Plugin IDs of this repository's backend plugins. */
  const backendPluginIds = () =>
    readdirSync(join(ROOT, 'plugins'), { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .flatMap(({ name }) => {
        const manifest = JSON.parse(
          readFileSync(join(ROOT, 'plugins', name, 'package.json'), 'utf8'),
        );
        return manifest.backstage?.role === 'backend-plugin'
          ? [manifest.backstage.pluginId as string]
          : [];
      });

  it.each([
    'app-config.production.yaml',
    'k8s/base/app-config.production.yaml',
  ])(
    '%s limits plugins by their real IDs (a wrong key limits nothing)',
    file => {
      const config = parse(readFileSync(join(ROOT, file), 'utf8'));
      const limited = Object.keys(config.backend.rateLimit.plugin);
      expect(limited.length).toBeGreaterThan(0);
      expect(backendPluginIds()).toEqual(expect.arrayContaining(limited));
    },
  );
});
