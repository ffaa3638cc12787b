import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { KubernetesSetupHint } from './KubernetesSetupHint';

/** Renders the Kubernetes plugin's content, or how to configure a cluster when none is. */
export function KubernetesSetupGate(props: { children: ReactNode }) {
  const kubernetesApi = useApi(kubernetesApiRef);
  const { entity } = useEntity();
  const clusters = useAsync(() => kubernetesApi.getClusters(), [kubernetesApi]);

  if (clusters.loading) return <Progress />;
  // On an error the plugin's own content reports it, with its details.
  if (!clusters.error && clusters.value?.length === 0) {
    return (
      <KubernetesSetupHint
        kubernetesId={
          entity.metadata.annotations?.['backstage.io/kubernetes-id']
        }
      />
    );
  }
  return <>{props.children}</>;
}
