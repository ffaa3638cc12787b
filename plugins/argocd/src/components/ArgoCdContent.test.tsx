import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ApplicationSummary,
  ApplicationsResponse,
} from '@forja/plugin-argocd-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ArgoCdApi, argoCdApiRef } from '../api';
import { ArgoCdContent } from './ArgoCdContent';
import { ArgoCdOverviewCard } from './ArgoCdOverviewCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    namespace: 'default',
    annotations: { 'argocd/app-selector': 'app=ms-auth' },
  },
  spec: { type: 'service', owner: 'team-video', lifecycle: 'production' },
};

const summary = (
  name: string,
  environment: string,
  overrides: Partial<ApplicationSummary> = {},
): ApplicationSummary => ({
  instance: 'main',
  name,
  namespace: 'argocd',
  project: 'video-system',
  environment,
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  revision: 'a1b2c3d4e5f6',
  revisionMetadata: {
    author: 'Ana Souza <ana@example.com>',
    message: 'deploy: a1b2c3d',
  },
  outOfSyncResources: 0,
  url: `https://argocd.example.com/applications/argocd/${name}`,
  ...overrides,
});

function fakeApi(
  response: ApplicationsResponse,
): ArgoCdApi & { operate: jest.Mock } {
  return {
    getApplications: jest.fn(async () => response),
    getApplication: jest.fn(async (_entity, _instance, app) => ({
      application: response.applications.find(a => a.name === app)!,
      resources: [
        {
          kind: 'Deployment',
          name: 'ms-auth',
          namespace: 'video-system',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
      history: [
        {
          id: 1,
          revision: 'a1b2c3d4e5f6',
          deployedAt: '2026-11-23T10:00:00Z',
          revisionMetadata: { message: 'deploy: a1b2c3d', author: 'Ana Souza' },
        },
      ],
    })),
    operate: jest.fn(
      async (_entity, _instance, app) =>
        response.applications.find(a => a.name === app)!,
    ),
  };
}

const response: ApplicationsResponse = {
  configured: true,
  applications: [
    summary('ms-auth-prod', 'prod', {
      healthStatus: 'Degraded',
      operationError: 'one or more objects failed to apply',
    }),
    summary('ms-auth-dev', 'dev', {
      syncStatus: 'OutOfSync',
      outOfSyncResources: 2,
    }),
  ],
  instances: [
    { name: 'main', status: 'ok' },
    {
      name: 'prod',
      status: 'unavailable',
      message: 'prod is unavailable: no answer within 10 s',
    },
  ],
};

async function render(
  element: JSX.Element,
  api: ArgoCdApi,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  name = 'ms-auth',
) {
  // usePermission caches decisions per entity ref across renders (SWR): one entity per case.
  const subject = { ...entity, metadata: { ...entity.metadata, name } };
  await renderInTestApp(
    <EntityProvider entity={subject}>{element}</EntityProvider>,
    {
      apis: [
        [argoCdApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
      ],
    },
  );
}

describe('ArgoCdOverviewCard', () => {
  it('lists applications by environment with their state, and the instance that failed', async () => {
    await render(<ArgoCdOverviewCard />, fakeApi(response));
    const rows = await screen.findAllByRole('row');
    expect(
      rows.slice(1).map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual(['dev', 'prod']);
    expect(screen.getByText('2 out of sync')).toBeInTheDocument();
    expect(
      screen.getByText('one or more objects failed to apply'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/deploy: a1b2c3d — Ana Souza/)).toHaveLength(2);
    expect(
      screen.getByText(
        /Unavailable: prod is unavailable: no answer within 10 s/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('ms-auth-dev').closest('a')).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/argocd/ms-auth-dev',
    );
  });

  it('explains how to configure Argo CD when the backend has no instance', async () => {
    await render(
      <ArgoCdOverviewCard />,
      fakeApi({ configured: false, applications: [], instances: [] }),
    );
    expect(
      await screen.findByText(/the backend has no Argo CD instance/),
    ).toBeInTheDocument();
  });
});

describe('ArgoCdContent', () => {
  it('syncs after confirmation when the user holds the sync permission', async () => {
    const api = fakeApi(response);
    await render(<ArgoCdContent />, api);
    await userEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    expect(screen.getByText('Sync ms-auth-dev?')).toBeInTheDocument();
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Sync' }),
    );
    expect(await screen.findByText(/Synced ms-auth-dev/)).toBeInTheDocument();
    expect(api.operate).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'ms-auth' },
      'main',
      'ms-auth-dev',
      'sync',
    );
    expect(
      await screen.findByRole('table', { name: 'Sync history' }),
    ).toHaveTextContent('deploy: a1b2c3d — Ana Souza');
    expect(screen.getByRole('table', { name: 'Resources' })).toHaveTextContent(
      'Deployment',
    );
  });

  it('shows no sync or refresh buttons without the permission', async () => {
    await render(
      <ArgoCdContent />,
      fakeApi(response),
      AuthorizeResult.DENY,
      'read-only',
    );
    expect(
      await screen.findByRole('table', { name: 'Sync history' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sync' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });
});
