import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SvgIcon from '@mui/material/SvgIcon';
import { overviewApiRef, OverviewClient } from './api';
import {
  isEnvironmentsAvailable,
  isOverviewAvailable,
  isTemplateUpgradeAvailable,
} from './filters';

const overviewApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: overviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OverviewClient(deps),
    }),
});

/** The portal-wide overview, `/forja/overview`. */
export const overviewRouteRef = createRouteRef();

const overviewPage = PageBlueprint.make({
  params: {
    path: '/forja/overview',
    routeRef: overviewRouteRef,
    title: 'On-call overview',
    icon: (
      <SvgIcon>
        <path d="M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z" />
      </SvgIcon>
    ),
    loader: () =>
      import('./components/OverviewPage').then(m => <m.OverviewPage />),
  },
});

const overviewContent = EntityContentBlueprint.make({
  params: {
    path: '/overview',
    title: 'Overview',
    filter: isOverviewAvailable,
    loader: () =>
      import('./components/EntityOverviewContent').then(m => (
        <m.EntityOverviewContent />
      )),
  },
});

const environmentsCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    filter: isEnvironmentsAvailable,
    loader: () =>
      import('./components/EntityEnvironmentsCard').then(m => (
        <m.EntityEnvironmentsCard />
      )),
  },
});

const templateUpgradeCard = EntityCardBlueprint.make({
  name: 'template-upgrade',
  params: {
    filter: isTemplateUpgradeAvailable,
    loader: () =>
      import('./components/EntityTemplateUpgradeCard').then(m => (
        <m.EntityTemplateUpgradeCard />
      )),
  },
});

/** Forja's on-call overview for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'overview',
  routes: { root: overviewRouteRef },
  extensions: [
    overviewApi,
    overviewPage,
    overviewContent,
    environmentsCard,
    templateUpgradeCard,
  ],
});
