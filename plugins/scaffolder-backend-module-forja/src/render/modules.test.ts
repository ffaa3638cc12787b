import { parse } from '@cdktf/hcl2json';
import fs from 'fs-extra';
import path from 'node:path';
import { terraformDocsCommand } from '../cli/terraformDocs';
import { formatFinding } from '../validate/types';
import { validateWorkspace } from '../validate/validateWorkspace';
import { FORJA_ROOT } from '../cli/forjaRoot';

const MODULES = path.join(FORJA_ROOT, 'terraform/modules');
const CLOUDS = ['aws', 'azure', 'gcp'];

async function contract(dir: string) {
  const variables: Record<string, string> = {};
  const outputs: string[] = [];
  for (const file of ['variables.tf', 'outputs.tf']) {
    const json: any = await parse(
      file,
      await fs.readFile(path.join(dir, file), 'utf8'),
    );
    for (const [name, [block]] of Object.entries<any>(json.variable ?? {}))
      variables[name] = block.type;
    outputs.push(...Object.keys(json.output ?? {}));
  }
  return { variables, outputs: outputs.sort() };
}

describe('terraform/modules', () => {
  const contracts = fs
    .readdirSync(MODULES)
    .filter(name => fs.existsSync(path.join(MODULES, name, 'aws')));

  it('has the thirteen contracts', () => {
    expect(contracts.sort()).toEqual([
      'ci-oidc-trust',
      'cluster-addons',
      'container-registry',
      'dns',
      'kubernetes-cluster',
      'message-broker',
      'network',
      'object-storage',
      'observability',
      'postgres-db',
      'redis',
      'service-wiring',
      'state-backend',
    ]);
  });

  it.each(contracts)(
    '%s has the same inputs and outputs on every cloud',
    async name => {
      const [aws, ...others] = await Promise.all(
        CLOUDS.map(cloud => contract(path.join(MODULES, name, cloud))),
      );
      expect(Object.keys(aws.variables)).toEqual(
        expect.arrayContaining(['name']),
      );
      for (const other of others) expect(other).toEqual(aws);
    },
  );

  it('READMEs carry the current inputs and outputs tables', async () => {
    const stale: string[] = [];
    expect(await terraformDocsCommand(true, m => stale.push(m))).toBe(0);
    expect(stale).toEqual([]);
  });

  it('modules and their examples pass forja:validate (examples use every required input)', async () => {
    const report = await validateWorkspace(MODULES);
    expect(report.findings.map(formatFinding)).toEqual([]);
    expect(report.checked.terraformFiles).toBeGreaterThan(150);
  }, 60_000);
});
