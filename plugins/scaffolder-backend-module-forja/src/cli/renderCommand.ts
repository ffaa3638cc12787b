/* eslint-disable no-console */
import fs from 'fs-extra';
import path from 'node:path';
import { parseYamlDocuments } from '../validate/kubernetesManifests';
import { assertPlainTree, writeFileSet } from '../render/files';
import { TemplateInputError } from '../render/inputs';
import { renderTemplate, TEMPLATES, TemplateName } from '../render/renderTemplate';
import { DEFAULT_MODULE_SOURCE } from '../render/environment';
import { validateWorkspace } from '../validate/validateWorkspace';
import { printReport } from './validateCommand';

export const FORJA_ROOT = path.resolve(__dirname, '../../../..');

/** Reads a values file (YAML or JSON) with bounded size and aliases. */
export async function readValuesFile(file: string): Promise<unknown> {
  const { docs } = parseYamlDocuments(await fs.readFile(file, 'utf8'), file);
  if (docs.length !== 1 || docs[0].errors.length) {
    throw new Error(`${file}: expected one YAML or JSON document${docs[0]?.errors.length ? `: ${docs[0].errors[0].message}` : ''}`);
  }
  return docs[0].toJS({ maxAliasCount: 50 });
}

/**
 * `forja render`: the same rendering and validation as the forja:render and
 * forja:validate steps of the template, into a local directory, without publishing.
 */
export async function renderCommand(options: {
  template: string;
  valuesFile: string;
  outDir: string;
}): Promise<number> {
  if (!(TEMPLATES as readonly string[]).includes(options.template)) {
    console.error(`unknown template "${options.template}"; templates: ${TEMPLATES.join(', ')}`);
    return 2;
  }
  const skeletonDir = path.join(FORJA_ROOT, 'templates', options.template, 'skeleton');
  await assertPlainTree(skeletonDir);
  const outDir = path.resolve(options.outDir);
  let files;
  try {
    files = await renderTemplate(options.template as TemplateName, await readValuesFile(options.valuesFile), { skeletonDir });
  } catch (error) {
    if (error instanceof TemplateInputError) {
      error.errors.forEach(e => console.error(`${options.valuesFile}: ${e.field}: ${e.message}`));
      return 1;
    }
    throw error;
  }
  await fs.emptyDir(outDir);
  await writeFileSet(outDir, files);
  console.log(`forja:render: ${files.size} files in ${outDir}`);
  const report = await validateWorkspace(outDir, {
    moduleRepositories: { [DEFAULT_MODULE_SOURCE.repository]: FORJA_ROOT },
  });
  printReport(report);
  return report.findings.length ? 1 : 0;
}
