import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  actionEntityRef,
  actionEntityRefInput,
  audited,
  EntityAuthorizer,
} from '@forja/plugin-forja-node';
import {
  cellStates,
  OverviewResponse,
  overviewPromotePermission,
  overviewTemplateUpgradePermission,
  rowStates,
  TROUBLE_STATES,
} from '@forja/plugin-overview-common';
import { OverviewScope, OverviewService } from './overview';
import { entityScope } from './overview/scope';
import { Promoter } from './promote';
import { COMMIT_SHA, Rollbacker } from './rollback';
import { TemplateUpgrader } from './upgrade/templateUpgrader';

/** Rows an agent gets unless it asks for more (trouble first). */
export const DEFAULT_ROWS = 25;
export const MAX_ROWS = 200;

/** The overview as an agent reads it: per row and environment, what is wrong and why. */
export function overviewSummary(overview: OverviewResponse) {
  return {
    scope: overview.scope,
    environments: overview.environments,
    matching: overview.matching,
    total: overview.total,
    sources: overview.sources.map(({ source, state, message }) => ({
      source,
      state,
      message,
    })),
    rows: overview.rows.map(row => ({
      entityRef: row.entityRef,
      title: row.title,
      owner: row.owner,
      system: row.system,
      states: rowStates(row),
      cells: row.cells.map(cell => ({
        environment: cell.environment,
        states: cellStates(cell),
        applications: (cell.argocd.value?.applications ?? []).map(app => ({
          name: app.name,
          syncStatus: app.syncStatus,
          healthStatus: app.healthStatus,
          revision: app.revision,
        })),
        pods: cell.kubernetes.value && {
          ready: cell.kubernetes.value.ready,
          desired: cell.kubernetes.value.desired,
          restarts: cell.kubernetes.value.restarts,
        },
        firingAlerts: (cell.alerts.value?.firing ?? []).map(alert => ({
          name: alert.name,
          severity: alert.severity,
          summary: alert.summary,
        })),
        monthlyCost: cell.cost.value?.monthlyCost,
      })),
    })),
  };
}

/**
 * The overview and promotion for agents, in Backstage's actions registry: the routes'
 * services behind the routes' permissions for the caller; a promotion is audited.
 */
export function registerOverviewActions(options: {
  actionsRegistry: ActionsRegistryService;
  authorize: EntityAuthorizer;
  overview: OverviewService;
  promoter: Promoter;
  rollbacker: Rollbacker;
  upgrader: TemplateUpgrader;
  auditor: AuditorService;
}) {
  const {
    actionsRegistry,
    authorize,
    overview,
    promoter,
    rollbacker,
    upgrader,
    auditor,
  } = options;

  /** The portal, or a System or Group the caller may read. */
  const scopeOf = async (
    credentials: BackstageCredentials,
    ref?: string,
  ): Promise<OverviewScope> => {
    if (!ref) return { kind: 'portal' };
    const { entity, entityRef } = await authorize(
      credentials,
      actionEntityRef(ref, 'scope'),
      catalogEntityReadPermission,
    );
    return entityScope(entity, entityRef, 'scope');
  };

  actionsRegistry.register({
    name: 'get-overview',
    title: 'On-call overview of the portal, a system or a team',
    description: `What is wrong where, trouble first: per component and environment its Argo CD sync and health, ready and desired pods with restarts, firing Grafana alerts and monthly cost; which sources could not be asked and why. Scope: the whole portal, a System or a Group (with the groups under it). Rows are the entities the caller may read; at most ${DEFAULT_ROWS} unless a limit is given.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          scope: actionEntityRefInput(z)
            .optional()
            .describe(
              'A System or Group, as kind:namespace/name; omitted: the whole portal',
            ),
          owner: z.string().max(400).optional().describe('Only this owner'),
          system: z.string().max(400).optional().describe('Only this system'),
          environment: z
            .string()
            .regex(/^[a-z0-9-]{1,63}$/)
            .optional()
            .describe('Only rows with trouble in this environment'),
          state: z
            .enum(TROUBLE_STATES)
            .optional()
            .describe('Only rows in this state'),
          limit: z.number().int().min(1).max(MAX_ROWS).optional(),
        }),
      output: z =>
        z.object({
          scope: z.string(),
          environments: z.array(z.string()),
          matching: z.number(),
          total: z.number(),
          sources: z.array(
            z.object({
              source: z.string(),
              state: z.string(),
              message: z.string().optional(),
            }),
          ),
          rows: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string(),
              owner: z.string().optional(),
              system: z.string().optional(),
              states: z.array(z.string()),
              cells: z.array(
                z.object({
                  environment: z.string(),
                  states: z.array(z.string()),
                  applications: z.array(
                    z.object({
                      name: z.string(),
                      syncStatus: z.string(),
                      healthStatus: z.string(),
                      revision: z.string().optional(),
                    }),
                  ),
                  pods: z
                    .object({
                      ready: z.number(),
                      desired: z.number(),
                      restarts: z.number(),
                    })
                    .optional(),
                  firingAlerts: z.array(
                    z.object({
                      name: z.string(),
                      severity: z.string().optional(),
                      summary: z.string().optional(),
                    }),
                  ),
                  monthlyCost: z.string().optional(),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const scope = await scopeOf(credentials, input.scope);
      const lower = (field: 'owner' | 'system', ref?: string) =>
        ref
          ? actionEntityRef(ref, field).toLocaleLowerCase('en-US')
          : undefined;
      const answer = await overview.overview(scope, credentials, {
        owner: lower('owner', input.owner),
        system: lower('system', input.system),
        environment: input.environment,
        state: input.state,
        limit: input.limit ?? DEFAULT_ROWS,
      });
      return { output: overviewSummary(answer) };
    },
  });

  actionsRegistry.register({
    name: 'promote-environment',
    title: 'Promote a service into an environment',
    description:
      "Opens a pull request in the service's own repository that sets the environment's Kustomize overlay to the image tag running in the environment before it (dev → staging → prod); answers the existing pull request when it is already open. Only for entities registered from their repository's default branch. Needs overview.entity.promote on the entity; audited.",
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: actionEntityRefInput(z),
          environment: z
            .string()
            .regex(/^[a-z0-9-]{1,63}$/)
            .describe('The environment to promote into, such as staging'),
        }),
      output: z =>
        z.object({
          pullRequestUrl: z.string(),
          branch: z.string(),
          from: z.string(),
          to: z.string(),
          tag: z.string(),
          created: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      const promotion = await audited(
        auditor,
        'environment-promote',
        { credentials },
        async () => {
          const { entity, entityRef } = await authorize(
            credentials,
            actionEntityRef(input.entityRef),
            overviewPromotePermission,
          );
          const result = await promoter.promote(entity, input.environment);
          return { result, meta: { entityRef, ...result } };
        },
      );
      return { output: promotion };
    },
  });

  actionsRegistry.register({
    name: 'rollback-environment',
    title: 'Roll an environment back to an earlier revision',
    description:
      "Opens a pull request in the service's own repository that sets the environment's Kustomize overlay back to the image tag it declared at an earlier commit (a revision of the environment's Argo CD history, on the default branch); answers the existing pull request when it is already open. Only for entities registered from their repository's default branch. Needs overview.entity.promote on the entity; audited.",
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: actionEntityRefInput(z),
          environment: z
            .string()
            .regex(/^[a-z0-9-]{1,63}$/)
            .describe('The environment to roll back, such as prod'),
          revision: z
            .string()
            .regex(COMMIT_SHA)
            .describe(
              'The full commit SHA it ran, as its Argo CD history names it',
            ),
        }),
      output: z =>
        z.object({
          pullRequestUrl: z.string(),
          branch: z.string(),
          environment: z.string(),
          revision: z.string(),
          tag: z.string(),
          created: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      const rollback = await audited(
        auditor,
        'environment-rollback',
        { credentials },
        async () => {
          const { entity, entityRef } = await authorize(
            credentials,
            actionEntityRef(input.entityRef),
            overviewPromotePermission,
          );
          const result = await rollbacker.rollback(
            entity,
            input.environment,
            input.revision,
          );
          return { result, meta: { entityRef, ...result } };
        },
      );
      return { output: rollback };
    },
  });

  actionsRegistry.register({
    name: 'upgrade-template',
    title: "Upgrade a repository to its template's current version",
    description:
      "Opens a pull request in the entity's own repository that upgrades it to the current version of the template that generated it (backstage.io/source-template, .forja/template.json): a three-way merge of the old render, the new render and the repository as it is; conflicts are marked in the files (<<<<<<< repository / >>>>>>> template vX) and listed in the pull request. Answers the existing pull request when it is already open. Needs overview.entity.template-upgrade on the entity; audited.",
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: actionEntityRefInput(z) }),
      output: z =>
        z.object({
          pullRequestUrl: z.string(),
          branch: z.string(),
          from: z.string(),
          to: z.string(),
          conflicts: z.number(),
          created: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      const upgrade = await audited(
        auditor,
        'template-upgrade',
        { credentials },
        async () => {
          const { entity, entityRef } = await authorize(
            credentials,
            actionEntityRef(input.entityRef),
            overviewTemplateUpgradePermission,
          );
          const result = await upgrader.open(entity, credentials);
          return { result, meta: { entityRef, ...result } };
        },
      );
      return { output: upgrade };
    },
  });
}
