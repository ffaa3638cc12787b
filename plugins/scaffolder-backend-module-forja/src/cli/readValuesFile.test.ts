import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { validateWorkspace } from '../validate/validateWorkspace';
import { readValuesFile } from './renderCommand';

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-yaml-'));
  await fs.outputFile(path.join(dir, name), content);
  return path.join(dir, name);
}

describe('YAML limits', () => {
  it('refuses an alias bomb in a values file quickly', async () => {
    await expect(
      readValuesFile(await tempFile('values.yaml', ALIAS_BOMB)),
    ).rejects.toThrow(/alias/i);
  });

  it('refuses an oversized values file', async () => {
    const file = await tempFile(
      'values.yaml',
      `name: x\ndescription: "${'x'.repeat(1_100_000)}"\n`,
    );
    await expect(readValuesFile(file)).rejects.toThrow(
      /larger than 1048576 bytes/,
    );
  });

  it('reports an alias bomb or an oversized manifest in a repository as findings', async () => {
    const bomb = await tempFile('k8s/bomb.yaml', ALIAS_BOMB);
    const root = path.dirname(path.dirname(bomb));
    await fs.outputFile(
      path.join(root, 'k8s/big.yaml'),
      `a: "${'x'.repeat(1_100_000)}"\n`,
    );
    const { findings } = await validateWorkspace(root);
    expect(findings.map(f => `${f.file}: ${f.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^k8s\/bomb\.yaml: .*alias/i),
        'k8s/big.yaml: k8s/big.yaml is larger than 1048576 bytes',
      ]),
    );
  });
});
