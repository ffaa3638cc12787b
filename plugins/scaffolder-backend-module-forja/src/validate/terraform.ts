import { parse } from '@cdktf/hcl2json';
import {
  GIT_MODULE_SOURCE,
  MODULE_META_ARGUMENTS,
} from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './runCommand';
import { Finding, lineOf } from './types';

export interface TerraformCheckOptions {
  /**
   * Git repositories whose modules are checked from a local copy, so that a generated
   * `git::https://github.com/acme/forja.git//terraform/modules/network/aws?ref=v1` is
   * resolved against `<localDir>/terraform/modules/network/aws`.
   */
  moduleRepositories?: Record<string, string>;
}

interface ParsedDir {
  dir: string;
  files: Map<string, string>;
  variables: Map<string, { required: boolean; file: string }>;
  outputs: Set<string>;
  locals: Set<string>;
  modules: Map<string, { source: string; args: string[]; file: string }>;
  resources: Set<string>;
  data: Set<string>;
  expressions: Array<{ file: string; text: string }>;
  hasBackend: boolean;
}

const RESOURCE_REFERENCE =
  /(?<![\w.])((?:aws|azurerm|azuread|google|helm|kubernetes|random|tls|time|null)_\w+)\.([A-Za-z_][\w-]*)/g;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('${')) into.push(value);
  } else if (Array.isArray(value)) {
    value.forEach(v => collectStrings(v, into));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => collectStrings(v, into));
  }
}

const firstBlock = (blocks: Json): Record<string, Json> =>
  (Array.isArray(blocks) ? blocks[0] : blocks) as Record<string, Json>;

export async function findTerraformDirs(root: string): Promise<string[]> {
  const dirs: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    if (entries.some(e => e.isFile() && e.name.endsWith('.tf'))) dirs.push(dir);
    for (const entry of entries) {
      if (
        entry.isDirectory() &&
        !['.terraform', '.git', 'node_modules'].includes(entry.name)
      ) {
        await walk(path.join(dir, entry.name));
      }
    }
  };
  await walk(root);
  return dirs;
}

/** Parses every `.tf` file of one directory; syntax errors become findings. */
async function parseDir(
  dir: string,
  root: string,
  findings: Finding[],
): Promise<ParsedDir> {
  const parsed: ParsedDir = {
    dir,
    files: new Map(),
    variables: new Map(),
    outputs: new Set(),
    locals: new Set(),
    modules: new Map(),
    resources: new Set(),
    data: new Set(),
    expressions: [],
    hasBackend: false,
  };
  const names = (await fs.readdir(dir)).filter(n => n.endsWith('.tf')).sort();
  for (const name of names) {
    const file = path.relative(root, path.join(dir, name));
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    parsed.files.set(file, text);
    let json: Record<string, Json>;
    try {
      json = (await parse(file, text)) as Record<string, Json>;
    } catch (error) {
      const message = String(error).replace(
        /^Error: parse config: \[|\]$/g,
        '',
      );
      const position = /:(\d+),(\d+)/.exec(message);
      findings.push({
        check: 'hcl',
        file,
        line: position ? Number(position[1]) : undefined,
        column: position ? Number(position[2]) : undefined,
        message,
      });
      continue;
    }
    const strings: string[] = [];
    collectStrings(json, strings);
    strings.forEach(s => parsed.expressions.push({ file, text: s }));
    for (const [varName, blocks] of Object.entries(
      (json.variable ?? {}) as Record<string, Json>,
    )) {
      parsed.variables.set(varName, {
        required: !('default' in firstBlock(blocks)),
        file,
      });
    }
    Object.keys((json.output ?? {}) as object).forEach(o =>
      parsed.outputs.add(o),
    );
    for (const block of (json.locals ?? []) as Array<Record<string, Json>>) {
      Object.keys(block).forEach(l => parsed.locals.add(l));
    }
    for (const [moduleName, blocks] of Object.entries(
      (json.module ?? {}) as Record<string, Json>,
    )) {
      const block = firstBlock(blocks);
      parsed.modules.set(moduleName, {
        source: String(block.source ?? ''),
        args: Object.keys(block).filter(a => !MODULE_META_ARGUMENTS.has(a)),
        file,
      });
    }
    for (const [kind, target] of [
      ['resource', parsed.resources],
      ['data', parsed.data],
    ] as const) {
      for (const [type, byName] of Object.entries(
        (json[kind] ?? {}) as Record<string, Json>,
      )) {
        Object.keys(byName as object).forEach(n => target.add(`${type}.${n}`));
      }
    }
    for (const block of (json.terraform ?? []) as Array<Record<string, Json>>) {
      if (block.backend) parsed.hasBackend = true;
    }
  }
  return parsed;
}

function resolveModuleSource(
  source: string,
  fromDir: string,
  options: TerraformCheckOptions,
): { dir?: string; problem?: string } {
  if (source.startsWith('./') || source.startsWith('../')) {
    return { dir: path.resolve(fromDir, source) };
  }
  const git = GIT_MODULE_SOURCE.exec(source);
  if (git) {
    const [, repository, subdir, ref] = git;
    if (!ref)
      return { problem: `module source "${source}" is not pinned with ?ref=` };
    const local = options.moduleRepositories?.[repository];
    return local ? { dir: path.join(local, subdir) } : {};
  }
  return {};
}

/**
 * `terraform fmt -check` per directory (a syntax error stops fmt for its directory only,
 * and is reported by the HCL check); names each file that is not formatted.
 */
export async function checkTerraformFormat(
  root: string,
  dirs?: string[],
): Promise<Finding[]> {
  const cliConfig = path.join(os.tmpdir(), 'forja-empty.tfrc');
  await fs.ensureFile(cliConfig);
  const perDir = await Promise.all(
    (dirs ?? (await findTerraformDirs(root))).map(dir =>
      checkDirFormat(root, path.relative(root, dir) || '.', cliConfig),
    ),
  );
  return perDir.flat();
}

async function checkDirFormat(
  root: string,
  dir: string,
  cliConfig: string,
): Promise<Finding[]> {
  const result = await runCommand(
    'terraform',
    ['fmt', '-check', '-list=true', '-diff', '-no-color', dir],
    {
      cwd: root,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        CHECKPOINT_DISABLE: '1',
        TF_IN_AUTOMATION: '1',
      },
    },
  );
  if (result.code === 0) return [];
  const findings: Finding[] = [];
  let current: Finding | undefined;
  for (const line of result.stdout.split('\n')) {
    const header = /^--- old\/(.+)$/.exec(line);
    const hunk = /^@@ -(\d+)/.exec(line);
    if (header) {
      current = {
        check: 'terraform-fmt',
        file: header[1],
        message: 'not in canonical format (terraform fmt)',
      };
      findings.push(current);
    } else if (hunk && current && current.line === undefined) {
      current.line = Number(hunk[1]);
    }
  }
  if (
    !findings.length &&
    !/Error: (Invalid|Unclosed|Missing|Argument|Unsupported)/.test(
      result.stderr,
    )
  ) {
    const location = /on (\S+) line (\d+)/.exec(result.stderr);
    findings.push({
      check: 'terraform-fmt',
      file: location?.[1] ?? '.',
      line: location ? Number(location[2]) : undefined,
      message:
        result.stderr.trim().split('\n').slice(0, 6).join(' ') ||
        'terraform fmt failed',
    });
  }
  return findings;
}

/**
 * Parses every Terraform directory under `root` and checks that each reference resolves:
 * variables, locals, resources, data sources, module sources, module inputs and outputs,
 * and that tfvars files only set declared variables.
 */
export async function checkTerraform(
  root: string,
  options: TerraformCheckOptions = {},
  terraformDirs?: string[],
): Promise<{ findings: Finding[]; files: number }> {
  const findings: Finding[] = [];
  const cache = new Map<string, Promise<ParsedDir>>();
  const load = (dir: string, reportRoot: string) => {
    if (!cache.has(dir)) cache.set(dir, parseDir(dir, reportRoot, findings));
    return cache.get(dir)!;
  };
  const dirs = terraformDirs ?? (await findTerraformDirs(root));
  let files = 0;
  for (const dir of dirs) {
    const parsed = await load(dir, root);
    files += parsed.files.size;
    const report = (file: string, needle: string, message: string) =>
      findings.push({
        check: 'terraform-references',
        file,
        line: lineOf(parsed.files.get(file) ?? '', needle),
        message,
      });

    const moduleDirs = new Map<string, ParsedDir>();
    for (const [name, mod] of parsed.modules) {
      const resolved = resolveModuleSource(mod.source, dir, options);
      if (resolved.problem) report(mod.file, mod.source, resolved.problem);
      if (!resolved.dir) continue;
      if (!(await fs.pathExists(resolved.dir))) {
        report(
          mod.file,
          mod.source,
          `module "${name}": source "${mod.source}" does not exist`,
        );
        continue;
      }
      const target = await load(resolved.dir, root);
      moduleDirs.set(name, target);
      for (const arg of mod.args) {
        if (!target.variables.has(arg)) {
          report(
            mod.file,
            `${arg}`,
            `module "${name}" has no input variable "${arg}"`,
          );
        }
      }
      for (const [variable, { required }] of target.variables) {
        if (required && !mod.args.includes(variable)) {
          report(
            mod.file,
            `module "${name}"`,
            `module "${name}" requires input "${variable}"`,
          );
        }
      }
    }

    for (const { file, text } of parsed.expressions) {
      for (const [, name] of text.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) {
        if (!parsed.variables.has(name))
          report(file, `var.${name}`, `undeclared variable "var.${name}"`);
      }
      for (const [, name] of text.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)) {
        if (!parsed.locals.has(name))
          report(file, `local.${name}`, `undeclared local "local.${name}"`);
      }
      for (const [, name, output] of text.matchAll(
        /\bmodule\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/g,
      )) {
        if (!parsed.modules.has(name)) {
          report(file, `module.${name}`, `undeclared module "module.${name}"`);
        } else if (
          output &&
          moduleDirs.has(name) &&
          !moduleDirs.get(name)!.outputs.has(output)
        ) {
          report(
            file,
            `module.${name}.${output}`,
            `module "${name}" has no output "${output}"`,
          );
        }
      }
      for (const [, type, name] of text.matchAll(
        /\bdata\.(\w+)\.([A-Za-z_][\w-]*)/g,
      )) {
        if (!parsed.data.has(`${type}.${name}`))
          report(
            file,
            `data.${type}.${name}`,
            `undeclared data source "data.${type}.${name}"`,
          );
      }
      for (const [, type, name] of text.matchAll(RESOURCE_REFERENCE)) {
        if (!parsed.resources.has(`${type}.${name}`))
          report(
            file,
            `${type}.${name}`,
            `undeclared resource "${type}.${name}"`,
          );
      }
    }

    const tfvarsFiles = (await fs.readdir(dir)).filter(n =>
      n.endsWith('.tfvars.json'),
    );
    const assigned = new Set<string>();
    for (const name of tfvarsFiles) {
      const file = path.relative(root, path.join(dir, name));
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      let values: Record<string, unknown>;
      try {
        values = JSON.parse(text);
      } catch (error) {
        findings.push({
          check: 'hcl',
          file,
          message: `invalid JSON: ${(error as Error).message}`,
        });
        continue;
      }
      for (const key of Object.keys(values)) {
        assigned.add(key);
        if (!parsed.variables.has(key)) {
          findings.push({
            check: 'terraform-references',
            file,
            line: lineOf(text, `"${key}"`),
            message: `"${key}" is not a declared variable of ${
              path.relative(root, dir) || '.'
            }`,
          });
        }
      }
    }
    if (tfvarsFiles.length || parsed.hasBackend) {
      for (const [variable, { required, file }] of parsed.variables) {
        if (required && !assigned.has(variable)) {
          report(
            file,
            `variable "${variable}"`,
            `root variable "${variable}" has no default and no value in a tfvars file`,
          );
        }
      }
    }
  }
  return { findings, files };
}
