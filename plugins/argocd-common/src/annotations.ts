import { Entity } from '@backstage/catalog-model';

/** The Argo CD Application's name (one application). */
export const ARGOCD_ANNOTATION_APP_NAME = 'argocd/app-name';
/** A label selector for the entity's applications, such as `backstage.io/kubernetes-id=orders`. */
export const ARGOCD_ANNOTATION_APP_SELECTOR = 'argocd/app-selector';
/** Comma-separated instance names to look in (default: every configured instance). */
export const ARGOCD_ANNOTATION_INSTANCE_NAME = 'argocd/instance-name';
/** Only applications of this Argo CD project. */
export const ARGOCD_ANNOTATION_PROJECT_NAME = 'argocd/project-name';
/** The namespace the Application objects live in (apps in any namespace). */
export const ARGOCD_ANNOTATION_APP_NAMESPACE = 'argocd/app-namespace';

/**
 * On an Argo CD Application: the ref of the catalog entity it belongs to, such as
 * `component:default/ms-auth`. Sync and refresh need the application to point back at the
 * entity (this annotation, or its `backstage.io/kubernetes-id` label); see the README.
 */
export const FORJA_ANNOTATION_ENTITY_REF = 'forja.dev/entity-ref';

/** A Kubernetes object name (DNS-1123 subdomain): what Argo CD accepts for applications and projects. */
export const ARGOCD_OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** True when the entity names its Argo CD applications by name or selector. */
export function isArgoCdAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ARGOCD_ANNOTATION_APP_NAME] ||
      annotations[ARGOCD_ANNOTATION_APP_SELECTOR],
  );
}
