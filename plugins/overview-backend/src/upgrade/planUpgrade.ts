import { InputError, NotAllowedError } from '@backstage/errors';
import { TerraformModuleSource } from '@forja/plugin-forja-node';
import { TemplateUpgradeFile } from '@forja/plugin-overview-common';
import {
  FileSet,
  gitBlobSha,
  renderTemplate,
  TEMPLATE_RECORD_FILE,
  TemplateRecord,
  templateRecordSchema,
} from '@forja/plugin-scaffolder-backend-module-forja';
import {
  GithubRepository,
  TreeFile,
  UPGRADE_MAX_FILE_BYTES,
} from './githubRepository';
import { FileWrite, mergeFile } from './mergeFiles';
import { TemplateSource } from './templateSource';

export interface UpgradePlan {
  record: TemplateRecord;
  next: { version: string; digest: string };
  /** The new render, as the template now produces it (the pristine side of the next upgrade). */
  render: FileSet;
  /** What the pull request writes, relative to the entity's folder. */
  writes: FileWrite[];
  files: TemplateUpgradeFile[];
  conflicts: number;
}

/** Reads and checks `.forja/template.json` of the entity's folder on the default branch. */
export async function readTemplateRecord(
  repository: GithubRepository,
  tree: Map<string, TreeFile>,
  folder = '.',
): Promise<TemplateRecord> {
  const where = `${repository.owner}/${repository.repo}`;
  const entry = tree.get(TEMPLATE_RECORD_FILE);
  if (!entry)
    throw new NotAllowedError(
      `${where} has no ${
        folder === '.' ? '' : `${folder}/`
      }${TEMPLATE_RECORD_FILE} on ${repository.defaultBranch} (${
        tree.size
      } files there): it was generated before Forja recorded templates, or by none`,
    );
  if (entry.size > UPGRADE_MAX_FILE_BYTES)
    throw new InputError(`${where}'s ${TEMPLATE_RECORD_FILE} is too large`);
  const text = await repository.blob(entry.sha);
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new InputError(`${where}'s ${TEMPLATE_RECORD_FILE} is not JSON`);
  }
  const parsed = templateRecordSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(
      `${where}'s ${TEMPLATE_RECORD_FILE}: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}

/**
 * What upgrading the entity's folder to the template as it is now changes: the old
 * render (the blobs `.forja/template.json` names), the new render (the recorded values
 * through the current template) and the folder as it is now, merged file by file.
 * Nothing is written. Only blobs whose three sides differ are read.
 */
export async function planUpgrade(options: {
  repository: GithubRepository;
  folder: string;
  /** The template that renders `render` now (checked against the entity's annotation). */
  loadSource(render: string): Promise<TemplateSource>;
  moduleSource: TerraformModuleSource;
}): Promise<UpgradePlan & { templateRef: string }> {
  const { repository } = options;
  const tree = await repository.files(options.folder);
  const record = await readTemplateRecord(repository, tree, options.folder);
  const source = await options.loadSource(record.template);
  try {
    return {
      templateRef: source.templateRef,
      ...(await mergeWithRender(repository, tree, record, source, options)),
    };
  } finally {
    await source.dispose();
  }
}

async function mergeWithRender(
  repository: GithubRepository,
  tree: Map<string, TreeFile>,
  record: TemplateRecord,
  source: TemplateSource,
  options: { moduleSource: TerraformModuleSource },
): Promise<UpgradePlan> {
  // The recorded values go through the template's own schema: refused field by field,
  // and every path the render writes is checked to stay inside the tree.
  const render = await renderTemplate(record.template, record.values, {
    forjaDir: source.forjaDir,
    skeletonDir: source.skeletonDir,
    moduleSource: options.moduleSource,
  });
  const nextRecordText = render.get(TEMPLATE_RECORD_FILE);
  if (!nextRecordText)
    throw new NotAllowedError(
      `${source.templateRef} declares no version: it records nothing to upgrade from`,
    );
  const next = templateRecordSchema.parse(JSON.parse(nextRecordText));
  const labels = {
    ours: 'repository',
    theirs: `template v${next.version}`,
  };

  const paths = new Set([...Object.keys(record.files), ...render.keys()]);
  paths.delete(TEMPLATE_RECORD_FILE);
  const writes: FileWrite[] = [];
  const files: TemplateUpgradeFile[] = [];
  const read = async (path: string, sha: string | undefined) => {
    if (!sha) return undefined;
    const size = tree.get(path)?.size ?? 0;
    if (size > UPGRADE_MAX_FILE_BYTES)
      throw new NotAllowedError(
        `${path} is larger than ${
          UPGRADE_MAX_FILE_BYTES / 1024 / 1024
        } MiB: upgrade it by hand`,
      );
    return repository.blob(sha);
  };
  for (const path of [...paths].sort()) {
    const baseSha = record.files[path];
    const oursSha = tree.get(path)?.sha;
    const theirs = render.get(path);
    const theirsSha = theirs === undefined ? undefined : gitBlobSha(theirs);
    // Unchanged by the template, or already what it now writes: nothing to read.
    if (baseSha === theirsSha || oursSha === theirsSha) continue;
    // The old render's blob (the repository's own when the file is untouched).
    const readBase = () => {
      if (oursSha !== undefined && oursSha === baseSha)
        return read(path, oursSha);
      return baseSha ? repository.blob(baseSha) : Promise.resolve(undefined);
    };
    const [ours, baseContent] = await Promise.all([
      read(path, oursSha),
      readBase(),
    ]);
    const merged = mergeFile(
      {
        path,
        base: {
          known: baseSha === undefined || baseContent !== undefined,
          content: baseContent,
        },
        ours,
        theirs,
      },
      labels,
    );
    if (merged.write)
      writes.push(
        tree.get(path)?.mode === '100755'
          ? { ...merged.write, mode: '100755' }
          : merged.write,
      );
    if (merged.summary) files.push(merged.summary);
  }
  if (files.length || record.digest !== next.digest)
    writes.push({ path: TEMPLATE_RECORD_FILE, content: nextRecordText });
  return {
    record,
    next: { version: next.version, digest: next.digest },
    render,
    writes,
    files,
    conflicts: files.filter(f => f.conflict).length,
  };
}
