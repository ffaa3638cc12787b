import { Entity } from '@backstage/catalog-model';
import {
  FORJA_ANNOTATION_KUSTOMIZE_DIR,
  FORJA_ANNOTATION_TERRAFORM_DIR,
} from '@forja/plugin-cost-common';
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
}

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
      refused.push({
        identity: `refused:${value}`,
        status: 'failed',
        message: `${key}: ${(error as Error).message}`,
      });
    }
  }
  return { sources, refused };
}
