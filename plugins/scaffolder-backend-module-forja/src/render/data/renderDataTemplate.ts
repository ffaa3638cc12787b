import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'fs-extra';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { ModuleSource, pinModuleSources } from '../environment';
import { FileSet, listFiles } from '../files';
import { Cloud } from '../inputs';
import { Scope } from './expression';
import { OMIT, resolveDocuments, resolveNode } from './resolveTemplate';
import { parseTemplateValues, valuesSpecSchema } from './templateValues';
import {
  editDocuments,
  EditOperation,
  readExistingValue,
} from './editDocuments';
import { writerFor } from './writers';
import { templateDigest, withTemplateRecord } from '../templateRecord';

const expression = z
  .string()
  .regex(/^\$\{\{[\s\S]*\}\}$/, 'must be one ${{ expression }}');

const fileRule = z
  .object({
    /** A skeleton file or folder, copied byte for byte. */
    copy: z.string().optional(),
    /** A structural template under forja/files, resolved and written by its type. */
    template: z.string().optional(),
    /** A YAML file of the repository the template changes, edited structurally. */
    edit: z.string().optional(),
    /** The edits: `append` to a list, `appendTemplate` (documents from forja/files). */
    ops: z
      .array(
        z
          .object({
            append: z
              .object({
                kind: z.string().optional(),
                path: z.array(z.string()).min(1),
                value: z.unknown(),
                unique: z.boolean().optional(),
              })
              .strict()
              .optional(),
            appendTemplate: z.string().optional(),
            /** The edit applies only when this is true. */
            if: expression.optional(),
          })
          .strict(),
      )
      .optional(),
    /** Where it goes: a folder for a copy, a file for a template (default: its own path). */
    to: z.string().optional(),
    if: expression.optional(),
    each: expression.optional(),
    as: z
      .string()
      .regex(/^[a-z][A-Za-z0-9_]*$/)
      .optional(),
  })
  .strict()
  .refine(
    r => [r.copy, r.template, r.edit].filter(Boolean).length === 1,
    'needs exactly one of copy, template, edit',
  );

/** `forja/<template>.yaml`: how Forja renders a template from its values. */
export const renderSpecSchema = z
  .object({
    apiVersion: z.literal('forja.dev/v1alpha1'),
    kind: z.literal('TemplateRender'),
    /**
     * The template's version. A template that declares one generates repositories:
     * each render records it with its values and files in `.forja/template.json`, which
     * template upgrades start from.
     */
    version: z
      .string()
      .regex(/^[0-9A-Za-z._-]{1,32}$/)
      .optional(),
    values: valuesSpecSchema,
    /** The GitHub Environments the generated workflows deploy in. */
    githubEnvironments: expression.optional(),
    /** Values read from the repository the template changes (a YAML file's path). */
    read: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9_]*$/),
        z
          .object({
            file: z.string(),
            kind: z.string().optional(),
            path: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .default({}),
    /** Derived values, each may read the ones before it. */
    let: z
      .record(z.string().regex(/^[a-z][A-Za-z0-9_]*$/), z.unknown())
      .default({}),
    files: z.array(fileRule).min(1),
  })
  .strict();
export type RenderSpec = z.infer<typeof renderSpecSchema>;

export interface DataTemplate {
  /** The template's forja/ folder: <name>.yaml and files/. */
  forjaDir: string;
  /** The render's name: forja/<name>.yaml. */
  name: string;
  /** The template's skeleton/ folder, copied byte for byte. */
  skeletonDir: string;
}

/** Where a template's render spec lives: `forja/<name>.yaml`. */
export function renderSpecFile(forjaDir: string, name: string): string {
  return resolveSafeChildPath(forjaDir, `${name}.yaml`);
}

export async function readRenderSpec(
  forjaDir: string,
  name: string,
): Promise<RenderSpec> {
  const file = renderSpecFile(forjaDir, name);
  const docs = parseAllDocuments(await fs.readFile(file, 'utf8'));
  if (docs.length !== 1 || docs[0].errors.length)
    throw new InputError(`${file}: expected one YAML document`);
  const parsed = renderSpecSchema.safeParse(docs[0].toJS());
  if (!parsed.success) {
    throw new InputError(
      `forja/${name}.yaml: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

const templateCache = new Map<string, unknown[]>();
async function readTemplate(file: string): Promise<unknown[]> {
  const stat = await fs.stat(file);
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  let docs = templateCache.get(key);
  if (!docs) {
    const parsed = parseAllDocuments(await fs.readFile(file, 'utf8'));
    const error = parsed.flatMap(d => d.errors)[0];
    if (error) throw new InputError(`${file}: ${error.message}`);
    docs = parsed.map(d => d.toJS({ maxAliasCount: 0 }));
    if (templateCache.size > 500) templateCache.clear();
    templateCache.set(key, docs);
  }
  return docs;
}

/** The scope the spec's expressions see: values, derived values and `omit`. */
export function baseScope(
  spec: RenderSpec,
  values: unknown,
  read: Record<string, unknown> = {},
): Scope {
  const scope: Scope = { values, omit: OMIT, ...read };
  for (const [name, template] of Object.entries(spec.let)) {
    scope[name] = resolveNode(template, scope, { source: `let.${name}` });
  }
  return scope;
}

/** Validates values (field-level errors, nothing written) and returns the GitHub Environments. */
export function checkDataTemplateValues(
  spec: RenderSpec,
  values: unknown,
): string[] {
  const scope = baseScope(spec, parseTemplateValues(spec.values, values));
  if (!spec.githubEnvironments) return [];
  const environments = resolveNode(spec.githubEnvironments, scope, {
    source: 'githubEnvironments',
  });
  return Array.isArray(environments) ? environments.map(String) : [];
}

/**
 * Renders a data template: values checked against its schema, then each rule of
 * `forja/<name>.yaml` in order (a later file replaces an earlier one at the same path).
 */
export async function renderDataTemplate(
  template: DataTemplate,
  values: unknown,
  options: {
    moduleSource: ModuleSource;
    /** Files of the repository the template changes (for `read` and `edit`). */
    readExisting?: (file: string) => Promise<string | undefined>;
  },
): Promise<FileSet> {
  const spec = await readRenderSpec(template.forjaDir, template.name);
  const parsed = parseTemplateValues(spec.values, values);
  // Each file of the changed repository is read once, however many rules read it.
  const readOnce = new Map<string, Promise<string | undefined>>();
  const existing = async (file: string) => {
    if (!readOnce.has(file))
      readOnce.set(file, Promise.resolve(options.readExisting?.(file)));
    const text = await readOnce.get(file);
    if (text === undefined)
      throw new InputError(
        `${file} is missing: the ${template.name} template changes a repository that has it`,
      );
    return text;
  };
  const read: Record<string, unknown> = {};
  for (const [name, from] of Object.entries(spec.read)) {
    read[name] = readExistingValue(
      from.file,
      await existing(from.file),
      from.kind,
      from.path,
    );
  }
  const scope = baseScope(spec, parsed, read);
  const cloud = (parsed as { cloud?: Cloud }).cloud;
  const files: FileSet = new Map();
  const filesDir = path.join(template.forjaDir, 'files');

  for (const [i, rule] of spec.files.entries()) {
    const source = `forja/${template.name}.yaml files[${i}]`;
    const items = rule.each
      ? (resolveNode(rule.each, scope, { source }) as unknown[])
      : [undefined];
    if (!Array.isArray(items))
      throw new InputError(`${source}: each needs a list`);
    for (const item of items) {
      const local = rule.each ? { ...scope, [rule.as ?? 'item']: item } : scope;
      if (rule.if && !resolveNode(rule.if, local, { source })) continue;
      const text = (t: string) =>
        String(resolveNode(t, local, { source, escape: safePathPart }));
      if (rule.copy) {
        const from = resolveSafeChildPath(
          template.skeletonDir,
          text(rule.copy),
        );
        const to = rule.to ? text(rule.to) : '';
        const isFile =
          (await fs.pathExists(from)) && (await fs.stat(from)).isFile();
        const entries = isFile
          ? [{ rel: path.basename(from), full: from }]
          : (await listFiles(from)).map(rel => ({
              rel,
              full: path.join(from, rel),
            }));
        for (const { rel, full } of entries) {
          const content = await fs.readFile(full, 'utf8');
          const target = path.posix.join(to, rel.split(path.sep).join('/'));
          files.set(
            target,
            cloud && target.endsWith('.tf')
              ? pinModuleSources(content, cloud, options.moduleSource)
              : content,
          );
        }
        continue;
      }
      if (rule.edit) {
        const file = text(rule.edit);
        const ops: EditOperation[] = [];
        for (const op of rule.ops ?? []) {
          if (op.if && !resolveNode(op.if, local, { source })) continue;
          if (op.append) {
            ops.push({
              append: resolveNode(op.append, local, {
                source,
              }) as EditOperation['append'],
            });
          }
          if (op.appendTemplate) {
            const docs = await readTemplate(
              resolveSafeChildPath(filesDir, text(op.appendTemplate)),
            );
            ops.push({
              appendDocuments: resolveDocuments(docs, local, {
                source: `forja/files/${op.appendTemplate}`,
              }),
            });
          }
        }
        const current = files.get(file) ?? (await existing(file));
        files.set(file, editDocuments(file, current, ops));
        continue;
      }
      const templatePath = text(rule.template!);
      const writer = writerFor(templatePath);
      if (!writer)
        throw new InputError(
          `${source}: ${templatePath} is not a .yaml template`,
        );
      const docs = await readTemplate(
        resolveSafeChildPath(filesDir, templatePath),
      );
      const resolved = resolveDocuments(docs, local, {
        source: `forja/files/${templatePath}`,
        escape: writer.escape,
      }).filter(d => d !== null && d !== undefined);
      const to = rule.to
        ? text(rule.to)
        : templatePath.slice(0, templatePath.length - writer.strip.length);
      const content = writer.write(resolved);
      files.set(
        to,
        cloud && to.endsWith('.tf')
          ? pinModuleSources(content, cloud, options.moduleSource)
          : content,
      );
    }
  }
  for (const file of files.keys()) resolveSafeChildPath('/out', file);
  if (!spec.version) return files;
  return withTemplateRecord(files, {
    template: template.name,
    version: spec.version,
    digest: await templateDigest(template),
    values: values as Record<string, unknown>,
  });
}

/** Text placed in a path: relative segments of safe characters, none `.` or `..`. */
function safePathPart(text: string): string {
  const segments = text.split('/');
  if (
    text !== '' &&
    segments.some(
      segment =>
        !/^[A-Za-z0-9._-]+$/.test(segment) ||
        segment === '.' ||
        segment === '..',
    )
  )
    throw new InputError(`"${text}" cannot be part of a file path`);
  return text;
}
