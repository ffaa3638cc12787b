import { promises as fs } from 'node:fs';
import path from 'node:path';
import { estimatePath, EstimatePathOptions } from '../estimatePath';
import { isInside } from '../paths';
import { Estimate } from '../price/estimate';

/** One project of a checkout (a Terraform directory, manifests or an overlay), priced. */
export interface PricedProject {
  /** Its path in the checkout, `/`-separated: the same on both sides of a pull request. */
  name: string;
  estimate: Estimate;
}

export type PriceCheckoutOptions = Omit<
  EstimatePathOptions,
  'project' | 'readRoot'
>;

const hasTerraform = (names: string[]) => names.some(n => n.endsWith('.tf'));
const isKustomization = (names: string[]) =>
  names.includes('kustomization.yaml') || names.includes('kustomization.yml');

/**
 * A path of the checkout as projects: itself when it holds Terraform, a kustomization or
 * is a file, else each child directory holding Terraform (`environments/` gives one
 * project per environment, as estimatePath does). A path absent from this side of the
 * pull request (an environment being added or removed) has no projects.
 */
async function projectsOf(
  checkout: string,
  relative: string,
): Promise<Array<{ name: string; target: string }>> {
  const target = path.resolve(checkout, relative);
  if (!isInside(target, path.resolve(checkout))) {
    throw new Error(`${relative}: outside the checkout; give a path inside it`);
  }
  const stat = await fs.stat(target).catch(() => undefined);
  if (!stat) return [];
  const name = path.relative(checkout, target).split(path.sep).join('/') || '.';
  if (stat.isFile()) return [{ name, target }];
  const names = await fs.readdir(target);
  if (hasTerraform(names) || isKustomization(names)) return [{ name, target }];
  const projects = [];
  for (const child of names.sort()) {
    const dir = path.join(target, child);
    if (!(await fs.stat(dir)).isDirectory()) continue;
    if (hasTerraform(await fs.readdir(dir))) {
      projects.push({
        name: name === '.' ? child : `${name}/${child}`,
        target: dir,
      });
    }
  }
  return projects;
}

/**
 * Prices paths of one checkout (one side of a pull request) with Forja's engine, offline:
 * nothing outside the checkout is read (local module sources, Terraform files and
 * Kustomize paths stay inside it, symlinks resolved), nothing is fetched (a Git module
 * source is read only from a local copy given in `moduleRepositories`).
 */
export async function priceCheckout(
  checkout: string,
  paths: string[],
  options: PriceCheckoutOptions = {},
): Promise<PricedProject[]> {
  const root = path.resolve(checkout);
  const priced: PricedProject[] = [];
  const seen = new Set<string>();
  for (const relative of paths) {
    for (const project of await projectsOf(root, relative)) {
      if (seen.has(project.name)) continue;
      seen.add(project.name);
      const estimate = await estimatePath(project.target, {
        ...options,
        project: project.name,
        readRoot: root,
      });
      priced.push({ name: project.name, estimate });
    }
  }
  return priced;
}
