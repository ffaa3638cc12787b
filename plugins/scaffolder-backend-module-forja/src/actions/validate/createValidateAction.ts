import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TerraformModuleRepositories } from '@forja/plugin-forja-node';
import { formatFinding } from '../../validate/types';
import { validateWorkspace } from '../../validate/validateWorkspace';
import { examples } from './createValidateAction.examples';

const SHOWN_IN_ERROR = 10;

/**
 * forja:validate: terraform fmt, HCL and reference checks, kustomize builds with schema
 * validation, and actionlint; with `environmentPath`, the service's deployability in the
 * environment it targets. Any problem fails the task before publishing.
 */
export function createValidateAction(options: {
  /** The local copies of the repositories generated Terraform takes modules from. */
  modules: TerraformModuleRepositories;
}) {
  return createTemplateAction({
    id: 'forja:validate',
    description:
      'Validates generated Terraform, Kustomize, Kubernetes/Argo CD manifests and GitHub Actions workflows.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory inside the workspace to validate (default: the workspace)',
            ),
        environmentPath: z =>
          z
            .string()
            .optional()
            .describe(
              "Directory inside the workspace holding the target environment's repository (fetched by an earlier step): the service is then checked for deployability in each environment both have",
            ),
        serviceRepoUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe(
              "The service repository's clone URL, which its Argo CD Applications and the environment's Argo CD must name",
            ),
      },
      output: {
        terraformFiles: z => z.number(),
        kustomizations: z => z.number(),
        kubernetesObjects: z => z.number(),
        workflows: z => z.number(),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const report = await validateWorkspace(root, {
        moduleRepositories: await options.modules.resolve(),
        environment: ctx.input.environmentPath
          ? {
              root: resolveSafeChildPath(
                ctx.workspacePath,
                ctx.input.environmentPath,
              ),
              serviceRepoUrl: ctx.input.serviceRepoUrl,
            }
          : undefined,
      });
      const { checked, findings } = report;
      ctx.logger.info(
        `forja:validate checked ${checked.terraformFiles} Terraform files, ${checked.kustomizations} kustomizations (${checked.kubernetesObjects} objects), ${checked.workflows} workflows`,
      );
      if (findings.length) {
        findings.forEach(finding => ctx.logger.error(formatFinding(finding)));
        const shown = findings
          .slice(0, SHOWN_IN_ERROR)
          .map(formatFinding)
          .join('\n');
        const more =
          findings.length > SHOWN_IN_ERROR
            ? `\n… and ${findings.length - SHOWN_IN_ERROR} more`
            : '';
        throw new InputError(
          `forja:validate found ${findings.length} problem(s); nothing was published:\n${shown}${more}`,
        );
      }
      for (const [key, value] of Object.entries(checked)) {
        ctx.output(key as keyof typeof checked, value);
      }
    },
  });
}
