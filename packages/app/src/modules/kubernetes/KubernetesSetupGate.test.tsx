import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  KubernetesApi,
  kubernetesApiRef,
} from '@backstage/plugin-kubernetes-react';
import { screen } from '@testing-library/react';
import { KubernetesSetupGate } from './KubernetesSetupGate';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'ms-auth' },
  },
  spec: { type: 'service', owner: 'team-video', lifecycle: 'production' },
};

function kubernetesApi(clusters: { name: string; authProvider: string }[]) {
  const api: Partial<KubernetesApi> = {
    getClusters: jest.fn(async () => clusters),
  };
  return api as KubernetesApi;
}

async function renderTab(api: KubernetesApi) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <KubernetesSetupGate>
        <p>the Kubernetes plugin's content</p>
      </KubernetesSetupGate>
    </EntityProvider>,
    { apis: [[kubernetesApiRef, api]] },
  );
}

describe('KubernetesSetupGate', () => {
  it('explains how to configure a cluster when the backend has none', async () => {
    await renderTab(kubernetesApi([]));
    expect(
      await screen.findByText('Connect a Kubernetes cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage\.io\/kubernetes-id: ms-auth/).length,
    ).toBeGreaterThan(0);
  });

  it("shows the Kubernetes plugin's content when a cluster is configured", async () => {
    const api = kubernetesApi([
      { name: 'video-eks-dev', authProvider: 'serviceAccount' },
    ]);
    await renderTab(api);
    expect(
      await screen.findByText("the Kubernetes plugin's content"),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Connect a Kubernetes cluster'),
    ).not.toBeInTheDocument();
  });
});
