// The backend under test: catalog, guest sign-in, Backstage's proxy backend and the Forja
// plugins named in BENCH_PLUGINS, side by side in one real backend configured by the run.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));
for (const plugin of (process.env.BENCH_PLUGINS ?? '').split(',')) {
  if (plugin) backend.add(import(plugin));
}
backend.start();
