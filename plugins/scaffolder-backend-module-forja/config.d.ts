export interface Config {
  /** Forja's scaffolder module. */
  forja?: {
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
