import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Forja's scaffolder module. */
  forja?: {
    /** forja:github:publish */
    publish?: {
      retry?: {
        /** Tries per push or rate-limited GitHub request. @default 4 */
        attempts?: number;
        /**
         * First backoff delay, doubled per attempt: `1s`, `PT1S` or `{ seconds: 1 }`. Wins
         * over initialDelayMs.
         * @default 1s
         */
        initialDelay?: HumanDuration | string;
        /** @deprecated use initialDelay (read only when initialDelay is not set) */
        initialDelayMs?: number;
        /**
         * Longest retry-after GitHub may ask for before the task gives up: `1m`, `PT1M` or
         * `{ minutes: 1 }`. Wins over maxWaitSeconds.
         * @default 1m
         */
        maxWait?: HumanDuration | string;
        /** @deprecated use maxWait (read only when maxWait is not set) */
        maxWaitSeconds?: number;
      };
      /** Delete a repository the task created when the push into it fails. @default false */
      deleteRepositoryOnFailure?: boolean;
    };
  };
}
