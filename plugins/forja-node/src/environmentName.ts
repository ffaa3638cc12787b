import { InputError } from '@backstage/errors';

/**
 * What an environment name may be (`dev`, `staging`, `prod-eu`): lowercase letters, digits,
 * `.`, `_` and `-`, starting and ending with a letter or digit, at most 63 characters, and
 * no `..`. Environment names become folder names (`overlays/<env>`, `environments/<env>`),
 * so nothing else is taken.
 */
export const ENVIRONMENT_NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

const RULE =
  'lowercase letters, digits, ".", "_" and "-", starting and ending with a letter or digit, at most 63 characters';

/** Why `name` is not an environment name, or `undefined` when it is one. */
export function environmentNameProblem(name: string): string | undefined {
  if (ENVIRONMENT_NAME.test(name) && !name.includes('..')) return undefined;
  return `${JSON.stringify(name)} is not an environment name (${RULE})`;
}

/** Throws an InputError naming `name` unless it is an environment name. */
export function assertEnvironmentName(name: string): string {
  const problem = environmentNameProblem(name);
  if (problem) throw new InputError(problem);
  return name;
}
