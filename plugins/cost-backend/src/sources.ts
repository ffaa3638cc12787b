import { Entity } from '@backstage/catalog-model';
import {
  FORJA_ANNOTATION_KUSTOMIZE_DIR,
  FORJA_ANNOTATION_TERRAFORM_DIR,
  FORJA_ANNOTATION_TERRAFORM_MODULES,
  FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE,
} from '@forja/plugin-cost-common';
import { ModuleSelection, moduleSelectionOf } from '@forja/plugin-cost-node';
import { resolveSource, SourceLocation } from '@forja/plugin-forja-node';
import { Kind, Part } from './part';

/** An annotation's trimmed value; blank counts as absent. */
export const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

export interface EntitySources {
  /** The folders the entity's `forja.dev/` annotations name, by kind. */
  sources: Array<[Kind, SourceLocation]>;
  /**
   * One failure per annotation naming a folder that cannot be read (outside the checkout
   * or repository, not `dir:`/`url:`): it fails every environment.
   */
  refused: Part[];
  /**
   * The Terraform folder's root modules the entity stands for (forja.dev/terraform-modules,
   * forja.dev/terraform-modules-exclude); undefined: the whole folder.
   */
  modules?: ModuleSelection;
}

const refusal = (value: string, message: string): Part => ({
  identity: `refused:${value}`,
  status: 'failed',
  message,
});

/** Where an entity's Terraform and Kustomize folders are (see resolveSource). */
export function entitySources(entity: Entity): EntitySources {
  const sources: Array<[Kind, SourceLocation]> = [];
  const refused: Part[] = [];
  for (const [kind, key] of [
    ['terraform', FORJA_ANNOTATION_TERRAFORM_DIR],
    ['kustomize', FORJA_ANNOTATION_KUSTOMIZE_DIR],
  ] as const) {
    const value = annotation(entity, key);
    if (!value) continue;
    try {
      sources.push([kind, resolveSource(entity, value)]);
    } catch (error) {
      refused.push(refusal(value, `${key}: ${(error as Error).message}`));
    }
  }
  let modules: ModuleSelection | undefined;
  try {
    modules = moduleSelectionOf(entity.metadata.annotations);
  } catch (error) {
    // A part of the folder that cannot be told is not priced as the whole folder.
    const message = (error as Error).message;
    return {
      sources: sources.filter(([kind]) => kind !== 'terraform'),
      refused: [...refused, refusal(message, message)],
    };
  }
  if (modules && !sources.some(([kind]) => kind === 'terraform')) {
    const message = `${
      'include' in modules
        ? FORJA_ANNOTATION_TERRAFORM_MODULES
        : FORJA_ANNOTATION_TERRAFORM_MODULES_EXCLUDE
    }: selects modules of ${FORJA_ANNOTATION_TERRAFORM_DIR}, which names no readable folder`;
    return { sources, refused: [...refused, refusal(message, message)] };
  }
  return { sources, refused, modules };
}
