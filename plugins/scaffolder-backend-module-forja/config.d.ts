export interface Config {
  /** Forja's scaffolder module. */
  forja?: {
    /** Where generated Terraform roots take their modules from. */
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
       * A local checkout of that repository, so forja:validate can check module inputs
       * and outputs offline. Defaults to the Forja repository this backend runs from.
       */
      localPath?: string;
    };
  };
}
