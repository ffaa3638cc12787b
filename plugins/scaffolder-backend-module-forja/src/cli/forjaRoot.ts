import {
  FORJA_MODULE_SOURCE,
  TerraformModuleRepositories,
} from '@forja/plugin-forja-node';

/**
 * The Forja repository the command-line tools and the tests work in (its templates,
 * examples and Terraform modules), as `./forja` names it. Never used by the plugin itself.
 */
export const FORJA_ROOT: string = (() => {
  const root = process.env.FORJA_ROOT;
  if (!root) {
    throw new Error(
      'FORJA_ROOT is not set: run the command-line tools and tests through ./forja',
    );
  }
  return root;
})();

/** Forja's module sources mapped to this repository's `terraform/modules`. */
export const REPOSITORY_MODULES: Record<string, string> = {
  [FORJA_MODULE_SOURCE.repository]: FORJA_ROOT,
};

/** This repository as the module repository the actions read (the CLI's and tests'). */
export const repositoryModules: TerraformModuleRepositories = {
  resolve: async () => REPOSITORY_MODULES,
};
