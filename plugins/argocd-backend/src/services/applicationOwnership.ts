import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FORJA_ANNOTATION_ENTITY_REF } from '@forja/plugin-argocd-common';
import { ArgoCdApplication } from '@forja/plugin-argocd-node';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Claimants named in a refusal; more are summarized. */
const CLAIMANTS_SHOWN = 5;

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/**
 * Before a write, checks that the application points back at the entity, not only the
 * entity at it (an entity's annotations are whatever its YAML says). It does when
 * - its `forja.dev/entity-ref` annotation is the entity's ref (refs are unique in the
 *   catalog), or
 * - its `backstage.io/kubernetes-id` label is the entity's `backstage.io/kubernetes-id`
 *   annotation and no other entity claims that id: a copied id makes the label say
 *   nothing, and the write is refused for every claimant until the application carries
 *   the annotation.
 * Anything else is a NotAllowedError (403), thrown before anything is sent upstream.
 */
export function createApplicationOwnership(options: {
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { catalog, auth } = options;

  const claimantsOf = async (kubernetesId: string) => {
    const { items } = await catalog.getEntities(
      {
        filter: { [`metadata.annotations.${KUBERNETES_ID}`]: kubernetesId },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return [...new Set(items.map(refOf))].sort();
  };

  return async function assertPointsBack(
    entity: Entity,
    app: ArgoCdApplication,
  ): Promise<void> {
    const entityRef = refOf(entity);
    const name = app.metadata.name;
    const named = app.metadata.annotations?.[FORJA_ANNOTATION_ENTITY_REF];
    if (named !== undefined) {
      if (named.trim().toLocaleLowerCase('en-US') === entityRef) return;
      throw new NotAllowedError(
        `${name} does not point back at ${entityRef}: its ${FORJA_ANNOTATION_ENTITY_REF} is ${named}`,
      );
    }
    const id = entity.metadata.annotations?.[KUBERNETES_ID]?.trim();
    const label = app.metadata.labels?.[KUBERNETES_ID];
    const howTo = `label it ${KUBERNETES_ID}=<the entity's ${KUBERNETES_ID}> or annotate it ${FORJA_ANNOTATION_ENTITY_REF}: ${entityRef}`;
    if (!id || label !== id) {
      throw new NotAllowedError(
        `${name} does not point back at ${entityRef}: its ${KUBERNETES_ID} label is ${
          label === undefined ? 'absent' : `"${label}"`
        }, the entity's annotation ${
          id ? `"${id}"` : 'absent'
        }; to let Forja write to it, ${howTo}`,
      );
    }
    const claimants = await claimantsOf(id);
    if (claimants.length === 1 && claimants[0] === entityRef) return;
    const shown = claimants.slice(0, CLAIMANTS_SHOWN).join(', ');
    const more =
      claimants.length > CLAIMANTS_SHOWN
        ? ` and ${claimants.length - CLAIMANTS_SHOWN} more`
        : '';
    throw new NotAllowedError(
      `${name} does not point back at ${entityRef} alone: ${KUBERNETES_ID} "${id}" is claimed by ${shown}${more}; annotate the application ${FORJA_ANNOTATION_ENTITY_REF}: ${entityRef}`,
    );
  };
}

export type AssertPointsBack = ReturnType<typeof createApplicationOwnership>;
