import { createHash } from 'node:crypto';
import { promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { CONFIGURED_ONLY, ExpressionError, UNKNOWN, Value } from './expression';
import { containsUnknown, evaluateHcl, Scope } from './evaluate';
import { GIT_MODULE_SOURCE, MODULE_META_ARGUMENTS } from './syntax';
import { applyTypeDefaults } from './typeDefaults';
import { parseHcl } from './parsePool';
import { isInside } from '../paths';
import { readSourceFile } from './readSourceFile';

export { MAX_TERRAFORM_FILE_BYTES } from './readSourceFile';
import type { TerraformProblem } from '@forja/plugin-cost-common';

export type { TerraformProblem };

/** One resource instance as the plan would have it, with its attributes evaluated. */
export interface ResourceInstance {
  /** Such as `module.db.aws_db_instance.this` or `aws_instance.web[1]`. */
  address: string;
  type: string;
  name: string;
  /** Attributes and nested blocks (blocks as lists), unknown values as UNKNOWN. */
  values: Record<string, Value>;
  /** The provider's region (AWS, GCP) when the configuration names one. */
  providerRegion?: string;
  file: string;
}

export interface TerraformLoadResult {
  resources: ResourceInstance[];
  problems: TerraformProblem[];
}

export interface LoadOptions {
  /** Values for root variables (after defaults and tfvars). */
  variables?: Record<string, Value>;
  /**
   * Local folders for Git module sources, such as `{ 'https://github.com/acme/forja.git':
   * '/checkout/forja' }`, so `git::https://github.com/acme/forja.git//terraform/modules/x/aws?ref=v1`
   * is read from `/checkout/forja/terraform/modules/x/aws`.
   */
  moduleRepositories?: Record<string, string>;
  /**
   * The folder a local module source (`./`, `../`) must stay inside, symlinks followed:
   * the folder read for an entity. One leaving it is a problem and is not read.
   */
  root?: string;
}

type Json = any;
/** What resolveSource says of a local module source leaving `root`. */
const OUTSIDE_ROOT = Symbol('outside the root');
const MAX_MODULE_DEPTH = 10;

/** `file.tf:2,7-3,1: message` from hcl2json as file, line and message. */
function parseProblem(file: string, error: unknown): TerraformProblem {
  const text = String((error as Error)?.message ?? error);
  const match = /([^\s[:]+):(\d+),\d+(?:-\d+(?:,\d+)?)?: ([^\]]+)/.exec(text);
  return match
    ? { file, line: Number(match[2]), message: match[3].trim() }
    : { file, message: text };
}

/**
 * Parsed files by name and content: the same module files come back in every environment
 * and every estimate. Bounded; a parse is a pure function of its text.
 */
const parsedFiles = new Map<string, Json>();
const MAX_PARSED_FILES = 1000;

async function parseFile(
  file: string,
  problems: TerraformProblem[],
  allowed: string[] | undefined,
) {
  const read = await readSourceFile(file, allowed);
  if ('problem' in read) {
    problems.push({ file, message: read.problem });
    return undefined;
  }
  const text = read.text;
  const key = createHash('sha256')
    .update(path.basename(file))
    .update('\0')
    .update(text)
    .digest('hex');
  const known = parsedFiles.get(key);
  if (known) return structuredClone(known);
  try {
    const json = (await parseHcl(path.basename(file), text)) as Json;
    if (parsedFiles.size >= MAX_PARSED_FILES)
      parsedFiles.delete(parsedFiles.keys().next().value!);
    parsedFiles.set(key, json);
    return structuredClone(json);
  } catch (error) {
    problems.push(parseProblem(file, error));
    return undefined;
  }
}

/** Root variable values from `terraform.tfvars`, `*.auto.tfvars` and their `.json` forms. */
async function readTfvars(
  dir: string,
  problems: TerraformProblem[],
  allowed: string[] | undefined,
) {
  const names = (await fs.readdir(dir)).sort();
  const values: Record<string, Value> = {};
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.tfvars.json')) {
      const read = await readSourceFile(file, allowed);
      if ('problem' in read) {
        problems.push({ file, message: read.problem });
        continue;
      }
      try {
        Object.assign(values, JSON.parse(read.text));
      } catch (error) {
        problems.push({
          file,
          message: `not JSON: ${(error as Error).message}`,
        });
      }
    } else if (name.endsWith('.tfvars')) {
      Object.assign(values, (await parseFile(file, problems, allowed)) ?? {});
    }
  }
  return values;
}

function blocks(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}

/** Evaluates, turning an expression that cannot be evaluated into UNKNOWN plus a problem. */
function tryEvaluate(
  value: Json,
  scope: Scope,
  file: string,
  what: string,
  problems: TerraformProblem[],
  evaluate: (value: Json, scope: Scope) => Value = evaluateHcl,
): Value {
  try {
    return evaluate(value, scope);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    problems.push({ file, message: `${what}: ${error.message}` });
    return UNKNOWN;
  }
}

interface ModuleFiles {
  files: Array<{ file: string; json: Json }>;
}

/**
 * Reads a Terraform configuration the way `terraform plan` would expand it before apply:
 * every `.tf` in `dir`, variables from defaults, tfvars and the caller, locals, local and
 * mapped Git modules (recursively), and resources expanded by `count` and `for_each` over
 * known values. What only apply would know stays UNKNOWN; what cannot be read is a problem
 * with its file (and line for syntax errors).
 */
export async function loadTerraform(
  dir: string,
  options: LoadOptions = {},
): Promise<TerraformLoadResult> {
  const problems: TerraformProblem[] = [];
  const resources: ResourceInstance[] = [];
  const cache = new Map<string, Promise<ModuleFiles>>();
  // With a root, files are read only inside it or a mapped repository (symlinks resolved).
  const allowed = options.root
    ? [options.root, ...Object.values(options.moduleRepositories ?? {})]
    : undefined;
  const read = (moduleDir: string) => {
    if (!cache.has(moduleDir)) {
      cache.set(
        moduleDir,
        (async () => {
          const names = (await fs.readdir(moduleDir))
            .filter(n => n.endsWith('.tf'))
            .sort();
          // In parallel, problems reported in file order.
          const parsed = await Promise.all(
            names.map(async name => {
              const file = path.join(moduleDir, name);
              const fileProblems: TerraformProblem[] = [];
              const json = await parseFile(file, fileProblems, allowed);
              return { file, json, fileProblems };
            }),
          );
          problems.push(...parsed.flatMap(f => f.fileProblems));
          return { files: parsed.filter(f => f.json) };
        })(),
      );
    }
    return cache.get(moduleDir)!;
  };

  const rootVars = {
    ...(await readTfvars(dir, problems, allowed)),
    ...options.variables,
  };

  async function loadModule(
    moduleDir: string,
    inputs: Record<string, Value>,
    prefix: string,
    inherited: { region?: string },
    depth: number,
    boundary: string | undefined = options.root,
  ): Promise<Record<string, Value>> {
    const { files } = await read(moduleDir);
    const vars: Record<string, Value> = {};
    for (const { file, json } of files) {
      for (const [name, decls] of Object.entries<Json>(json.variable ?? {})) {
        const decl = blocks(decls)[0] ?? {};
        if (name in inputs) {
          vars[name] = applyTypeDefaults(decl.type, inputs[name]);
        } else if ('default' in decl) {
          vars[name] = applyTypeDefaults(
            decl.type,
            tryEvaluate(decl.default, {}, file, `variable "${name}"`, problems),
          );
        } else {
          vars[name] = UNKNOWN;
          if (!prefix) {
            problems.push({
              file,
              message: `variable "${name}" has no value; priced as unknown`,
            });
          }
        }
      }
    }
    const base: Scope = {
      var: vars,
      path: { module: moduleDir, root: dir, cwd: dir },
      terraform: { workspace: 'default' },
    };

    // Locals may refer to each other in any order: evaluate in passes until none resolves.
    const pending = new Map<string, { file: string; value: Json }>();
    for (const { file, json } of files) {
      for (const block of blocks(json.locals)) {
        for (const [name, value] of Object.entries(block)) {
          pending.set(name, { file, value });
        }
      }
    }
    const locals: Record<string, Value> = {};
    const moduleOutputs: Record<string, Value> = {};
    const scope = (): Scope => ({
      ...base,
      local: locals,
      module: moduleOutputs,
    });
    const resolveLocals = () => {
      for (let progress = true; progress && pending.size; ) {
        progress = false;
        for (const [name, { value }] of pending) {
          try {
            locals[name] = evaluateHcl(value, scope());
            pending.delete(name);
            progress = true;
          } catch (error) {
            if (!(error instanceof ExpressionError)) throw error;
          }
        }
      }
    };
    resolveLocals();

    let region = inherited.region;
    for (const { file, json } of files) {
      for (const providerName of ['aws', 'google']) {
        for (const provider of blocks(json.provider?.[providerName])) {
          if (provider.alias) continue;
          const value = tryEvaluate(
            provider.region,
            scope(),
            file,
            `provider "${providerName}"`,
            problems,
          );
          if (typeof value === 'string') region = value;
        }
      }
    }

    for (const { file, name, decl } of inDependencyOrder(files)) {
      // Locals reading the modules loaded so far can now be known.
      resolveLocals();
      const target = resolveSource(decl.source, moduleDir, options, boundary);
      if (target === OUTSIDE_ROOT) {
        problems.push({
          file,
          message: `module "${name}": source ${decl.source} is outside the folder read; not priced`,
        });
        moduleOutputs[name] = UNKNOWN;
        continue;
      }
      if (!target) {
        problems.push({
          file,
          message: `module "${name}": source ${decl.source} is not a local path or a mapped repository; not priced`,
        });
        moduleOutputs[name] = UNKNOWN;
        continue;
      }
      if (depth >= MAX_MODULE_DEPTH) {
        problems.push({
          file,
          message: `module "${name}": nested deeper than ${MAX_MODULE_DEPTH}`,
        });
        continue;
      }
      const instances = expand(
        decl,
        scope(),
        file,
        `module "${name}"`,
        problems,
      );
      const outputs: Record<string, Value> = {};
      for (const instance of instances) {
        const args: Record<string, Value> = {};
        for (const [arg, value] of Object.entries<Json>(decl)) {
          if (MODULE_META_ARGUMENTS.has(arg)) continue;
          args[arg] = tryEvaluate(
            value,
            instance.scope,
            file,
            `module "${name}" input "${arg}"`,
            problems,
          );
        }
        const address = `${prefix}module.${name}${instance.suffix}`;
        const out = await loadModule(
          target,
          args,
          `${address}.`,
          { region },
          depth + 1,
          repositoryOf(decl.source, options) ?? boundary,
        );
        if (instance.key === undefined) Object.assign(outputs, out);
        else outputs[String(instance.key)] = out;
      }
      moduleOutputs[name] = outputs;
    }

    // Locals that read module outputs resolve now; the rest are unknown, with the reason.
    resolveLocals();
    for (const [name, { file, value }] of pending) {
      locals[name] = tryEvaluate(
        value,
        scope(),
        file,
        `local "${name}"`,
        problems,
      );
    }

    // Resources first with references to other resources unknown, then once more with
    // those references resolved to what the other resources configure (one hop: enough
    // for a cluster instance reading its cluster's engine).
    const declared: Array<{
      file: string;
      type: string;
      name: string;
      decl: Json;
      instance: ReturnType<typeof expand>[number];
      values: Record<string, Value>;
    }> = [];
    for (const { file, json } of files) {
      for (const [type, byName] of Object.entries<Json>(json.resource ?? {})) {
        for (const [name, decls] of Object.entries<Json>(byName)) {
          const decl = blocks(decls)[0];
          for (const instance of expand(
            decl,
            scope(),
            file,
            `${type}.${name}`,
            problems,
          )) {
            const values = tryEvaluate(
              decl,
              instance.scope,
              file,
              `${type}.${name}`,
              problems,
              evaluateResource,
            );
            declared.push({
              file,
              type,
              name,
              decl,
              instance,
              values: (values === UNKNOWN ? {} : values) as Record<
                string,
                Value
              >,
            });
          }
        }
      }
    }
    const configured = configuredResources(declared);
    for (const resource of declared) {
      if (containsUnknown(resource.values)) {
        try {
          resource.values = evaluateResource(resource.decl, {
            ...configured,
            ...resource.instance.scope,
          }) as Record<string, Value>;
        } catch {
          // The first pass already reported why.
        }
      }
      resources.push({
        address: `${prefix}${resource.type}.${resource.name}${resource.instance.suffix}`,
        type: resource.type,
        name: resource.name,
        values: resource.values,
        providerRegion: region,
        file: resource.file,
      });
    }

    const outputs: Record<string, Value> = {};
    for (const { json } of files) {
      for (const [name, decls] of Object.entries<Json>(json.output ?? {})) {
        try {
          outputs[name] = evaluateHcl(blocks(decls)[0]?.value, scope());
        } catch {
          outputs[name] = UNKNOWN;
        }
      }
    }
    return outputs;
  }

  await loadModule(dir, rootVars, '', {}, 0);
  resources.sort((a, b) => (a.address < b.address ? -1 : 1));
  return { resources, problems };
}

/**
 * The most instances one resource or module call expands to (`count`, `for_each`, and a
 * `dynamic` block's `for_each`); beyond it the declaration is not expanded nor priced, and
 * the coverage says why.
 */
export const MAX_INSTANCES = 10_000;

const containsUnknownKeys = (v: Value) =>
  Array.isArray(v) ? v.some(containsUnknown) : false;

/** count and for_each as instances with their address suffix and scope. */
const NOT_ARGUMENTS = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'dynamic',
]);

const resourceArguments = (decl: Json) =>
  Object.fromEntries(
    Object.entries<Json>(decl).filter(([k]) => !NOT_ARGUMENTS.has(k)),
  );

/** A resource's arguments and blocks, `dynamic` blocks expanded over their for_each. */
function evaluateResource(decl: Json, scope: Scope): Record<string, Value> {
  const values = evaluateHcl(resourceArguments(decl), scope) as Record<
    string,
    Value
  >;
  for (const [block, specs] of Object.entries<Json>(decl.dynamic ?? {})) {
    for (const spec of blocks(specs)) {
      const each = evaluateHcl(spec.for_each, scope);
      if (each === UNKNOWN || each === null || typeof each !== 'object') {
        values[block] = UNKNOWN;
        continue;
      }
      const iterator =
        typeof spec.iterator === 'string'
          ? spec.iterator.replace(/^\$\{(.*)\}$/, '$1')
          : block;
      const size = Array.isArray(each) ? each.length : Object.keys(each).length;
      if (size > MAX_INSTANCES) {
        throw new ExpressionError(
          `dynamic "${block}" for_each has ${size} elements, more than ${MAX_INSTANCES}`,
        );
      }
      const items = Array.isArray(each)
        ? each.map((value, key) => [key, value] as const)
        : Object.entries(each);
      const expanded = Array.isArray(values[block])
        ? (values[block] as Value[])
        : [];
      for (const [key, value] of items) {
        expanded.push(
          ...blocks(
            evaluateHcl(spec.content, {
              ...scope,
              [iterator]: { key, value },
            }),
          ),
        );
      }
      values[block] = expanded;
    }
  }
  return values;
}

/** `{ aws_rds_cluster: { this: [configured values] } }`, as references read them. */
function configuredResources(
  declared: Array<{
    type: string;
    name: string;
    instance: { key?: string | number };
    values: Record<string, Value>;
  }>,
): Scope {
  const byType: Record<string, Record<string, Value>> = {};
  for (const { type, name, instance, values } of declared) {
    const object = { ...values, [CONFIGURED_ONLY]: true } as Record<
      string,
      Value
    >;
    const byName = (byType[type] ??= {});
    if (instance.key === undefined) byName[name] = object;
    else if (typeof instance.key === 'number')
      ((byName[name] ??= []) as Value[])[instance.key] = object;
    else
      ((byName[name] ??= {}) as Record<string, Value>)[instance.key] = object;
  }
  return byType;
}

/**
 * Module calls ordered so that a module reading another's outputs (`module.network`) comes
 * after it; calls in a cycle keep their file order.
 */
function inDependencyOrder(files: Array<{ file: string; json: Json }>) {
  // What each local reads, so a module reading a local that reads a module comes after it.
  const localText = new Map<string, string>();
  for (const { json } of files) {
    for (const block of blocks(json.locals)) {
      for (const [name, value] of Object.entries(block))
        localText.set(name, JSON.stringify(value));
    }
  }
  const modulesRead = (text: string, seen = new Set<string>()): string[] => [
    ...[...text.matchAll(/module\.(\w+)/g)].map(m => m[1]),
    ...[...text.matchAll(/local\.(\w+)/g)].flatMap(([, local]) => {
      if (seen.has(local) || !localText.has(local)) return [];
      seen.add(local);
      return modulesRead(localText.get(local)!, seen);
    }),
  ];
  const calls = files.flatMap(({ file, json }) =>
    Object.entries<Json>(json.module ?? {}).map(([name, decls]) => ({
      file,
      name,
      decl: blocks(decls)[0],
      reads: new Set(modulesRead(JSON.stringify(blocks(decls)[0]))),
    })),
  );
  const ordered: typeof calls = [];
  const done = new Set<string>();
  while (ordered.length < calls.length) {
    const ready = calls.filter(
      call =>
        !done.has(call.name) &&
        [...call.reads].every(
          read =>
            done.has(read) ||
            read === call.name ||
            !calls.some(c => c.name === read),
        ),
    );
    const next = ready.length
      ? ready
      : calls.filter(call => !done.has(call.name)).slice(0, 1);
    for (const call of next) {
      ordered.push(call);
      done.add(call.name);
    }
  }
  return ordered;
}

function expand(
  decl: Json,
  scope: Scope,
  file: string,
  what: string,
  problems: TerraformProblem[],
): Array<{ suffix: string; key?: string | number; scope: Scope }> {
  if (decl.count !== undefined) {
    const count = tryEvaluate(
      decl.count,
      scope,
      file,
      `${what} count`,
      problems,
    );
    if (typeof count !== 'number') {
      problems.push({
        file,
        message: `${what}: count is not known before apply; counted once`,
      });
      return [
        { suffix: '[0]', key: 0, scope: { ...scope, count: { index: 0 } } },
      ];
    }
    if (count > MAX_INSTANCES) {
      problems.push({
        file,
        message: `${what}: count is ${count}, more than ${MAX_INSTANCES} instances; not priced`,
      });
      return [];
    }
    return Array.from({ length: count }, (_, index) => ({
      suffix: `[${index}]`,
      key: index,
      scope: { ...scope, count: { index } },
    }));
  }
  if (decl.for_each !== undefined) {
    const each = tryEvaluate(
      decl.for_each,
      scope,
      file,
      `${what} for_each`,
      problems,
    );
    if (
      each === UNKNOWN ||
      each === null ||
      typeof each !== 'object' ||
      containsUnknownKeys(each)
    ) {
      problems.push({
        file,
        message: `${what}: for_each is not known before apply; counted once`,
      });
      return [
        {
          suffix: '["?"]',
          key: '?',
          scope: { ...scope, each: { key: UNKNOWN, value: UNKNOWN } },
        },
      ];
    }
    const size = Array.isArray(each) ? each.length : Object.keys(each).length;
    if (size > MAX_INSTANCES) {
      problems.push({
        file,
        message: `${what}: for_each has ${size} elements, more than ${MAX_INSTANCES} instances; not priced`,
      });
      return [];
    }
    const entries: Array<[string, Value]> = Array.isArray(each)
      ? each.map(v => [String(v), v])
      : Object.entries(each);
    return entries.map(([key, value]) => ({
      suffix: `[${JSON.stringify(key)}]`,
      key,
      scope: { ...scope, each: { key, value } },
    }));
  }
  return [{ suffix: '', scope }];
}

/** `target` with symlinks resolved, as far as it exists. */
function realPath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

/** The local copy of the mapped repository a Git module source comes from. */
function repositoryOf(
  source: unknown,
  options: LoadOptions,
): string | undefined {
  const git = typeof source === 'string' && GIT_MODULE_SOURCE.exec(source);
  return git ? options.moduleRepositories?.[git[1]] : undefined;
}

/**
 * Where a module source points: a relative path stays inside `boundary` (the folder read,
 * or the mapped repository a module came from, which Terraform downloads whole).
 */
function resolveSource(
  source: unknown,
  from: string,
  options: LoadOptions,
  boundary: string | undefined,
): string | typeof OUTSIDE_ROOT | undefined {
  if (typeof source !== 'string') return undefined;
  if (source.startsWith('./') || source.startsWith('../')) {
    const target = path.resolve(from, source);
    if (boundary && !isInside(realPath(target), realPath(boundary))) {
      return OUTSIDE_ROOT;
    }
    return target;
  }
  const git = GIT_MODULE_SOURCE.exec(source);
  const local = git && options.moduleRepositories?.[git[1]];
  return local ? path.join(local, git[2]) : undefined;
}
