/**
 * Forja's permission policy for the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModuleForjaPolicy as default } from './module';
export { ForjaPermissionPolicy, OWNER_WRITES } from './policy';
