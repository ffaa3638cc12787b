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
    /** forja:github:publish */
    publish?: {
      retry?: {
        /** Tries per push or rate-limited GitHub request. @default 4 */
        attempts?: number;
        /** First backoff delay in milliseconds, doubled per attempt. @default 1000 */
        initialDelayMs?: number;
        /** Longest retry-after GitHub may ask for before the task gives up. @default 60 */
        maxWaitSeconds?: number;
      };
      /** Delete a repository the task created when the push into it fails. @default false */
      deleteRepositoryOnFailure?: boolean;
    };
  };
}
