// Which binaries the backend runs (read from its sources) and which the image installs
// (read from packages/backend/Dockerfile's runtime stage), for the image gate.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Calls that start a process, with the program as a string literal first argument. */
const PROCESS_CALL =
  /\b(?:execFile|execFileSync|spawn|spawnSync|run|runCommand)\(\s*['"]([\w.+-]+)['"]/g;
/** Sources that are not the backend at run time: tests, test helpers, command-line tools. */
const NOT_RUNTIME =
  /(\.test\.tsx?$|__testUtils__\/|testUtils|setupTests|\/src\/cli\/|\/src\/price\/refresh\/)/;

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name)) files.push(full);
  }
  return files;
}

/** Backend packages: packages/backend and every plugin whose role is a backend or node one. */
function backendSourceDirs(root) {
  const dirs = [join(root, 'packages/backend/src')];
  for (const name of readdirSync(join(root, 'plugins'))) {
    let manifest;
    try {
      manifest = JSON.parse(
        readFileSync(join(root, 'plugins', name, 'package.json'), 'utf8'),
      );
    } catch {
      continue;
    }
    const role = manifest.backstage?.role ?? '';
    if (
      /^(backend-plugin|backend-plugin-module|node-library|common-library)$/.test(
        role,
      )
    )
      dirs.push(join(root, 'plugins', name, 'src'));
  }
  return dirs;
}

/** Program name to the first source file that runs it. */
export function binariesTheBackendRuns(root) {
  const found = new Map();
  for (const dir of backendSourceDirs(root)) {
    for (const file of sourceFiles(dir)) {
      const path = relative(root, file);
      if (NOT_RUNTIME.test(path)) continue;
      for (const [, program] of readFileSync(file, 'utf8').matchAll(
        PROCESS_CALL,
      )) {
        if (!found.has(program)) found.set(program, path);
      }
    }
  }
  return found;
}

/**
 * Programs the runtime stage has: `apt-get install` packages (Debian's signed archives;
 * each package named after its program), tools copied from the build stage into a bin
 * folder (downloaded there against a checksum), and node from the base image.
 */
export function binariesTheImageInstalls(runtimeSteps) {
  const installed = new Set(['node']);
  for (const { instruction, args } of runtimeSteps) {
    if (instruction === 'RUN') {
      const install = /apt-get install ([^&;|]+)/.exec(args);
      for (const word of install?.[1].split(/\s+/) ?? []) {
        if (word && !word.startsWith('-')) installed.add(word);
      }
    }
    if (instruction === 'COPY' && /--from=build/.test(args)) {
      const target = args.split(/\s+/).at(-1);
      const match = /\/bin\/([\w.+-]+)$/.exec(target);
      if (match) installed.add(match[1]);
    }
  }
  return installed;
}

/** What the backend runs that the image lacks, each with the file that runs it. */
export function missingBinaries(root, runtimeSteps) {
  const installed = binariesTheImageInstalls(runtimeSteps);
  return [...binariesTheBackendRuns(root)].filter(
    ([program]) => !installed.has(program),
  );
}
