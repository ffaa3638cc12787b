/** Arguments of a `module` block that are Terraform's, not the module's inputs. */
export const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);

/** `git::<repository>.git//<path>?ref=<ref>`: repository, path in it, ref. */
export const GIT_MODULE_SOURCE = /^git::(.+?\.git)\/\/([^?]+)(?:\?ref=(.+))?$/;
