import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Cloud,
  combineEstimates,
  Estimate,
  estimatePath,
  formatMarkdown,
  formatTable,
  PricingCatalog,
} from '@forja/plugin-cost-node';
import { TerraformModuleRepositories } from '@forja/plugin-forja-node';
import fs from 'fs-extra';
import path from 'node:path';
import { examples } from './createCostEstimateAction.examples';

/** Where generated repositories keep what the engine prices, tried in this order. */
const TERRAFORM_FOLDERS = ['terraform/environments', 'terraform'];
const KUSTOMIZE_FOLDERS = ['k8s/overlays'];

async function existingFolder(root: string, candidates: string[]) {
  for (const candidate of candidates) {
    const dir = path.join(root, candidate);
    if ((await fs.pathExists(dir)) && (await fs.stat(dir)).isDirectory()) {
      return dir;
    }
  }
  return undefined;
}

async function overlays(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir)).sort();
  const found: string[] = [];
  for (const name of names) {
    if (await fs.pathExists(path.join(dir, name, 'kustomization.yaml'))) {
      found.push(name);
    }
  }
  return found;
}

/**
 * forja:cost:estimate: prices the workspace before publishing (Terraform environments and
 * each Kustomize overlay's pods), logs the estimate in the task output and writes COST.md.
 */
export function createCostEstimateAction(options: {
  modules: TerraformModuleRepositories;
  pricingCatalog: PricingCatalog;
}) {
  return createTemplateAction({
    id: 'forja:cost:estimate',
    description:
      "Estimates the generated repository's monthly cost (Terraform and Kubernetes) and writes COST.md.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .regex(/^[\w./-]{1,200}$/)
            .optional()
            .describe(
              'Directory inside the workspace to price (default: the workspace)',
            ),
        cloud: z =>
          z
            .enum(['aws', 'azure', 'gcp'])
            .optional()
            .describe('Where the pods run, to price the Kustomize overlays'),
        region: z =>
          z
            .string()
            .regex(/^[a-z][a-z0-9-]{1,30}$/)
            .optional()
            .describe(
              'The region prices are taken from (us-east-1, brazilsouth)',
            ),
        nodeMachine: z =>
          z
            .string()
            .regex(/^[\w.-]{1,40}$/)
            .optional()
            .describe(
              'The node machine the pods run on (default: 4 vCPU, 16 GiB)',
            ),
        title: z =>
          z.string().max(100).optional().describe('Heading of COST.md'),
      },
      output: {
        totalMonthlyCost: z => z.string(),
        environments: z =>
          z
            .record(z.string(), z.string())
            .describe('Monthly cost per environment'),
        costFile: z => z.string(),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const estimates: Estimate[] = [];
      const terraform = await existingFolder(root, TERRAFORM_FOLDERS);
      if (terraform) {
        estimates.push(
          await estimatePath(terraform, {
            catalog: options.pricingCatalog,
            moduleRepositories: await options.modules.resolve(),
          }),
        );
      }
      const kustomize = await existingFolder(root, KUSTOMIZE_FOLDERS);
      if (kustomize && ctx.input.cloud && ctx.input.region) {
        for (const overlay of await overlays(kustomize)) {
          estimates.push(
            await estimatePath(path.join(kustomize, overlay), {
              catalog: options.pricingCatalog,
              kubernetes: {
                cloud: ctx.input.cloud as Cloud,
                region: ctx.input.region,
                machine: ctx.input.nodeMachine,
              },
              project: `${overlay} (pods)`,
              // An overlay reads its base (k8s/base): the folder priced bounds the build.
              readRoot: root,
            }),
          );
        }
      } else if (kustomize) {
        ctx.logger.warn(
          'forja:cost:estimate: the Kustomize overlays are not priced without cloud and region',
        );
      }
      const estimate = combineEstimates(estimates);
      for (const line of formatTable(estimate).trimEnd().split('\n')) {
        ctx.logger.info(line);
      }
      const costFile = path.join(root, 'COST.md');
      await fs.writeFile(costFile, formatMarkdown(estimate, ctx.input.title));
      const environments: Record<string, string> = {};
      for (const project of estimate.projects) {
        const environment = project.name.replace(/ \(pods\)$/, '');
        environments[environment] = (
          Number(environments[environment] ?? 0) +
          Number(project.breakdown.totalMonthlyCost)
        ).toFixed(2);
      }
      ctx.output(
        'totalMonthlyCost',
        Number(estimate.totalMonthlyCost).toFixed(2),
      );
      ctx.output('environments', environments);
      ctx.output('costFile', path.relative(ctx.workspacePath, costFile));
    },
  });
}
