export interface Config {
  forja?: {
    /**
     * Where generated Terraform roots take Forja's modules from. forja:validate and the
     * cost estimates (scaffolder action and cost backend) read the modules there: from
     * `localPath` when set, else the repository's `terraform/modules` at `ref`, read once
     * through the backend's URL reader (the repository's host needs an integration).
     */
    terraformModules?: {
      /**
       * Git repository holding `terraform/modules`, as an https URL ending in .git.
       * @default https://github.com/forja-dev/forja.git
       */
      repository?: string;
      /**
       * Tag or commit the generated module sources pin (`?ref=`).
       * @default v0.1.0
       */
      ref?: string;
      /**
       * A local checkout of that repository (relative to the backend's working directory),
       * read instead of the repository: offline, and the modules as checked out.
       */
      localPath?: string;
    };
  };
}
