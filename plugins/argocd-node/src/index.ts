/**
 * Argo CD client and service for Forja's backend plugins.
 *
 * @packageDocumentation
 */
export * from './client';
export * from './config';
export * from './service';
export * from './listedApplication';
