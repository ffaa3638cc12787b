import { Entity } from '@backstage/catalog-model';
import {
  FORJA_ANNOTATION_CLOUD,
  FORJA_ANNOTATION_COST_NODE_MACHINE,
  FORJA_ANNOTATION_REGION,
  FORJA_ANNOTATION_TERRAFORM_DIR,
} from '@forja/plugin-cost-common';
import { Cloud, Estimate } from '@forja/plugin-cost-node';
import {
  environmentNameProblem,
  resolveSource,
  SourceLocation,
} from '@forja/plugin-forja-node';
import { KubernetesTarget } from './part';
import { annotation } from './sources';

const CLOUDS = new Set(['aws', 'azure', 'gcp']);

/**
 * Where an entity's pods run in an environment: its (or its system's) cloud and region,
 * and the node machine it names, else the largest node pool its system's Terraform
 * declares for that environment. Undefined without a known cloud and region.
 */
export async function kubernetesTarget(
  entity: Entity,
  environment: string,
  options: {
    /** The entity's system, read once however often asked. */
    system: () => Promise<Entity | undefined>;
    /** The estimate of a Terraform folder for an environment (undefined when it failed). */
    terraformEstimate: (
      source: SourceLocation,
      environment: string,
    ) => Promise<Estimate | undefined>;
  },
): Promise<KubernetesTarget | undefined> {
  let cloud = annotation(entity, FORJA_ANNOTATION_CLOUD);
  let region = annotation(entity, FORJA_ANNOTATION_REGION);
  let machine = annotation(entity, FORJA_ANNOTATION_COST_NODE_MACHINE);
  if (!cloud || !region || !machine) {
    const system = await options.system();
    const terraform =
      system && annotation(system, FORJA_ANNOTATION_TERRAFORM_DIR);
    let source: SourceLocation | undefined;
    try {
      source = terraform ? resolveSource(system!, terraform) : undefined;
    } catch {
      // The system's own estimate says why; its node pools are unknown here.
    }
    const pool =
      source && environmentNameProblem(environment) === undefined
        ? (await options.terraformEstimate(source, environment))?.projects[0]
            ?.nodePools?.[0]
        : undefined;
    cloud ??=
      (system && annotation(system, FORJA_ANNOTATION_CLOUD)) ?? pool?.cloud;
    region ??=
      (system && annotation(system, FORJA_ANNOTATION_REGION)) ?? pool?.region;
    if (pool?.cloud === cloud) machine ??= pool?.machine;
  }
  if (!cloud || !region || !CLOUDS.has(cloud)) return undefined;
  return { cloud: cloud as Cloud, region, machine };
}
