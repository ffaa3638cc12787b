export interface Config {
  forja?: {
    permissions?: {
      /**
       * User or group entity refs allowed every Forja write (Argo CD sync and refresh,
       * entity delete) on every entity. Everyone else may do them only on entities they own.
       */
      admins?: string[];
    };
  };
}
