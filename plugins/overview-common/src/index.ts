/**
 * The on-call overview's shapes, trouble ranking and promote permission.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './signals';
export * from './trouble';
export * from './types';
export * from './templateUpgrade';
