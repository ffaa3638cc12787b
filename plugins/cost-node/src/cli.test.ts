import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(__dirname, 'cli.ts');
const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');

const forjaCost = (...args: string[]) =>
  run(process.execPath, ['--require', TRANSFORM, CLI, ...args], { cwd: ROOT });

describe('./forja cost', () => {
  it('prints only the JSON on stdout with --format json', async () => {
    const { stdout } = await forjaCost(
      'examples/systems/hubs/terraform/environments/prod',
      '--format',
      'json',
    );
    const estimate = JSON.parse(stdout);
    expect(estimate.projects[0].name).toBe('prod');
    expect(Number(estimate.totalMonthlyCost)).toBeGreaterThan(0);
    expect(estimate.projects[0].comparison.from).toEqual({
      cloud: 'azure',
      region: 'brazilsouth',
    });
  }, 60_000);

  it('prints a table, and reads usage from a usage file', async () => {
    const { stdout } = await forjaCost(
      'examples/systems/hubs/terraform/environments/prod',
      '--usage',
      path.join(__dirname, '__fixtures__', 'usage.yml'),
    );
    expect(stdout).toMatch(/^Project: prod/);
    expect(stdout).toMatch(/OVERALL TOTAL \$[0-9,.]+ a month/);
    // The usage file gives the NAT gateway's traffic: it is no longer assumed.
    expect(stdout).not.toMatch(
      /assumed: module.network.azurerm_nat_gateway.this/,
    );
  }, 60_000);

  it('fails with a message on stderr and nothing on stdout', async () => {
    await expect(
      forjaCost('no/such/dir', '--format', 'json'),
    ).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('forja cost: ENOENT'),
    });
  }, 60_000);
});
