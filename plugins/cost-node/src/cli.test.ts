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

  it('says how old the prices are, where they came from, and flags them past --max-price-age', async () => {
    const dir = 'examples/systems/hubs/terraform/environments/prod';
    const fresh = await forjaCost(dir);
    expect(fresh.stdout).toMatch(
      /^Prices: catalog \S+, retrieved \d{4}-\d\d-\d\d \(\d+ days old\)$/m,
    );
    expect(fresh.stdout).toMatch(
      /^ {2}azure-karpenter \(generated, 2026-06-18, \d+ days old; \d+ components?\) from github.com\/Azure\/karpenter-provider-azure pkg\/providers\/pricing\/zz_generated.pricing.go at 2b431da$/m,
    );
    expect(fresh.stderr).toBe('');

    const stale = await forjaCost(dir, '--max-price-age', '0');
    expect(stale.stdout).toMatch(/WARNING: prices older than 0 days/);
    expect(stale.stderr).toMatch(/days old, older than 0; refresh them/);

    const json = JSON.parse(
      (await forjaCost(dir, '--format', 'json', '--max-price-age', '0')).stdout,
    );
    expect(json.priceFreshness).toMatchObject({ maxAgeDays: 0, stale: true });
    expect(json.priceSources.map((s: { id: string }) => s.id)).toContain(
      'azure-karpenter',
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
