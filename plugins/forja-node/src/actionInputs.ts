import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { z as zodV3 } from 'zod/v3';

/** The `entityRef` input of Forja's actions (the actions registry builds schemas with zod v3). */
export const actionEntityRefInput = (z: typeof zodV3) =>
  z.string().min(3).max(400).describe('The entity, as kind:namespace/name');

/** An action's `entityRef` (`component:default/ms-auth`, kind and namespace required), normalized. */
export function actionEntityRef(value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
