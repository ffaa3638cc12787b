/**
 * What Forja's backend plugins share.
 *
 * @packageDocumentation
 */
export * from './entityRoutes';
export * from './swrCache';
export * from './upstream';
