import { CodeSnippet, InfoCard } from '@backstage/core-components';
import Typography from '@mui/material/Typography';

const exampleConfig = (kubernetesId: string) => `kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: production
          url: https://<your cluster's API server>
          authProvider: serviceAccount
          serviceAccountToken: \${K8S_PRODUCTION_TOKEN}
          caData: \${K8S_PRODUCTION_CA}
# Objects are found by the label backstage.io/kubernetes-id=${kubernetesId}`;

/** Shown instead of the Kubernetes content when the backend has no cluster configured. */
export function KubernetesSetupHint(props: { kubernetesId?: string }) {
  const kubernetesId = props.kubernetesId ?? '<component name>';
  return (
    <InfoCard title="Connect a Kubernetes cluster">
      <Typography variant="body1" paragraph>
        Forja has no Kubernetes cluster configured yet, so there is nothing to
        show for this component. Create the read-only service account shipped in{' '}
        <code>k8s/kubernetes-plugin-reader.yaml</code>, then add the cluster and
        its token to the backend configuration (the token never reaches the
        browser):
      </Typography>
      <CodeSnippet
        language="yaml"
        text={exampleConfig(kubernetesId)}
        showCopyCodeButton
      />
      <Typography variant="body2" sx={{ mt: 2 }}>
        Label the workloads with{' '}
        <code>backstage.io/kubernetes-id: {kubernetesId}</code> and restart the
        backend. See README.md, "Kubernetes".
      </Typography>
    </InfoCard>
  );
}
