import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the tests need, by name (debianPackages.json, also read by `./forja test`). */
type TestPackages = Record<string, { packages: string[]; probe: string[] }>;

function testPackages(): TestPackages {
  const { '//': _comment, ...entries } = JSON.parse(
    // A test-only package, always run from source: __dirname is its src folder.
    // eslint-disable-next-line no-restricted-syntax
    readFileSync(join(__dirname, '..', 'debianPackages.json'), 'utf8'),
  );
  return entries;
}

const present = (probe: string[]) =>
  spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' }).status === 0;

/**
 * Makes sure the Debian packages behind `name` are usable. `./forja test` installs every
 * missing one before its first gate, so under it this only checks; a test file run on
 * its own installs what it lacks (the test machine keeps nothing installed by hand).
 */
export function ensureTestPackages(name: string): void {
  const entry = testPackages()[name];
  if (!entry) throw new Error(`debianPackages.json has no entry "${name}"`);
  if (present(entry.probe)) return;
  console.log(
    `[forja] installing Debian packages: ${entry.packages.join(' ')}`,
  );
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...entry.packages],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
  if (!present(entry.probe)) {
    throw new Error(
      `${entry.packages.join(' ')} installed but still not usable`,
    );
  }
}
