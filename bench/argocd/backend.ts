// The backend under test: Forja's Argo CD plugin and Backstage's proxy backend side by
// side in one real backend (catalog, guest sign-in), configured by run.ts.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));
backend.add(import('@forja/plugin-argocd-backend'));
backend.start();
