// The installation steps a plugin README gives for a Backstage backend: what to add to
// packages/backend and the lines to put in packages/backend/src/index.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackendSteps {
  /** Packages `yarn --cwd packages/backend add` installs. */
  add: string[];
  /** `backend.add(...)` lines, verbatim. */
  lines: string[];
}

/** The steps of `<dir>/README.md`'s "Installation" section, none when it has no backend part. */
export function backendSteps(dir: string): BackendSteps {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const section = /^## Installation\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(
    readme,
  )?.[1];
  if (!section) return { add: [], lines: [] };
  const add = [
    ...section.matchAll(/yarn --cwd packages\/backend add ([^\n]+)/g),
  ].flatMap(([, names]) => names.trim().split(/\s+/));
  const lines = [
    ...section.matchAll(
      /```ts\n\/\/ packages\/backend\/src\/index\.ts\n([\s\S]*?)```/g,
    ),
  ].flatMap(([, block]) =>
    block
      .split('\n')
      .map(line => line.trim())
      .filter(line => line.startsWith('backend.add(')),
  );
  return { add, lines };
}
