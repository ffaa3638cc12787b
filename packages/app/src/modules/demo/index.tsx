import {
  AppRootElementBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { DemoBanner } from './DemoBanner';

/** The banner `./forja start --demo` shows on every page. */
export const demoModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    AppRootElementBlueprint.make({
      name: 'demo-banner',
      params: { element: <DemoBanner /> },
    }),
  ],
});
