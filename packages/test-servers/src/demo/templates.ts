import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface CatalogLocation {
  type: string;
  target: string;
  rules?: unknown[];
}

/** The `allowedHosts` line of a RepoUrlPicker field, as Forja's templates write it. */
const ALLOWED_HOSTS = /^(\s*)allowedHosts: \[github\.com\]$/gm;

/**
 * The portal's catalog locations for the demo: those of app-config.yaml, with Forja's
 * templates copied to `outDir` so that their repository pickers offer the demo's GitHub
 * (Backstage's RepoUrlPicker lists only the hosts a template allows). Relative targets
 * are made absolute (they are relative to packages/backend, where the backend runs).
 */
export function demoCatalogLocations(
  root: string,
  outDir: string,
  githubHost: string,
): CatalogLocation[] {
  const config = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const backendDir = path.join(root, 'packages', 'backend');
  return (config.catalog.locations as CatalogLocation[]).map(location => {
    if (location.type !== 'file') return location;
    const target = path.resolve(backendDir, location.target);
    const template = /[\\/]templates[\\/]([^\\/]+)[\\/]template\.yaml$/.exec(
      target,
    );
    if (!template) return { ...location, target };
    const copy = path.join(outDir, 'templates', template[1]);
    fs.rmSync(copy, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.cpSync(path.dirname(target), copy, { recursive: true });
    const file = path.join(copy, 'template.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(ALLOWED_HOSTS, `$1allowedHosts: [${githubHost}]`),
    );
    return { ...location, target: file };
  });
}
