import { InputError } from '@backstage/errors';
import fs from 'fs-extra';
import {
  checkDataTemplateValues,
  readRenderSpec,
  renderDataTemplate,
  renderSpecFile,
} from './data/renderDataTemplate';
import { DEFAULT_MODULE_SOURCE, ModuleSource } from './environment';
import { FileSet } from './files';
import { parseValues } from './inputs';
import { renderServiceRegistration } from './registration';
import { orderedEnvironments, serviceValuesSchema } from './service';

/** Templates still rendered by code; every other one is a data template (forja/<name>.yaml). */
export const TEMPLATES = ['service-registration'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const isBuiltIn = (name: string): name is TemplateName =>
  (TEMPLATES as readonly string[]).includes(name);

/** A data template renders from its `forja/<name>.yaml` and `forja/files`. */
export function isDataTemplate(
  forjaDir: string,
  template: string,
): Promise<boolean> {
  return fs.pathExists(renderSpecFile(forjaDir, template));
}

export interface RenderOptions {
  /** The template's `skeleton/` directory, already checked to hold plain files only. */
  skeletonDir: string;
  /**
   * The template's `forja/` directory (<template>.yaml and files/), when it is a data
   * template: then it renders from files alone, whatever its name.
   */
  forjaDir?: string;
  moduleSource?: ModuleSource;
  /** Files of the repository a template changes (add-resource); undefined when absent. */
  readExisting?: (path: string) => Promise<string | undefined>;
}

const SCHEMAS = {
  'service-registration': serviceValuesSchema,
};

/**
 * Checks a template's values (throwing field-level errors) and returns the GitHub
 * Environments the generated workflows run in: the image build job's `registry` for a
 * service, and one per environment in delivery order.
 */
export async function checkTemplateValues(
  template: string,
  values: unknown,
  forjaDir?: string,
): Promise<string[]> {
  if (forjaDir && (await isDataTemplate(forjaDir, template))) {
    return checkDataTemplateValues(
      await readRenderSpec(forjaDir, template),
      values,
    );
  }
  if (!isBuiltIn(template)) {
    throw new InputError(
      `template "${template}" has no forja/${template}.yaml and is not one of ${TEMPLATES.join(
        ', ',
      )}`,
    );
  }
  const { environments } = parseValues(SCHEMAS[template], values);
  const ordered = orderedEnvironments(environments);
  return template === 'service-registration' ? [] : ordered;
}

/**
 * Validates the values of one template (throwing field-level errors before anything is
 * written) and returns the generated repository as a file set.
 */
export async function renderTemplate(
  template: string,
  values: unknown,
  options: RenderOptions,
): Promise<FileSet> {
  if (options.forjaDir && (await isDataTemplate(options.forjaDir, template))) {
    return renderDataTemplate(
      {
        forjaDir: options.forjaDir,
        skeletonDir: options.skeletonDir,
        name: template,
      },
      values,
      {
        moduleSource: options.moduleSource ?? DEFAULT_MODULE_SOURCE,
        readExisting: options.readExisting,
      },
    );
  }
  if (!isBuiltIn(template)) {
    throw new InputError(
      `template "${template}" has no forja/${template}.yaml and is not one of ${TEMPLATES.join(
        ', ',
      )}`,
    );
  }
  return renderServiceRegistration(
    parseValues(serviceValuesSchema, values),
    options.moduleSource ?? DEFAULT_MODULE_SOURCE,
  );
}
