import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_NAMESPACE,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  ARGOCD_ANNOTATION_INSTANCE_NAME,
  ARGOCD_ANNOTATION_PROJECT_NAME,
  ARGOCD_OBJECT_NAME,
} from '@forja/plugin-argocd-common';
import { ApplicationQuery } from '@forja/plugin-argocd-node';

const SELECTOR = /^[A-Za-z0-9_.\-/=!,() ]{1,500}$/;

/** What an entity's annotations ask for; they pick applications, never hosts. */
export interface Locator {
  /** The instances to ask: those the entity names, else every configured one. */
  instances: string[];
  query: ApplicationQuery;
}

/**
 * Reads the entity's `argocd/*` annotations (Roadie's and the community plugin's) into
 * a query; a value Forja would not send to Argo CD as it is is an InputError naming it.
 */
export function readLocator(entity: Entity, configured: string[]): Locator {
  const annotations = entity.metadata.annotations ?? {};
  const check = (key: string, pattern: RegExp) => {
    const value = annotations[key]?.trim();
    if (value !== undefined && value !== '' && !pattern.test(value)) {
      throw new InputError(
        `annotation ${key} has a value Forja does not send to Argo CD: "${value}"`,
      );
    }
    return value || undefined;
  };
  const query = {
    name: check(ARGOCD_ANNOTATION_APP_NAME, ARGOCD_OBJECT_NAME),
    selector: check(ARGOCD_ANNOTATION_APP_SELECTOR, SELECTOR),
    project: check(ARGOCD_ANNOTATION_PROJECT_NAME, ARGOCD_OBJECT_NAME),
    appNamespace: check(ARGOCD_ANNOTATION_APP_NAMESPACE, ARGOCD_OBJECT_NAME),
  };
  if (!query.name && !query.selector) {
    throw new InputError(
      `${entity.metadata.name} has neither ${ARGOCD_ANNOTATION_APP_NAME} nor ${ARGOCD_ANNOTATION_APP_SELECTOR}`,
    );
  }
  const named = annotations[ARGOCD_ANNOTATION_INSTANCE_NAME]?.split(',')
    .map(s => s.trim())
    .filter(Boolean);
  return { instances: named?.length ? named : configured, query };
}
