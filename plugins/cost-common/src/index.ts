/**
 * Cost permissions, annotations and the estimate's shape, shared by Forja's cost engine,
 * backend and frontend.
 *
 * @packageDocumentation
 */
export * from './actual';
export * from './annotations';
export * from './estimate';
export * from './permissions';
export * from './types';
