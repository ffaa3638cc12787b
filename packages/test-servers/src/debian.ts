import { spawnSync } from 'node:child_process';

/**
 * Installs Debian packages when `present()` says they are missing (the test machine keeps
 * nothing installed by hand, so the suite installs what it needs).
 */
export function ensureDebianPackages(
  packages: string[],
  present: () => boolean,
): void {
  if (present()) return;
  console.log(`[forja] installing Debian packages: ${packages.join(' ')}`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
  if (!present())
    throw new Error(`${packages.join(' ')} installed but still not usable`);
}
