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
    /** Per-request timeout in milliseconds. @default 10000 */
    requestTimeoutMs?: number;
    /** Requests in flight per instance. @default 8 */
    maxConcurrentRequests?: number;
    /**
     * Largest answer read from an instance, in bytes; a larger one is cut off and the
     * instance shows as unavailable. A list of 10,000 applications is about 14 MB.
     * @default 33554432 (32 MiB)
     */
    maxResponseBytes?: number;
    /** How long cached reads are served as fresh, in seconds. @default 15 */
    cacheFreshSeconds?: number;
    /** How long stale reads may be served while refreshing, in seconds. @default 300 */
    cacheStaleSeconds?: number;
  };
}
