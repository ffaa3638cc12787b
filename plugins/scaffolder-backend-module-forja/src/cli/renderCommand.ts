/* eslint-disable no-console */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'fs-extra';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRenderAction } from '../actions/render/createRenderAction';
import { createValidateAction } from '../actions/validate/createValidateAction';
import { readForjaScaffolderConfig } from '../config';
import { FORJA_ROOT, repositoryModules } from './forjaRoot';
import { TemplateInputError } from '../render/inputs';
import { parseYamlDocuments } from '../validate/kubernetesManifests';

export { FORJA_ROOT };

/** Reads a values file (YAML or JSON) with bounded size and aliases. */
export async function readValuesFile(
  file: string,
): Promise<Record<string, unknown>> {
  const { docs } = parseYamlDocuments(await fs.readFile(file, 'utf8'), file);
  const error = docs[0]?.errors[0];
  if (docs.length !== 1 || error) {
    throw new Error(
      `${file}: expected one YAML or JSON document${
        error ? `: ${error.message}` : ''
      }`,
    );
  }
  const values = docs[0].toJS({ maxAliasCount: 50 });
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new Error(`${file}: expected a mapping of template parameters`);
  }
  return values;
}

/** Resolves the step input expressions Forja's templates use: `${{ parameters }}` and `${{ parameters.x.y }}`. */
function resolveInput(
  input: unknown,
  parameters: Record<string, unknown>,
): unknown {
  if (typeof input === 'string') {
    const match = /^\$\{\{\s*parameters((?:\.[A-Za-z0-9_]+)*)\s*\}\}$/.exec(
      input,
    );
    if (match) {
      return match[1]
        .split('.')
        .slice(1)
        .reduce<unknown>(
          (value, key) =>
            value && typeof value === 'object'
              ? (value as Record<string, unknown>)[key]
              : undefined,
          parameters,
        );
    }
    if (input.includes('${{'))
      throw new Error(`unsupported expression in step input: ${input}`);
    return input;
  }
  if (Array.isArray(input))
    return input.map(item => resolveInput(item, parameters));
  if (input && typeof input === 'object') {
    return Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, resolveInput(v, parameters)]),
    );
  }
  return input;
}

export function consoleLogger(): LoggerService {
  const logger: LoggerService = {
    info: message => console.log(message),
    warn: message => console.warn(message),
    error: message => console.error(message),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/**
 * `forja render`: runs a template's steps as a dry run: the same forja:render and
 * forja:validate actions the scaffolder runs, into a local directory; publish and
 * register steps are reported, never executed.
 */
export async function renderCommand(options: {
  template: string;
  valuesFile: string;
  outDir: string;
  /** An existing repository the template changes (add-resource); copied into outDir. */
  fromDir?: string;
  logger?: LoggerService;
}): Promise<number> {
  const templateFile = path.join(
    FORJA_ROOT,
    'templates',
    options.template,
    'template.yaml',
  );
  if (!(await fs.pathExists(templateFile))) {
    const names = await fs.readdir(path.join(FORJA_ROOT, 'templates'));
    console.error(
      `unknown template "${options.template}"; templates: ${names.join(', ')}`,
    );
    return 2;
  }
  const template = parseYamlDocuments(
    await fs.readFile(templateFile, 'utf8'),
    templateFile,
  ).docs[0].toJS();
  const parameters = await readValuesFile(options.valuesFile);
  const config = readForjaScaffolderConfig(new ConfigReader({}));
  const actions = new Map(
    [
      createRenderAction({
        reader: undefined as never,
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        config,
      }),
      createValidateAction({ modules: repositoryModules }),
    ].map(action => [action.id, action]),
  );
  const logger = options.logger ?? consoleLogger();
  const outDir = path.resolve(options.outDir);
  await fs.emptyDir(outDir);
  if (options.fromDir) {
    await fs.copy(options.fromDir, outDir, {
      filter: src => !src.split(path.sep).includes('.git'),
    });
  }
  for (const step of template.spec.steps as Array<{
    id: string;
    action: string;
    if?: string;
    input?: unknown;
  }>) {
    if (step.if !== undefined && !resolveInput(step.if, parameters)) {
      logger.info(`${step.id}: skipped (its condition is false)`);
      continue;
    }
    const action = actions.get(step.action);
    if (!action) {
      logger.info(
        `${step.id}: ${step.action} skipped (dry run, nothing is published)`,
      );
      continue;
    }
    // The parts of the scaffolder's ActionContext that Forja's actions use.
    const ctx = {
      input: resolveInput(step.input ?? {}, parameters),
      workspacePath: outDir,
      logger,
      isDryRun: true,
      templateInfo: {
        baseUrl: pathToFileURL(templateFile).href,
        entityRef: `template:default/${template.metadata.name}`,
      },
      output: () => {},
      checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
      task: { id: 'forja-render' },
    };
    try {
      await action.handler(ctx as never);
    } catch (error) {
      if (error instanceof TemplateInputError) {
        error.errors.forEach(e =>
          logger.error(`${options.valuesFile}: ${e.field}: ${e.message}`),
        );
      } else {
        logger.error(error instanceof Error ? error.message : String(error));
      }
      return 1;
    }
  }
  return 0;
}
