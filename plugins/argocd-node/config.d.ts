import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Forja's Argo CD plugins; the same shape as the Roadie and community plugins. */
  argocd?: {
    /** Fallback credentials for instances that give neither a token nor their own. */
    username?: string;
    /** @visibility secret */
    password?: string;
    appLocatorMethods?: Array<{
      /** Only `config` is supported. */
      type: 'config';
      instances: Array<{
        /** The name `argocd/instance-name` refers to. */
        name: string;
        /** API base URL, such as https://argocd.example.com. The backend only calls these URLs. */
        url: string;
        /** Where people open the UI, when it differs from url. */
        frontendUrl?: string;
        /**
         * An API token of a read-mostly account (sync needs `applications, sync`).
         * @visibility secret
         */
        token?: string;
        /** Session login, when there is no token. */
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
    }>;
    /**
     * Per-request timeout: `10s`, `PT10S` or `{ seconds: 10 }`. Wins over requestTimeoutMs.
     * @default 10s
     */
    requestTimeout?: HumanDuration | string;
    /** @deprecated use requestTimeout (read only when requestTimeout is not set) */
    requestTimeoutMs?: number;
    /** Requests in flight per instance. @default 8 */
    maxConcurrentRequests?: number;
    /**
     * Largest answer read from an instance, in bytes; a larger one is cut off and the
     * instance shows as unavailable. A list of 10,000 applications is about 14 MB.
     * @default 33554432 (32 MiB)
     */
    maxResponseBytes?: number;
    /**
     * How long cached reads are served as fresh (`0ms`: every read goes to Argo CD), such
     * as `15s`, `PT15S` or `{ seconds: 15 }`. Wins over cacheFreshSeconds.
     * @default 15s
     */
    cacheFresh?: HumanDuration | string;
    /** @deprecated use cacheFresh (read only when cacheFresh is not set) */
    cacheFreshSeconds?: number;
    /**
     * How long stale reads may be served while refreshing, such as `5m`, `PT5M` or
     * `{ minutes: 5 }`. Wins over cacheStaleSeconds.
     * @default 5m
     */
    cacheStale?: HumanDuration | string;
    /** @deprecated use cacheStale (read only when cacheStale is not set) */
    cacheStaleSeconds?: number;
  };
}
