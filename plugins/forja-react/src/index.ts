/**
 * What Forja's frontend plugins share.
 *
 * @packageDocumentation
 */
export { callEntityRoute } from './entityRoutes';
export { relativeTime, usd } from './format';
export { DataAge, UpstreamProblem } from './cardStatus';
