import { parse } from '@cdktf/hcl2json';
import fs from 'fs-extra';
import path from 'node:path';
import { FORJA_ROOT } from './forjaRoot';

export const MODULES_DIR = path.join(FORJA_ROOT, 'terraform/modules');
const BEGIN = '<!-- BEGIN_TF_DOCS -->';
const END = '<!-- END_TF_DOCS -->';
const CLOUDS = ['aws', 'azure', 'gcp'];

type Block = Record<string, unknown>;

const cell = (text: unknown) =>
  String(text ?? '')
    .replace(/^\$\{(.*)\}$/s, '$1')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ');

async function blocks(dir: string, kind: 'variable' | 'output') {
  const found: Array<[string, Block]> = [];
  for (const name of (await fs.readdir(dir))
    .filter(n => n.endsWith('.tf'))
    .sort()) {
    const json = (await parse(
      name,
      await fs.readFile(path.join(dir, name), 'utf8'),
    )) as Record<string, Record<string, Block[]>>;
    for (const [key, [block]] of Object.entries(json[kind] ?? {}))
      found.push([key, block]);
  }
  return found;
}

/** Inputs and outputs tables of a Terraform directory. */
async function interfaceTables(dir: string): Promise<string[]> {
  const variables = await blocks(dir, 'variable');
  const outputs = await blocks(dir, 'output');
  return [
    '## Inputs',
    '',
    '| Name | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...variables.map(
      ([name, v]) =>
        `| ${name} | \`${cell(v.type)}\` | ${
          'default' in v ? `\`${cell(JSON.stringify(v.default))}\`` : 'required'
        } | ${cell(v.description)} |`,
    ),
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '| --- | --- |',
    ...outputs.map(([name, o]) => `| ${name} | ${cell(o.description)} |`),
  ];
}

/** The generated part of a contract's README: clouds, inputs and outputs tables. */
export async function contractDocs(contract: string): Promise<string> {
  const dir = path.join(MODULES_DIR, contract);
  const lines = [
    BEGIN,
    '## Implementations',
    '',
    '| Cloud | Source |',
    '| --- | --- |',
    ...CLOUDS.map(
      c =>
        `| ${c} | \`git::https://github.com/forja-dev/forja.git//terraform/modules/${contract}/${c}?ref=<tag>\` |`,
    ),
    '',
    ...(await interfaceTables(path.join(dir, 'aws'))),
    END,
  ];
  return `${lines.join('\n')}\n`;
}

/** The generated part of terraform/README.md: each of Forja's own roots' interface. */
export async function rootsDocs(): Promise<string> {
  const lines = [BEGIN];
  for (const cloud of CLOUDS) {
    const tables = await interfaceTables(
      path.join(FORJA_ROOT, 'terraform', cloud),
    );
    lines.push(
      `# terraform/${cloud}`,
      '',
      ...tables.map(line => (line.startsWith('## ') ? `#${line}` : line)),
      '',
    );
  }
  lines.push(END);
  return `${lines.join('\n')}\n`;
}

/** `file` with its generated section replaced by `docs`, or undefined when unchanged. */
async function withDocs(file: string, title: string, docs: string) {
  const current = (await fs.pathExists(file))
    ? await fs.readFile(file, 'utf8')
    : `# ${title}\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0)
    throw new Error(`${file} has no ${BEGIN} ... ${END} section`);
  const updated = `${current.slice(0, start)}${docs}${current.slice(
    end + END.length + 1,
  )}`;
  return updated === current ? undefined : updated;
}

/** Rewrites (or, with check, compares) the generated part of every contract README. */
export async function terraformDocsCommand(
  check: boolean,
  log: (m: string) => void,
): Promise<number> {
  let stale = 0;
  const contracts = (await fs.readdir(MODULES_DIR)).filter(c =>
    fs.existsSync(path.join(MODULES_DIR, c, 'aws')),
  );
  const documents: Array<[file: string, title: string, docs: Promise<string>]> =
    [
      ...contracts
        .sort()
        .map(
          contract =>
            [
              path.join(MODULES_DIR, contract, 'README.md'),
              contract,
              contractDocs(contract),
            ] as [string, string, Promise<string>],
        ),
      [
        path.join(FORJA_ROOT, 'terraform', 'README.md'),
        'terraform',
        rootsDocs(),
      ],
    ];
  for (const [file, title, docs] of documents) {
    const updated = await withDocs(file, title, await docs);
    if (updated !== undefined) {
      stale++;
      if (check)
        log(
          `${path.relative(
            FORJA_ROOT,
            file,
          )} is stale (run ./forja terraform-docs)`,
        );
      else await fs.writeFile(file, updated);
    }
  }
  return check && stale ? 1 : 0;
}
