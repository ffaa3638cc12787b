import {
  DEFAULT_MODULE_SOURCE,
  environmentValuesSchema,
  ModuleSource,
  renderEnvironment,
} from './environment';
import {
  addResourceValuesSchema,
  ReadExisting,
  renderAddResource,
} from './addResource';
import { FileSet } from './files';
import { parseValues } from './inputs';
import { renderServiceRegistration } from './registration';
import {
  orderedEnvironments,
  renderService,
  serviceValuesSchema,
} from './service';

export const TEMPLATES = [
  'service',
  'service-registration',
  'environment',
  'add-resource',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export interface RenderOptions {
  /** The template's `skeleton/` directory, already checked to hold plain files only. */
  skeletonDir: string;
  moduleSource?: ModuleSource;
  /** Files of the repository a template changes (add-resource). */
  readExisting?: ReadExisting;
}

const SCHEMAS = {
  service: serviceValuesSchema,
  'service-registration': serviceValuesSchema,
  environment: environmentValuesSchema,
  'add-resource': addResourceValuesSchema,
};

/**
 * Checks a template's values (throwing field-level errors) and returns the GitHub
 * Environments the generated workflows run in: the image build job's `registry` for a
 * service, and one per environment in delivery order.
 */
export function checkTemplateValues(
  template: TemplateName,
  values: unknown,
): string[] {
  const { environments } = parseValues(SCHEMAS[template], values);
  const ordered = orderedEnvironments(environments);
  if (template === 'service') return ['registry', ...ordered];
  return template === 'service-registration' ? [] : ordered;
}

/**
 * Validates the values of one template (throwing field-level errors before anything is
 * written) and returns the generated repository as a file set.
 */
export async function renderTemplate(
  template: TemplateName,
  values: unknown,
  options: RenderOptions,
): Promise<FileSet> {
  if (template === 'add-resource') {
    return renderAddResource(
      parseValues(addResourceValuesSchema, values),
      options.skeletonDir,
      options.readExisting ?? (async () => undefined),
      options.moduleSource ?? DEFAULT_MODULE_SOURCE,
    );
  }
  if (template === 'service-registration') {
    return renderServiceRegistration(
      parseValues(serviceValuesSchema, values),
      options.moduleSource ?? DEFAULT_MODULE_SOURCE,
    );
  }
  if (template === 'service') {
    return renderService(
      parseValues(serviceValuesSchema, values),
      options.skeletonDir,
    );
  }
  return renderEnvironment(
    parseValues(environmentValuesSchema, values),
    options.skeletonDir,
    options.moduleSource ?? DEFAULT_MODULE_SOURCE,
  );
}
