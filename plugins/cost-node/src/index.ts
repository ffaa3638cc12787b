/**
 * Forja's cost engine (in progress): Terraform's expression language for reading what
 * the repositories declare, with unknown values propagated instead of guessed.
 *
 * @packageDocumentation
 */
export { ExpressionError, UNKNOWN } from './hcl/expression';
export type { Value } from './hcl/expression';
export {
  containsUnknown,
  evaluateExpression,
  evaluateHcl,
} from './hcl/evaluate';
export type { Scope } from './hcl/evaluate';
