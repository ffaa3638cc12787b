import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ApplicationDetail,
  ApplicationDiff,
  ApplicationSummary,
  ApplicationsResponse,
  InstanceStatus,
  EntityApplications,
} from '@forja/plugin-argocd-common';
import {
  ArgoCdApplication,
  ArgoCdClient,
  ArgoCdService,
} from '@forja/plugin-argocd-node';
import { upstreamStatus } from '@forja/plugin-forja-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AssertPointsBack } from './applicationOwnership';
import { readLocator } from './locator';
import { indexApplications } from './matching';
import { applicationDiff } from './resourceDiff';
import { resourcesWithSync } from './resources';
import { summarize } from './summary';

/** Revisions whose metadata is asked for (a ref or a SHA, nothing that changes the URL). */
const REVISION = /^[A-Za-z0-9_.\-/]{1,200}$/;

export type ApplicationOperation = 'sync' | 'refresh' | 'terminate';

export interface EntityApplicationsService {
  /** Every application of the entity, across its instances; a failing instance is reported, not thrown. */
  list(entity: Entity): Promise<ApplicationsResponse>;
  /**
   * The applications of many entities from one list of every application per instance
   * (matched here by name, selector, project and namespace): what an overview needs.
   */
  listMany(entities: Entity[]): Promise<EntityApplications[]>;
  /** Detail of one of the entity's applications: summary, resource tree and history. */
  detail(
    entity: Entity,
    instance: string,
    app: string,
    historyLimit: number,
  ): Promise<ApplicationDetail>;
  /**
   * What differs between the cluster and Git per managed resource of one of the
   * entity's applications (managed-resources), as YAML line diffs; Secrets' values hidden.
   */
  diff(entity: Entity, instance: string, app: string): Promise<ApplicationDiff>;
  /**
   * Syncs, refreshes or terminates the running operation of one of the entity's
   * applications (after the caller checked permission), only when the application
   * points back at the entity.
   */
  operate(
    entity: Entity,
    instance: string,
    app: string,
    operation: ApplicationOperation,
  ): Promise<ApplicationSummary>;
}

export function createEntityApplicationsService(options: {
  argocd: ArgoCdService;
  logger: LoggerService;
  assertPointsBack: AssertPointsBack;
}): EntityApplicationsService {
  const { argocd } = options;
  const configured = argocd.config.instances.map(i => i.name);

  /** Commit message and author, per revision: fetched only for rows shown. */
  const revisionMetadata = async (
    instance: string,
    app: string,
    revision?: string,
    appNamespace?: string,
  ) => {
    if (!revision || !REVISION.test(revision)) return undefined;
    try {
      return await argocd.revisionMetadata(
        instance,
        app,
        revision,
        appNamespace,
      );
    } catch (error) {
      options.logger.debug(
        `no revision metadata for ${app}@${revision}: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  };

  const ownedApplication = async (
    entity: Entity,
    instance: string,
    app: string,
  ) => {
    const locator = readLocator(entity, configured);
    const client = argocd.client(instance);
    if (!client || !locator.instances.includes(instance)) {
      throw new NotFoundError(
        `${entity.metadata.name} has no Argo CD instance ${instance}`,
      );
    }
    const { value } = await argocd.applications(instance, locator.query);
    const found = value.find(a => a.metadata.name === app);
    if (!found)
      throw new NotFoundError(
        `${app} is not one of ${entity.metadata.name}'s applications in ${instance}`,
      );
    return { client, locator, found };
  };

  return {
    async list(entity) {
      const locator = readLocator(entity, configured);
      if (!configured.length)
        return { configured: false, applications: [], instances: [] };
      const instances: InstanceStatus[] = [];
      const applications: ApplicationSummary[] = [];
      let oldest: string | undefined;
      await Promise.all(
        locator.instances.map(async name => {
          const client = argocd.client(name);
          if (!client) {
            instances.push({
              name,
              status: 'unavailable',
              message: `no Argo CD instance named ${name} is configured`,
            });
            return;
          }
          try {
            const { value: apps, fetchedAt } = await argocd.applications(
              name,
              locator.query,
            );
            if (!oldest || fetchedAt < oldest) oldest = fetchedAt;
            const summaries = await Promise.all(
              apps.map(async app => ({
                ...summarize(client.instance, app),
                revisionMetadata: await revisionMetadata(
                  name,
                  app.metadata.name,
                  app.status?.sync?.revision,
                  locator.query.appNamespace,
                ),
              })),
            );
            applications.push(...summaries);
            instances.push({ name, status: 'ok' });
          } catch (error) {
            instances.push({ name, ...upstreamStatus(error) });
          }
        }),
      );
      applications.sort((a, b) =>
        `${a.instance}/${a.name}`.localeCompare(`${b.instance}/${b.name}`),
      );
      instances.sort((a, b) => a.name.localeCompare(b.name));
      return { configured: true, applications, instances, fetchedAt: oldest };
    },

    async listMany(entities) {
      const located = entities.map(entity => {
        const entityRef = stringifyEntityRef(entity);
        try {
          return { entityRef, locator: readLocator(entity, configured) };
        } catch (error) {
          return { entityRef, error: (error as Error).message };
        }
      });
      const instanceNames = [
        ...new Set(located.flatMap(l => l.locator?.instances ?? [])),
      ];
      type InstanceList =
        | {
            client: ArgoCdClient;
            fetchedAt: string;
            apps: ReturnType<typeof indexApplications>;
          }
        | InstanceStatus;
      const lists = new Map<string, InstanceList>(
        await Promise.all(
          instanceNames.map(async (name): Promise<[string, InstanceList]> => {
            const client = argocd.client(name);
            if (!client) {
              const message = `no Argo CD instance named ${name} is configured`;
              return [name, { name, status: 'unavailable', message }];
            }
            try {
              const { value: apps, fetchedAt } = await argocd.applications(
                name,
              );
              return [
                name,
                { client, fetchedAt, apps: indexApplications(apps) },
              ];
            } catch (error) {
              return [name, { name, ...upstreamStatus(error) }];
            }
          }),
        ),
      );
      return located.map(({ entityRef, locator, error }) => {
        if (!locator) return { entityRef, error };
        const instances: InstanceStatus[] = [];
        const applications: ApplicationSummary[] = [];
        let oldest: string | undefined;
        for (const instance of locator.instances) {
          const list = lists.get(instance)!;
          if (!('apps' in list)) {
            instances.push(list);
            continue;
          }
          if (!oldest || list.fetchedAt < oldest) oldest = list.fetchedAt;
          applications.push(
            ...list.apps
              .select(locator.query)
              .map(app => summarize(list.client.instance, app)),
          );
          instances.push({ name: instance, status: 'ok' });
        }
        return {
          entityRef,
          applications: {
            configured: configured.length > 0,
            applications,
            instances,
            fetchedAt: oldest,
          },
        };
      });
    },

    async detail(entity, instance, app, historyLimit) {
      const { client, locator, found } = await ownedApplication(
        entity,
        instance,
        app,
      );
      const ns = locator.query.appNamespace;
      const [full, tree] = await Promise.all([
        client.getApplication(app, ns),
        client.getResourceTree(app, ns),
      ]);
      const history = [...(full.status?.history ?? [])]
        .reverse()
        .slice(0, historyLimit);
      return {
        application: summarize(client.instance, found),
        resources: resourcesWithSync(full, tree.nodes ?? []),
        history: await Promise.all(
          history.map(async row => ({
            id: row.id,
            revision: row.revision,
            deployedAt: row.deployedAt,
            revisionMetadata: await revisionMetadata(
              instance,
              app,
              row.revision,
              ns,
            ),
          })),
        ),
      };
    },

    async diff(entity, instance, app) {
      const { client, locator } = await ownedApplication(entity, instance, app);
      const items = await client.getManagedResources(
        app,
        locator.query.appNamespace,
      );
      return applicationDiff(app, items);
    },

    async operate(entity, instance, app, operation) {
      const { client, locator, found } = await ownedApplication(
        entity,
        instance,
        app,
      );
      await options.assertPointsBack(entity, found);
      const ns = locator.query.appNamespace;
      let result: ArgoCdApplication;
      if (operation === 'sync') result = await client.sync(app, ns);
      else if (operation === 'refresh') result = await client.refresh(app, ns);
      else {
        await client.terminateOperation(app, ns);
        result = await client.getApplication(app, ns);
      }
      await argocd.forgetApplications(instance, locator.query);
      return summarize(client.instance, result);
    },
  };
}
