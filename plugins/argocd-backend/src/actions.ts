import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ARGOCD_OBJECT_NAME,
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
} from '@forja/plugin-argocd-common';
import {
  actionEntityRef,
  actionEntityRefInput,
  audited,
  EntityAuthorizer,
} from '@forja/plugin-forja-node';
import { EntityApplicationsService } from './services/createEntityApplicationsService';

/**
 * Argo CD for agents, in Backstage's actions registry (served to MCP clients by the MCP
 * actions backend): the same service and the same permissions as the routes, checked for
 * the caller on the entity; the sync is audited like the route's.
 */
export function registerArgoCdActions(options: {
  actionsRegistry: ActionsRegistryService;
  authorize: EntityAuthorizer;
  applications: EntityApplicationsService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, authorize, applications, auditor } = options;

  actionsRegistry.register({
    name: 'get-entity-applications',
    title: 'Argo CD applications of a catalog entity',
    description:
      'Lists the Argo CD applications of a catalog entity across the configured instances: sync status, health, deployed revision, last sync, out-of-sync resource count, the last operation error and a link to the Argo CD UI; instances that could not be asked are listed with the reason. Needs argocd.application.read on the entity.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: actionEntityRefInput(z),
        }),
      output: z =>
        z.object({
          configured: z.boolean(),
          applications: z.array(
            z.object({
              instance: z.string(),
              name: z.string(),
              environment: z.string().optional(),
              syncStatus: z.string(),
              healthStatus: z.string(),
              revision: z.string().optional(),
              lastSyncedAt: z.string().optional(),
              outOfSyncResources: z.number(),
              operationError: z.string().optional(),
              url: z.string(),
            }),
          ),
          instances: z.array(
            z.object({
              name: z.string(),
              status: z.string(),
              message: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entity } = await authorize(
        credentials,
        actionEntityRef(input.entityRef),
        argocdApplicationReadPermission,
      );
      const {
        configured,
        applications: apps,
        instances,
      } = await applications.list(entity);
      return { output: { configured, applications: apps, instances } };
    },
  });

  // Writes on one application: the same input, output and checks, each its own event.
  const operations = [
    {
      name: 'sync-application',
      title: 'Sync an Argo CD application of a catalog entity',
      description:
        "Asks Argo CD to sync one of the entity's applications to its target revision, only when the application points back at the entity. Needs argocd.application.sync on the entity; audited.",
      idempotent: true,
      operation: 'sync',
    },
    {
      name: 'terminate-application',
      title: 'Terminate the running operation of an Argo CD application',
      description:
        "Asks Argo CD to terminate the operation (a sync) running on one of the entity's applications, only when the application points back at the entity; Argo CD ends it as Failed, 'Operation terminated'. Refused when no operation is running. Needs argocd.application.sync on the entity; audited.",
      idempotent: false,
      operation: 'terminate',
    },
  ] as const;
  for (const {
    name,
    title,
    description,
    idempotent,
    operation,
  } of operations) {
    actionsRegistry.register({
      name,
      title,
      description,
      attributes: { readOnly: false, idempotent, destructive: true },
      schema: {
        input: z =>
          z.object({
            entityRef: actionEntityRefInput(z),
            instance: z
              .string()
              .min(1)
              .max(100)
              .describe(
                'The Argo CD instance, as get-entity-applications names it',
              ),
            application: z
              .string()
              .regex(ARGOCD_OBJECT_NAME)
              .describe('The application name'),
          }),
        output: z =>
          z.object({
            application: z.object({
              instance: z.string(),
              name: z.string(),
              syncStatus: z.string(),
              healthStatus: z.string(),
              revision: z.string().optional(),
              operationPhase: z.string().optional(),
              operationError: z.string().optional(),
            }),
          }),
      },
      action: async ({ input, credentials }) => {
        const result = await audited(
          auditor,
          `application-${operation}`,
          { credentials },
          async () => {
            const { entity, entityRef } = await authorize(
              credentials,
              actionEntityRef(input.entityRef),
              argocdApplicationSyncPermission,
            );
            return {
              result: await applications.operate(
                entity,
                input.instance,
                input.application,
                operation,
              ),
              meta: {
                entityRef,
                instance: input.instance,
                application: input.application,
              },
            };
          },
        );
        return { output: { application: result } };
      },
    });
  }
}
