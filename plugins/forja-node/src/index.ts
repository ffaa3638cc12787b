/**
 * What Forja's backend plugins share.
 *
 * @packageDocumentation
 */
export * from './actionInputs';
export * from './entityAuthorizer';
export * from './entityRoutes';
export * from './environmentName';
export * from './guardedStore';
export * from './jsonCompatible';
export * from './labelSelector';
export * from './lruMap';
export * from './readDuration';
export * from './sources';
export * from './swrCache';
export * from './upstream';
export * from './terraformModules';
