// What a packed package's code imports that its package.json does not declare.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BUILTINS = new Set(builtinModules);
/** `require('x')`, `import('x')`, `from 'x'` and `import 'x'` in built JavaScript. */
const SPECIFIER =
  /(?:\brequire\(\s*|\bimport\(\s*|\bfrom\s*|^\s*import\s*)(['"])([^'"\n]+)\1/gm;

function* javascriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* javascriptFiles(full);
    } else if (/\.(c|m)?js$/.test(entry.name)) yield full;
  }
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier: string) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Bare imports of an unpacked package (`dir` holds its package.json) that name neither a
 * Node built-in nor one of its dependencies, peer or optional dependencies: each as
 * `file: package`.
 */
export function undeclaredImports(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const found: string[] = [];
  for (const file of javascriptFiles(dir)) {
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(
      SPECIFIER,
    )) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
      const name = packageOf(specifier);
      if (specifier.startsWith('node:') || BUILTINS.has(name)) continue;
      if (!declared.has(name))
        found.push(`${file.slice(dir.length + 1)}: ${name}`);
    }
  }
  return [...new Set(found)];
}
