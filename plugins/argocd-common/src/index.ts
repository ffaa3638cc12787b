/**
 * Argo CD permissions, annotations and shared types for Forja.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './environments';
export * from './permissions';
export * from './pluginId';
export * from './types';
