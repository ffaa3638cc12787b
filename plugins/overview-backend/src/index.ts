/**
 * The on-call overview backend.
 *
 * @packageDocumentation
 */
export { overviewPlugin as default } from './plugin';
