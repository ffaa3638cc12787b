import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Replaces the Kubernetes plugin's entity content with one that explains setup. */
export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [
    EntityContentBlueprint.make({
      name: 'kubernetes',
      params: {
        path: '/kubernetes',
        title: 'Kubernetes',
        group: 'deployment',
        filter: {
          $any: [
            { 'metadata.annotations.backstage.io/kubernetes-id': { $exists: true } },
            {
              'metadata.annotations.backstage.io/kubernetes-label-selector': {
                $exists: true,
              },
            },
          ],
        },
        loader: () => import('./KubernetesTab').then(m => <m.KubernetesTab />),
      },
    }),
  ],
});
