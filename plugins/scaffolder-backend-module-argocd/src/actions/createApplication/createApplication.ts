import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, isError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ARGOCD_OBJECT_NAME,
  argocdApplicationCreatePermission,
  FORJA_ANNOTATION_ENTITY_REF,
} from '@forja/plugin-argocd-common';
import {
  ArgoCdAppProject,
  ArgoCdApplication,
  ArgoCdClient,
  ArgoCdService,
} from '@forja/plugin-argocd-node';
import yaml from 'yaml';
import { examples } from './createApplication.examples';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const IN_CLUSTER = 'https://kubernetes.default.svc';
const KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** `kind:namespace/name`, as the catalog spells entity refs. */
const ENTITY_REF = /^[A-Za-z]+:[a-z0-9-]{1,63}\/[A-Za-z0-9._-]{1,253}$/;

// Patterns rather than refinements: the scaffolder checks input against the JSON schema
// derived from these, and refinements do not survive that conversion.
/** An https URL without credentials, query or fragment. */
const HTTPS_URL =
  /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~%+/-]*)?$/;
/** A path inside the repository: relative, without `.` or `..` segments (or exactly `.`). */
const REPOSITORY_PATH =
  /^(\.|(?!(.*\/)?\.{1,2}(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*)$/;

const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Application and project as Forja creates them. */
export function applicationManifests(input: {
  appName: string;
  appNamespace: string;
  projectName: string;
  repoUrl: string;
  path: string;
  targetRevision: string;
  destinationServer: string;
  namespace: string;
  labels: Record<string, string>;
  entityRef?: string;
  autoSync: boolean;
  description: string;
}): { project: ArgoCdAppProject; application: ArgoCdApplication } {
  const source = {
    repoURL: input.repoUrl,
    path: input.path,
    targetRevision: input.targetRevision,
  };
  const destination = {
    server: input.destinationServer,
    namespace: input.namespace,
  };
  return {
    // Namespaced resources only, from this repository into this namespace.
    project: {
      metadata: { name: input.projectName, namespace: input.appNamespace },
      spec: {
        description: input.description,
        sourceRepos: [input.repoUrl],
        destinations: [destination],
        clusterResourceWhitelist: [],
      },
    },
    application: {
      metadata: {
        name: input.appName,
        namespace: input.appNamespace,
        labels: input.labels,
        ...(input.entityRef
          ? {
              annotations: {
                [FORJA_ANNOTATION_ENTITY_REF]:
                  input.entityRef.toLocaleLowerCase('en-US'),
              },
            }
          : {}),
      },
      spec: {
        project: input.projectName,
        source,
        destination,
        syncPolicy: {
          ...(input.autoSync
            ? { automated: { prune: true, selfHeal: true } }
            : {}),
          syncOptions: ['CreateNamespace=true'],
        },
      },
    },
  };
}

/** What an application says it belongs to: Forja's write rule reads these two. */
function pointer(labels?: Record<string, string>, entityRef?: string) {
  return {
    kubernetesId: labels?.[KUBERNETES_ID],
    entityRef: entityRef?.toLocaleLowerCase('en-US'),
  };
}

const describePointer = (p: ReturnType<typeof pointer>) =>
  `${
    p.kubernetesId
      ? `${KUBERNETES_ID} ${p.kubernetesId}`
      : `no ${KUBERNETES_ID}`
  }, ${
    p.entityRef
      ? `${FORJA_ANNOTATION_ENTITY_REF} ${p.entityRef}`
      : `no ${FORJA_ANNOTATION_ENTITY_REF}`
  }`;

async function findExisting<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (isError(error) && error.name === 'NotFoundError') return undefined;
    throw error;
  }
}

/**
 * `argocd:create-application`: an AppProject (when missing) and an Application through the
 * Argo CD API of a configured instance. Running it again with the same input changes
 * nothing; an existing application with another source or destination, or pointing at
 * another entity (its `backstage.io/kubernetes-id` label or `forja.dev/entity-ref`
 * annotation, which Forja's sync and refresh check), is refused, never overwritten or
 * taken over. Needs `argocd.application.create`.
 */
export function createArgoCdApplicationAction(options: {
  argocd: ArgoCdService;
  permissions: PermissionsService;
}) {
  const { argocd, permissions } = options;
  return createTemplateAction({
    id: 'argocd:create-application',
    description:
      'Creates an Argo CD AppProject (when missing) and Application through the API; idempotent.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: z =>
          z
            .string()
            .max(100)
            .optional()
            .describe(
              'Name of a configured Argo CD instance (argocd.appLocatorMethods); default: the only one',
            ),
        appName: z =>
          z
            .string()
            .max(63)
            .regex(ARGOCD_OBJECT_NAME, 'must be a Kubernetes object name')
            .describe('Application name'),
        appNamespace: z =>
          z
            .string()
            .max(63)
            .regex(NAMESPACE, 'must be a DNS-1123 label')
            .optional()
            .describe('Namespace of the Application object; default: argocd'),
        projectName: z =>
          z
            .string()
            .max(63)
            .regex(ARGOCD_OBJECT_NAME, 'must be a Kubernetes object name')
            .describe('AppProject to create or use'),
        repoUrl: z =>
          z
            .string()
            .max(500)
            .regex(
              HTTPS_URL,
              'must be an https Git URL without credentials, query or fragment',
            )
            .describe('Git repository Argo CD syncs from'),
        path: z =>
          z
            .string()
            .max(500)
            .regex(
              REPOSITORY_PATH,
              'must be a relative path inside the repository, without ".."',
            )
            .describe('Directory in the repository, such as k8s/overlays/dev'),
        targetRevision: z =>
          z
            .string()
            .regex(
              /^[A-Za-z0-9_.\-/]{1,200}$/,
              'must be a branch, tag or commit',
            )
            .optional()
            .describe('Default: HEAD'),
        destinationServer: z =>
          z
            .string()
            .regex(HTTPS_URL, 'must be an https URL')
            .optional()
            .describe(
              `Cluster API URL as Argo CD knows it; default: ${IN_CLUSTER}`,
            ),
        namespace: z =>
          z
            .string()
            .max(63)
            .regex(NAMESPACE, 'must be a DNS-1123 label')
            .describe('Namespace the application deploys into'),
        labels: z =>
          z
            .record(
              z.string().regex(LABEL_KEY, 'must be a label key'),
              z.string().regex(LABEL_VALUE, 'must be a label value'),
            )
            .optional()
            .describe(
              'Labels on the Application, such as backstage.io/kubernetes-id for argocd/app-selector',
            ),
        entityRef: z =>
          z
            .string()
            .max(400)
            .regex(ENTITY_REF, 'must be an entity ref, kind:namespace/name')
            .optional()
            .describe(
              `The catalog entity the application belongs to, set as its ${FORJA_ANNOTATION_ENTITY_REF} annotation: Forja syncs and refreshes an application only for the entity it points back at`,
            ),
        autoSync: z =>
          z
            .boolean()
            .optional()
            .describe('Automated sync with prune and self-heal; default: true'),
      },
      output: {
        instance: z => z.string(),
        applicationName: z => z.string(),
        projectName: z => z.string(),
        url: z => z.string(),
        applicationCreated: z => z.boolean(),
        projectCreated: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await permissions.authorize(
        [{ permission: argocdApplicationCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed to ${argocdApplicationCreatePermission.name}`,
        );
      }

      if (
        ctx.input.entityRef !== undefined &&
        !ENTITY_REF.test(ctx.input.entityRef)
      ) {
        throw new InputError(
          `entityRef: "${ctx.input.entityRef}" is not an entity ref (kind:namespace/name)`,
        );
      }
      const configured = argocd.config.instances.map(i => i.name);
      const instanceName =
        ctx.input.instance ?? (configured.length === 1 ? configured[0] : '');
      const client: ArgoCdClient | undefined = argocd.client(instanceName);
      if (!client) {
        throw new InputError(
          `instance: ${
            ctx.input.instance
              ? `"${ctx.input.instance}" is not a configured Argo CD instance`
              : 'required when more than one instance is configured'
          } (configured: ${configured.join(', ') || 'none'})`,
        );
      }
      const input = {
        ...ctx.input,
        appNamespace: ctx.input.appNamespace ?? 'argocd',
        targetRevision: ctx.input.targetRevision ?? 'HEAD',
        destinationServer: ctx.input.destinationServer ?? IN_CLUSTER,
        labels: ctx.input.labels ?? {},
        autoSync: ctx.input.autoSync ?? true,
        description: `Created by Forja (task ${ctx.task.id})`,
      };
      const { project, application } = applicationManifests(input);
      const frontendUrl = client.instance.frontendUrl ?? client.instance.url;
      const url = `${frontendUrl}/applications/${input.appNamespace}/${input.appName}`;
      const outputs = (
        applicationCreated: boolean,
        projectCreated: boolean,
      ) => {
        ctx.output('instance', instanceName);
        ctx.output('applicationName', input.appName);
        ctx.output('projectName', input.projectName);
        ctx.output('url', url);
        ctx.output('applicationCreated', applicationCreated);
        ctx.output('projectCreated', projectCreated);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create in ${instanceName}, when missing:\n${yaml.stringify(
            {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'AppProject',
              ...project,
            },
          )}---\n${yaml.stringify({
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            ...application,
          })}`,
        );
        outputs(false, false);
        return;
      }

      const existingApp = await findExisting(() =>
        client.getApplication(input.appName, input.appNamespace),
      );
      if (existingApp) {
        const { spec } = existingApp;
        const same =
          spec?.project === input.projectName &&
          sameJson(
            [
              spec?.source?.repoURL,
              spec?.source?.path,
              spec?.source?.targetRevision,
            ],
            [input.repoUrl, input.path, input.targetRevision],
          ) &&
          sameJson(
            [spec?.destination?.server, spec?.destination?.namespace],
            [input.destinationServer, input.namespace],
          );
        if (!same) {
          throw new InputError(
            `appName: application ${input.appName} already exists in ${instanceName} with another project, source or destination; Forja does not overwrite it`,
          );
        }
        const existingPointer = pointer(
          existingApp.metadata.labels,
          existingApp.metadata.annotations?.[FORJA_ANNOTATION_ENTITY_REF],
        );
        if (
          !sameJson(existingPointer, pointer(input.labels, input.entityRef))
        ) {
          throw new InputError(
            `appName: application ${
              input.appName
            } already exists in ${instanceName} and points at another entity (${describePointer(
              existingPointer,
            )}); Forja does not take it over`,
          );
        }
        ctx.logger.info(
          `Application ${input.appName} already exists in ${instanceName} as requested; nothing to do`,
        );
        outputs(false, false);
        return;
      }

      const existingProject = await findExisting(() =>
        client.getProject(input.projectName),
      );
      if (existingProject) {
        ctx.logger.info(
          `Using the existing project ${input.projectName} in ${instanceName}`,
        );
      } else {
        await ctx.checkpoint({
          key: `argocd-project-${instanceName}-${input.projectName}`,
          fn: async () => {
            await client.createProject(project);
          },
        });
        ctx.logger.info(
          `Created project ${input.projectName} in ${instanceName}`,
        );
      }
      await ctx.checkpoint({
        key: `argocd-application-${instanceName}-${input.appName}`,
        fn: async () => {
          await client.createApplication(application);
        },
      });
      ctx.logger.info(`Created application ${input.appName}: ${url}`);
      outputs(true, !existingProject);
    },
  });
}
