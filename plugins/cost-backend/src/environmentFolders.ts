import { ModuleSelection, moduleSelectionKey } from '@forja/plugin-cost-node';
import { SourceLocation } from '@forja/plugin-forja-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Kind, Part } from './part';

async function hasFile(dir: string, pattern: RegExp): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).some(name => pattern.test(name));
  } catch {
    return false;
  }
}

const layout = (kind: Kind): [string, RegExp] =>
  kind === 'terraform'
    ? ['environments', /\.tf$/]
    : ['overlays', /^kustomization\.ya?ml$/];

/**
 * The folder of a source that holds an environment, relative to the source:
 * `environments/<env>` (Terraform) or `overlays/<env>` (Kustomize), else the source's own
 * folder (''), else undefined when neither holds Terraform or a kustomization.
 */
export async function environmentFolder(
  kind: Kind,
  dir: string,
  environment: string,
): Promise<string | undefined> {
  const [parent, marker] = layout(kind);
  const sub = path.join(parent, environment);
  if (await hasFile(path.join(dir, sub), marker)) return sub;
  if (await hasFile(dir, marker)) return '';
  return undefined;
}

/** The environment folders a source holds (`environments/<env>` or `overlays/<env>`). */
export async function environmentFolders(
  kind: Kind,
  dir: string,
): Promise<string[]> {
  const [parent, marker] = layout(kind);
  let names: string[];
  try {
    names = await fs.readdir(path.join(dir, parent));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (await hasFile(path.join(dir, parent, name), marker)) found.push(name);
  }
  return found;
}

/** The folder priced, the same whichever annotation reached it. */
export function folderIdentity(source: SourceLocation, folder: string): string {
  if (source.type === 'file') return `file:${path.join(source.dir, folder)}`;
  const base = source.url.replace(/\/+$/, '');
  return `url:${folder ? `${base}/${folder.split(path.sep).join('/')}` : base}`;
}

/**
 * What a part prices: the folder, or a selection of its modules within the folder (two
 * entities selecting the same modules share one identity).
 */
export function partIdentity(
  source: SourceLocation,
  folder: string,
  modules: ModuleSelection | undefined,
): Pick<Part, 'identity' | 'within'> {
  const whole = folderIdentity(source, folder);
  return modules
    ? { identity: `${whole}#${moduleSelectionKey(modules)}`, within: whole }
    : { identity: whole };
}

/**
 * The environments of an entity without `forja.dev/environments`: the folders its sources
 * hold, sorted, else the folder itself as `default`. `dirOf` reads a source; one that
 * cannot be read is skipped (its own estimate says why).
 */
export async function discoverEnvironments(
  sources: Array<[Kind, SourceLocation]>,
  dirOf: (source: SourceLocation) => Promise<string | undefined>,
): Promise<string[]> {
  const found = new Set<string>();
  for (const [kind, source] of sources) {
    try {
      const dir = await dirOf(source);
      if (dir) {
        for (const environment of await environmentFolders(kind, dir)) {
          found.add(environment);
        }
      }
    } catch {
      // Reported by the estimate of the source itself.
    }
  }
  return found.size ? [...found].sort() : ['default'];
}
