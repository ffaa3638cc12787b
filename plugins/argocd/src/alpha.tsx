import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  ARGOCD_PLUGIN_ID,
  isArgoCdAvailable,
} from '@forja/plugin-argocd-common';
import { argoCdApiRef, ArgoCdClient } from './api';

const argoCdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: argoCdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ArgoCdClient(deps),
    }),
});

/** Shown on entities with argocd/app-name or argocd/app-selector only. */
const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isArgoCdAvailable,
    loader: () =>
      import('./components/ArgoCdOverviewCard').then(m => (
        <m.ArgoCdOverviewCard />
      )),
  },
});

const content = EntityContentBlueprint.make({
  params: {
    path: '/argocd',
    title: 'Argo CD',
    filter: isArgoCdAvailable,
    loader: () =>
      import('./components/ArgoCdContent').then(m => <m.ArgoCdContent />),
  },
});

/** Forja's Argo CD plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  extensions: [argoCdApi, overviewCard, content],
});
