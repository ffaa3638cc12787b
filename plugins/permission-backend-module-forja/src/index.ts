/**
 * Forja's permission policy for the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModuleForjaPolicy as default } from './module';
export { ForjaPermissionPolicy } from './policy';
export { DECISIONS } from './decisions';
export type { Rule } from './decisions';
