import { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './createRegisterAction.examples';

/** Kinds that tell the task which entity to link to, in this order. */
const LINK_KINDS = ['component', 'system', 'resource', 'api', 'domain'];

/** `https://host/owner/repo/` of a repository contents URL. */
function repositoryRoot(url: string): string {
  const { origin, pathname } = new URL(url);
  const [owner, repo] = pathname.split('/').filter(Boolean);
  return `${origin}/${owner}/${repo}/`;
}

/**
 * forja:catalog:register: registers the catalog file of the repository this task
 * published. Adding a location is for admins only in Forja's policy, so the action
 * registers it as the scaffolder itself: templates come only from the locations in the
 * configuration, the target must be on a configured integration host, and what the file
 * declares still passes the catalog's rules (no Location, Template, User or Group kinds
 * from a repository).
 */
export function createRegisterAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
}) {
  const { catalog, auth, integrations } = options;
  return createTemplateAction({
    id: 'forja:catalog:register',
    description:
      "Registers the published repository's catalog file in the catalog, as the scaffolder.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoContentsUrl: z =>
          z
            .string()
            .url()
            .describe(
              "The published repository's contents URL (forja:github:publish's repoContentsUrl)",
            ),
        catalogInfoPath: z =>
          z
            .string()
            .regex(/^\/?(?:[\w.-]+\/)*[\w.-]+\.ya?ml$/)
            .refine(p => !p.split('/').includes('..'), 'no ".." segments')
            .default('/catalog-info.yaml')
            .describe('The catalog file inside the repository'),
      },
      output: {
        entityRef: z =>
          z.string().optional().describe('The entity the task links to'),
        catalogInfoUrl: z => z.string().describe('The registered location'),
      },
    },
    async handler(ctx) {
      const { repoContentsUrl, catalogInfoPath } = ctx.input;
      const integration = integrations.byUrl(repoContentsUrl);
      if (!integration) {
        throw new InputError(
          `repoContentsUrl: ${repoContentsUrl} is on no configured integration host`,
        );
      }
      const catalogInfoUrl = integration.resolveUrl({
        base: repoContentsUrl,
        url: `/${catalogInfoPath.replace(/^\//, '')}`,
      });
      if (!catalogInfoUrl.startsWith(repositoryRoot(repoContentsUrl))) {
        throw new InputError(
          `catalogInfoPath: ${catalogInfoPath} leaves the repository`,
        );
      }
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${catalogInfoUrl}`);
        return;
      }
      const credentials = await auth.getOwnServiceCredentials();
      const result = await ctx.checkpoint({
        key: `register ${catalogInfoUrl}`,
        fn: async () => {
          await catalog.addLocation(
            { type: 'url', target: catalogInfoUrl },
            { credentials },
          );
          // The catalog processes an added location later and answers without its
          // entities; a dry run of the same location reads them now (as catalog:register).
          const read = await catalog
            .addLocation(
              { type: 'url', target: catalogInfoUrl, dryRun: true },
              { credentials },
            )
            .catch(error => {
              // Registered all the same; only the task's link to the entity is missing.
              ctx.logger.warn(
                `Could not read back ${catalogInfoUrl}: ${error.message}`,
              );
              return { entities: [] };
            });
          return read.entities.map(e =>
            `${e.kind}:${e.metadata.namespace ?? 'default'}/${
              e.metadata.name
            }`.toLocaleLowerCase('en-US'),
          );
        },
      });
      ctx.logger.info(`Registered ${catalogInfoUrl} in the catalog`);
      const entityRef = LINK_KINDS.map(kind =>
        result.find(ref => ref.startsWith(`${kind}:`)),
      ).find(Boolean);
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
