/**
 * Forja's scaffolder actions: forja:render and forja:validate.
 *
 * @packageDocumentation
 */
export { scaffolderModuleForja as default } from './module';
export { createRenderAction } from './actions/render/createRenderAction';
export { createValidateAction } from './actions/validate/createValidateAction';
export { createPublishAction } from './actions/publish/createPublishAction';
export { validateWorkspace } from './validate/validateWorkspace';
export type { Finding, ValidationReport } from './validate/types';
export { renderTemplate, TEMPLATES } from './render/renderTemplate';
export type { TemplateName } from './render/renderTemplate';
export type { RenderOptions } from './render/renderTemplate';
export type { FileSet } from './render/files';
export { assertPlainTree } from './render/files';
export {
  gitBlobSha,
  TEMPLATE_RECORD_FILE,
  templateRecordSchema,
} from './render/templateRecord';
export type { TemplateRecord } from './render/templateRecord';
export type { ValidateOptions } from './validate/validateWorkspace';
export type { ForjaScaffolderConfig, PublishRetryConfig } from './config';
export type { ModuleSource } from './render/environment';
export type { TerraformCheckOptions } from './validate/terraform';
