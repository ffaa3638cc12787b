/**
 * Forja's cost backend: monthly estimates per entity and environment from the Terraform
 * and manifests its source declares, and rollups for systems and groups.
 *
 * @packageDocumentation
 */
export { costPlugin as default } from './plugin';
