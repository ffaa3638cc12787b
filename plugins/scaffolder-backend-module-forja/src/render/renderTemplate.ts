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

/**
 * Validates the values of one template (throwing field-level errors before anything is
 * written) and returns the generated repository as a file set.
 */
export async function renderTemplate(
  template: TemplateName,
  values: unknown,
  options: RenderOptions,
): Promise<FileSet> {
  switch (template) {
    case 'service':
      return renderService(
        parseValues(serviceValuesSchema, values),
        options.skeletonDir,
      );
    case 'environment':
      return renderEnvironment(
        parseValues(environmentValuesSchema, values),
        options.skeletonDir,
        options.moduleSource ?? DEFAULT_MODULE_SOURCE,
      );
    default:
      throw new Error(`unknown template ${template satisfies never}`);
  }
}
