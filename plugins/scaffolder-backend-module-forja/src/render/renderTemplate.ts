import {
  DEFAULT_MODULE_SOURCE,
  environmentValuesSchema,
  ModuleSource,
  renderEnvironment,
} from './environment';
import { FileSet } from './files';
import { parseValues } from './inputs';
import { renderService, serviceValuesSchema } from './service';

export const TEMPLATES = ['service', 'environment'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export interface RenderOptions {
  /** The template's `skeleton/` directory, already checked to hold plain files only. */
  skeletonDir: string;
  moduleSource?: ModuleSource;
}

const SCHEMAS = {
  service: serviceValuesSchema,
  environment: environmentValuesSchema,
};

/** Checks a template's values; throws field-level errors (TemplateInputError). */
export function checkTemplateValues(
  template: TemplateName,
  values: unknown,
): void {
  parseValues(SCHEMAS[template], values);
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
