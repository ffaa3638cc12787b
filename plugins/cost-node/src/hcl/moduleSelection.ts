import {
  FORJA_ANNOTATION_TERRAFORM_MODULES,
  FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE,
} from '@forja/plugin-cost-common';
import { z } from 'zod';

/**
 * The part of a Terraform folder priced for one entity: the resources of some root
 * modules (`include`), or everything but some root modules' resources (`exclude`, the
 * folder's root resources included). See FORJA_ANNOTATION_TERRAFORM_MODULES.
 */
export type ModuleSelection = { include: string[] } | { exclude: string[] };

/** The most module names one annotation lists, and the longest name. */
const MAX_MODULES = 50;
const MAX_NAME = 64;

const moduleNames = z
  .string()
  .max(MAX_MODULES * (MAX_NAME + 2), 'is too long')
  .transform(value =>
    value
      .split(',')
      .map(name => name.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .max(MAX_NAME, `a module name has at most ${MAX_NAME} characters`)
          .regex(
            /^[a-z0-9_-]+$/,
            'a module name is lower-case letters, digits, _ and -',
          ),
      )
      .min(1, 'names no module')
      .max(MAX_MODULES, `names more than ${MAX_MODULES} modules`),
  );

/**
 * The module selection an entity's annotations declare, undefined for the whole folder.
 * Throws, naming the annotation, when a value is not a list of module names or both are
 * given: catalog annotations are untrusted.
 */
export function moduleSelectionOf(
  annotations: Record<string, string> | undefined,
): ModuleSelection | undefined {
  const read = (key: string) => {
    const value = annotations?.[key];
    // Blank counts as absent, as for every forja.dev annotation.
    if (!value?.trim()) return undefined;
    const parsed = moduleNames.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue.path.length
        ? ` (module ${Number(issue.path[0]) + 1})`
        : '';
      throw new Error(`${key}: ${issue.message}${at}`);
    }
    return [...new Set(parsed.data)].sort();
  };
  const include = read(FORJA_ANNOTATION_TERRAFORM_MODULES);
  const exclude = read(FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE);
  if (include && exclude) {
    throw new Error(
      `${FORJA_ANNOTATION_TERRAFORM_MODULES}: not with ${FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE}; name the modules priced or those left out`,
    );
  }
  if (include) return { include };
  if (exclude) return { exclude };
  return undefined;
}

/** The selection as text, the same for the same selection: `modules=a,b`, `modules!=c`. */
export function moduleSelectionKey(selection: ModuleSelection): string {
  return 'include' in selection
    ? `modules=${selection.include.join(',')}`
    : `modules!=${selection.exclude.join(',')}`;
}

/** The root module a resource address is in: `module.db[0].aws_db_instance.this` → db. */
export const rootModuleOf = (address: string) =>
  /^module\.([^.[]+)/.exec(address)?.[1];

/** Whether the selection prices the resource at `address`. */
export function isSelected(
  address: string,
  selection: ModuleSelection,
): boolean {
  const module = rootModuleOf(address);
  return 'include' in selection
    ? module !== undefined && selection.include.includes(module)
    : module === undefined || !selection.exclude.includes(module);
}
