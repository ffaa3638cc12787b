import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { KubernetesSetupGate } from './KubernetesSetupGate';

/** The Kubernetes plugin's entity tab, wrapped so that it explains setup when no cluster is configured. */
const kubernetesContent = kubernetesPlugin
  .getExtension('entity-content:kubernetes/kubernetes')
  .override({
    *factory(originalFactory) {
      for (const output of originalFactory()) {
        if (output.id === coreExtensionData.reactElement.id) {
          yield coreExtensionData.reactElement(
            <KubernetesSetupGate>
              {output.value as JSX.Element}
            </KubernetesSetupGate>,
          );
        } else {
          yield output;
        }
      }
    },
  });

export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [kubernetesContent],
});
