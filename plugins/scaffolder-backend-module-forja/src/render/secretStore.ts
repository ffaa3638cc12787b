/** The ClusterSecretStore an environment declares and every registered service's ExternalSecret names. */
export const SECRET_STORE = 'forja';
