/**
 * The argocd:create-application scaffolder action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleArgoCd as default } from './module';
export { createArgoCdApplicationAction } from './actions/createApplication';
