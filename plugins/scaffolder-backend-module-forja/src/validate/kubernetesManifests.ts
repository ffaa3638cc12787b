import { kustomizeBuild } from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import { validateKubernetesObject } from './kubernetes/validateObject';
import { mapConcurrent } from './runCommand';
import { Finding } from './types';

export const MAX_YAML_BYTES = 1024 * 1024;
const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

interface SourceDocument {
  file: string;
  kind: string;
  name: string;
  doc: ReturnType<typeof parseAllDocuments>[number];
  lineCounter: LineCounter;
}

/** Parses YAML with bounded aliases and size: alias bombs and huge files are refused. */
export function parseYamlDocuments(text: string, file: string) {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES) {
    throw new Error(`${file} is larger than ${MAX_YAML_BYTES} bytes`);
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  if (!Array.isArray(docs)) return { docs: [], lineCounter };
  return { docs, lineCounter };
}

async function listYamlFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (
        entry.isDirectory() &&
        !['.git', 'node_modules', '.terraform'].includes(entry.name)
      ) {
        await walk(full);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        files.push(full);
      }
    }
  };
  await walk(root);
  return files.sort();
}

function toFinding(
  root: string,
  source: SourceDocument | undefined,
  fallbackFile: string,
  objectLabel: string,
  pointer: string[],
  message: string,
): Finding {
  let line: number | undefined;
  if (source) {
    let node = source.doc.getIn(pointer, true) as
      | { range?: [number, number] }
      | undefined;
    for (let depth = pointer.length - 1; !node?.range && depth >= 0; depth--) {
      node = source.doc.getIn(pointer.slice(0, depth), true) as typeof node;
    }
    if (node?.range) line = source.lineCounter.linePos(node.range[0]).line;
  }
  return {
    check: 'kubernetes-schema',
    file: path.relative(root, source?.file ?? fallbackFile),
    line,
    message: `${objectLabel} /${pointer.join('/')}: ${message}`,
  };
}

/**
 * Builds every Kustomize overlay (and every kustomization that no other one includes)
 * with `kubectl kustomize`, validates each object against its API schema, and validates
 * Kubernetes manifests that live outside any kustomization (Argo CD Applications, say).
 */
export async function checkKubernetesManifests(
  root: string,
): Promise<{ findings: Finding[]; kustomizations: number; objects: number }> {
  const findings: Finding[] = [];
  const sources: SourceDocument[] = [];
  const kustomizationDirs: string[] = [];
  const standalone: SourceDocument[] = [];
  const referenced = new Set<string>();

  for (const file of await listYamlFiles(root)) {
    const relative = path.relative(root, file);
    if (relative.startsWith(`.github${path.sep}`)) continue;
    const text = await fs.readFile(file, 'utf8');
    const yamlFinding = (message: string, line?: number) =>
      findings.push({ check: 'yaml', file: relative, line, message });
    let parsed;
    try {
      parsed = parseYamlDocuments(text, relative);
    } catch (error) {
      yamlFinding((error as Error).message);
      continue;
    }
    for (const doc of parsed.docs) {
      for (const error of doc.errors) {
        yamlFinding(error.message.split('\n')[0], error.linePos?.[0].line);
      }
      if (doc.errors.length || !isMap(doc.contents)) continue;
      let value;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        yamlFinding((error as Error).message);
        continue;
      }
      if (KUSTOMIZATION_FILES.includes(path.basename(file))) {
        kustomizationDirs.push(path.dirname(file));
        for (const entry of [
          ...(value.resources ?? []),
          ...(value.components ?? []),
        ]) {
          if (typeof entry === 'string' && !entry.includes('://')) {
            referenced.add(path.resolve(path.dirname(file), entry));
          }
        }
        continue;
      }
      if (
        typeof value.apiVersion !== 'string' ||
        typeof value.kind !== 'string'
      )
        continue;
      // Backstage catalog entities are YAML with apiVersion/kind too; the catalog checks them.
      if (value.apiVersion.startsWith('backstage.io/')) continue;
      const source: SourceDocument = {
        file,
        kind: value.kind,
        name: String(value.metadata?.name ?? ''),
        doc,
        lineCounter: parsed.lineCounter,
      };
      sources.push(source);
    }
  }

  const insideKustomization = (file: string) =>
    kustomizationDirs.some(dir => file.startsWith(`${dir}${path.sep}`)) ||
    referenced.has(file);
  for (const source of sources) {
    if (!insideKustomization(source.file)) standalone.push(source);
  }

  let objects = 0;
  const validate = (
    object: Record<string, any>,
    fallbackFile: string,
    source = sources.find(
      s =>
        !standalone.includes(s) &&
        s.kind === object.kind &&
        s.name === String(object.metadata?.name ?? ''),
    ),
  ) => {
    objects++;
    const label = `${object.kind}/${object.metadata?.name ?? '?'}`;
    for (const error of validateKubernetesObject(object)) {
      findings.push(
        toFinding(root, source, fallbackFile, label, error.path, error.message),
      );
    }
  };

  const toBuild = kustomizationDirs.filter(
    dir => dir.split(path.sep).includes('overlays') || !referenced.has(dir),
  );
  // Built the way the deployability check and the cost engine build them: the graph
  // checked to stay inside the folder (nothing remote, no Helm), then kubectl in a sandbox.
  const builds = await mapConcurrent(toBuild, os.availableParallelism(), dir =>
    kustomizeBuild(dir, { root }).then(
      stdout => ({ code: 0, stdout, stderr: '' }),
      (error: Error) => ({ code: 1, stdout: '', stderr: error.message }),
    ),
  );
  toBuild.forEach((dir, i) => {
    const kustomizationFile = path.join(dir, 'kustomization.yaml');
    const result = builds[i];
    if (result.code !== 0) {
      findings.push({
        check: 'kustomize',
        file: path.relative(root, kustomizationFile),
        message:
          result.stderr
            .trim()
            .replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err="/, '')
            .replace(/"$/, '')
            .replace(/\s+/g, ' ') || 'kubectl kustomize failed',
      });
      return;
    }
    for (const doc of parseAllDocuments(result.stdout) as ReturnType<
      typeof parseAllDocuments
    >) {
      const object = doc.toJS({ maxAliasCount: 100 });
      if (object) validate(object, kustomizationFile);
    }
  });
  for (const source of standalone) {
    validate(source.doc.toJS({ maxAliasCount: 100 }), source.file, source);
  }
  return { findings, kustomizations: toBuild.length, objects };
}
