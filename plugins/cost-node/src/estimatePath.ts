import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  loadTerraform,
  ResourceInstance,
  TerraformProblem,
} from './hcl/loadTerraform';
import { isSelected, ModuleSelection } from './hcl/moduleSelection';
import { kustomizeBuild } from './kubernetes/kustomizeBuild';
import { priceWorkloads } from './kubernetes/priceWorkloads';
import { isTerraformPlan, readPlan } from './plan/readPlan';
import { loadCatalog } from './price/catalog';
import { compareClouds, nodePoolsOf } from './price/compare';
import { combineEstimates, estimate, Estimate } from './price/estimate';
import { Cloud, PricingCatalog, UsageFile } from './price/types';
import { readUsageFileIn } from './price/usageFile';

export interface EstimatePathOptions {
  catalog?: PricingCatalog;
  /** Usage values; without them, a folder's own infracost-usage.yml (usageFile.ts). */
  usage?: UsageFile;
  /** Local checkouts for Git module sources (see loadTerraform). */
  moduleRepositories?: Record<string, string>;
  /** Where manifests run, to price their workloads. */
  kubernetes?: {
    cloud: Cloud;
    region: string;
    machine?: string;
    nodes?: number;
  };
  /** The project name (default: the path's base name). */
  project?: string;
  /**
   * Nothing outside this folder is read: a Kustomize build's paths (nothing remote either,
   * see kustomizeBuild; default: the Kustomize directory itself) and local Terraform
   * module sources (default: unbounded, for a checkout on one's own machine).
   */
  readRoot?: string;
  /**
   * Terraform: price only these root modules' resources, or all but them (see
   * ModuleSelection); default: everything. Problems found reading the folder are kept.
   */
  modules?: ModuleSelection;
}

const hasExtension = (names: string[], pattern: RegExp) =>
  names.some(name => pattern.test(name));

/** Terraform resources priced, with the same architecture compared on the three clouds. */
function estimateResources(
  name: string,
  loaded: { resources: ResourceInstance[]; problems?: TerraformProblem[] },
  options: EstimatePathOptions,
  catalog: PricingCatalog,
): Estimate {
  const { modules } = options;
  const resources = modules
    ? loaded.resources.filter(r => isSelected(r.address, modules))
    : loaded.resources;
  const result = estimate({
    project: name,
    resources,
    problems: loaded.problems,
    catalog,
    usage: options.usage,
  });
  result.projects[0].comparison = compareClouds({
    resources,
    catalog,
    usage: options.usage,
  });
  result.projects[0].nodePools = nodePoolsOf(resources);
  return result;
}

async function estimateTerraformDir(
  dir: string,
  name: string,
  options: EstimatePathOptions,
  catalog: PricingCatalog,
): Promise<Estimate> {
  const loaded = await loadTerraform(dir, {
    moduleRepositories: options.moduleRepositories,
    root: options.readRoot,
  });
  return estimateResources(name, loaded, options, catalog);
}

function estimateManifests(
  manifests: string,
  name: string,
  options: EstimatePathOptions,
  catalog: PricingCatalog,
): Estimate {
  if (!options.kubernetes) {
    throw new Error(
      `${name}: pricing Kubernetes manifests needs the cloud and region they run in`,
    );
  }
  return priceWorkloads({
    project: name,
    manifests,
    catalog,
    usage: options.usage,
    ...options.kubernetes,
  });
}

/**
 * Prices what a path declares: a Terraform directory (or a directory of them, one project
 * each, such as `environments/`), a plan JSON file, Kubernetes manifests, or a Kustomize
 * directory (built with `kubectl kustomize` by kustomizeBuild: local files under
 * `readRoot` only, with a time limit and a bounded output).
 */
export async function estimatePath(
  target: string,
  options: EstimatePathOptions = {},
): Promise<Estimate> {
  const catalog = options.catalog ?? loadCatalog();
  const name = options.project ?? path.basename(path.resolve(target));
  const stat = await fs.stat(target);
  if (stat.isFile()) {
    const text = await fs.readFile(target, 'utf8');
    if (/\.json$/.test(target)) {
      const json = JSON.parse(text);
      if (!isTerraformPlan(json)) {
        throw new Error(
          `${target}: not a Terraform plan (terraform show -json)`,
        );
      }
      return estimateResources(
        name,
        { resources: readPlan(json, target) },
        options,
        catalog,
      );
    }
    if (/\.ya?ml$/.test(target))
      return estimateManifests(text, name, options, catalog);
    throw new Error(
      `${target}: expected a directory, a plan .json or manifests .yaml`,
    );
  }
  const names = await fs.readdir(target);
  if (!options.usage) {
    const usage = await readUsageFileIn(target);
    if (usage) return estimatePath(target, { ...options, usage });
  }
  if (
    names.includes('kustomization.yaml') ||
    names.includes('kustomization.yml')
  ) {
    const manifests = await kustomizeBuild(target, {
      root: options.readRoot ?? target,
    });
    return estimateManifests(manifests, name, options, catalog);
  }
  if (hasExtension(names, /\.tf$/)) {
    return estimateTerraformDir(target, name, options, catalog);
  }
  const children: string[] = [];
  for (const child of names.sort()) {
    const dir = path.join(target, child);
    if (!(await fs.stat(dir)).isDirectory()) continue;
    if (hasExtension(await fs.readdir(dir), /\.tf$/)) children.push(child);
  }
  if (!children.length) {
    throw new Error(`${target}: no Terraform, plan or manifests found`);
  }
  return combineEstimates(
    await Promise.all(
      children.map(child =>
        estimateTerraformDir(path.join(target, child), child, options, catalog),
      ),
    ),
  );
}
