// The installation steps a plugin README gives: for a backend, what to add to
// packages/backend and the lines to put in packages/backend/src/index.ts; for a frontend,
// what to add to packages/app and what to put in packages/app/src/App.tsx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackendSteps {
  /** Packages `yarn --cwd packages/backend add` installs. */
  add: string[];
  /** `backend.add(...)` lines, verbatim. */
  lines: string[];
}

/** `<dir>/README.md`'s "Installation" section, if it has one. */
function installation(dir: string): string | undefined {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  return /^## Installation\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
}

/** The steps of `<dir>/README.md`'s "Installation" section, none when it has no backend part. */
export function backendSteps(dir: string): BackendSteps {
  const section = installation(dir);
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

export interface FrontendSteps {
  /** Packages `yarn --cwd packages/app add` installs. */
  add: string[];
  /** Whether the section says the new frontend system discovers it (`app.packages: all`). */
  discovered: boolean;
  /** `import` lines of its `// packages/app/src/App.tsx` code blocks, verbatim. */
  imports: string[];
  /** What its `createApp({ features: [...] })` lists (code blocks or inline code), verbatim. */
  features: string[];
}

/** The new frontend system's steps of `<dir>/README.md`'s "Installation" section. */
export function frontendSteps(dir: string): FrontendSteps {
  const section = installation(dir) ?? '';
  const add = [
    ...section.matchAll(/yarn --cwd packages\/app add ([^\n]+)/g),
  ].flatMap(([, names]) => names.trim().split(/\s+/));
  const imports = [
    ...section.matchAll(
      /```tsx?\n\/\/ packages\/app\/src\/App\.tsx\n([\s\S]*?)```/g,
    ),
  ].flatMap(([, block]) =>
    block
      .split('\n')
      .map(line => line.trim())
      .filter(line => line.startsWith('import ')),
  );
  const features = [
    ...section.matchAll(/createApp\(\{[^`]*?features: \[([^\]]*)\]/g),
  ].flatMap(([, list]) =>
    list
      .split(',')
      .map(item => item.trim())
      .filter(Boolean),
  );
  return {
    add,
    discovered: section.includes('`app.packages: all`'),
    imports,
    features,
  };
}
