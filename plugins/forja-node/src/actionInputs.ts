import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { z as zodV3 } from 'zod/v3';

/** The `entityRef` input of Forja's actions (the actions registry builds schemas with zod v3). */
export const actionEntityRefInput = (z: typeof zodV3) =>
  z.string().min(3).max(400).describe('The entity, as kind:namespace/name');

/**
 * An action's entity ref input (`component:default/ms-auth`, kind and namespace required),
 * normalized; a malformed one is an InputError naming the input `field`.
 */
export function actionEntityRef(value: string, field = 'entityRef'): string {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}
