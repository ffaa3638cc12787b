import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = resolve(__dirname, '../../..');

/** Runs the same schema check as `./forja test config` on a modified app-config.yaml. */
function checkConfig(edit: (config: any) => void) {
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
      'config:check',
      '--strict',
      '--config',
      file,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

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
