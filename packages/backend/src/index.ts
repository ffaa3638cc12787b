/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  authModuleForjaGithubProvider,
  guestProviderInDevelopment,
} from './auth';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@forja/plugin-scaffolder-backend-module-forja'));

// Argo CD: per-entity sync, health and history; permissioned sync and refresh
backend.add(import('@forja/plugin-argocd-backend'));
backend.add(import('@forja/plugin-scaffolder-backend-module-argocd'));

// Grafana: dashboards, alerts and panel data per entity, tokens kept in the backend
backend.add(import('@forja/plugin-grafana-backend'));

// Cost: monthly estimates per entity and environment from the Terraform and manifests
// its source declares, and rollups for systems and groups
backend.add(import('@forja/plugin-cost-backend'));

// On-call overview: built from the Argo CD, Kubernetes, Grafana and cost backends
backend.add(import('@forja/plugin-overview-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin: GitHub sign-in (GitHub username -> User entity of that name; no entity, no
// sign-in), and guest sign-in only on the embedded development config (README, "Sign-in")
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(authModuleForjaGithubProvider);
backend.add(guestProviderInDevelopment);

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Forja's policy: reads for signed-in users; Argo CD sync and entity delete for owners and admins
backend.add(import('@forja/plugin-permission-backend-module-forja'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
