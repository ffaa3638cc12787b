import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ApplicationDetail,
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

const SHA_DEPLOYED = 'b'.repeat(40);
const SHA_EARLIER = 'a'.repeat(40);

function fakeApi(
  response: ApplicationsResponse,
  history: ApplicationDetail['history'] = [
    {
      id: 1,
      revision: 'a1b2c3d4e5f6',
      deployedAt: '2026-11-23T10:00:00Z',
      revisionMetadata: { message: 'deploy: a1b2c3d', author: 'Ana Souza' },
    },
  ],
): ArgoCdApi & {
  operate: jest.Mock;
  getDiff: jest.Mock;
  rollback: jest.Mock;
} {
  return {
    getDiff: jest.fn(async (_entity, _instance, app) => ({
      application: app,
      resources: [
        {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'dev',
          name: `${app}-0`,
          hook: false,
          truncated: false,
          diff: [
            '@@ -3,4 +3,4 @@',
            ' spec:',
            '-  replicas: 1',
            '+  replicas: 2',
          ].join('\n'),
        },
      ],
      unchanged: 1,
      omitted: 0,
    })),
    rollback: jest.fn(async (_entity, environment, revision) => ({
      pullRequestUrl: 'https://github.example.com/acme/ms-auth/pull/7',
      branch: `rollback/${environment}-1.2.0`,
      environment,
      revision,
      tag: '1.2.0',
      created: true,
    })),
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
      history,
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

  it('shows what differs from Git for an out-of-sync application, line by line', async () => {
    const api = fakeApi(response);
    await render(<ArgoCdContent />, api, AuthorizeResult.ALLOW, 'diff');
    const diff = await screen.findByLabelText(
      'diff of Deployment dev/ms-auth-dev-0',
    );
    expect(diff.textContent).toContain('-  replicas: 1+  replicas: 2');
    expect(
      screen.getByText(/1 other managed resource in sync/),
    ).toBeInTheDocument();
    expect(api.getDiff).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'diff' },
      'main',
      'ms-auth-dev',
    );
  });

  it('asks for no diff of an application in sync', async () => {
    const api = fakeApi({
      ...response,
      applications: [summary('ms-auth-dev', 'dev')],
    });
    await render(<ArgoCdContent />, api, AuthorizeResult.ALLOW, 'synced');
    expect(
      await screen.findByRole('table', { name: 'Sync history' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Out of sync: live/)).not.toBeInTheDocument();
    expect(api.getDiff).not.toHaveBeenCalled();
  });

  it('offers Terminate only while an operation runs, and terminates after confirmation', async () => {
    const idle = fakeApi(response);
    await render(<ArgoCdContent />, idle, AuthorizeResult.ALLOW, 'idle');
    expect(
      await screen.findByRole('button', { name: 'Sync' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Terminate' }),
    ).not.toBeInTheDocument();
  });

  it('terminates the running operation after confirmation', async () => {
    const api = fakeApi({
      ...response,
      applications: [
        summary('ms-auth-dev', 'dev', {
          syncStatus: 'OutOfSync',
          operationPhase: 'Running',
        }),
      ],
    });
    await render(<ArgoCdContent />, api, AuthorizeResult.ALLOW, 'running');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Terminate' }),
    );
    expect(
      screen.getByText('Terminate the running operation of ms-auth-dev?'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Terminate',
      }),
    );
    expect(api.operate).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'running' },
      'main',
      'ms-auth-dev',
      'terminate',
    );
    expect(
      await screen.findByText(/Terminated the operation of ms-auth-dev/),
    ).toBeInTheDocument();
  });

  const rollbackHistory = [
    { id: 2, revision: SHA_DEPLOYED, deployedAt: '2026-11-23T10:00:00Z' },
    { id: 1, revision: SHA_EARLIER, deployedAt: '2026-11-22T10:00:00Z' },
  ];
  const deployed = {
    ...response,
    applications: [
      summary('ms-auth-staging', 'staging', { revision: SHA_DEPLOYED }),
    ],
  };

  it('rolls an environment back to an earlier revision by pull request', async () => {
    const api = fakeApi(deployed, rollbackHistory);
    await render(<ArgoCdContent />, api, AuthorizeResult.ALLOW, 'rollback');
    const history = await screen.findByRole('table', { name: 'Sync history' });
    // Only the earlier revision, not the one deployed.
    expect(within(history).getAllByRole('button')).toHaveLength(1);
    await userEvent.click(
      within(history).getByRole('button', {
        name: 'Roll back staging to aaaaaaa',
      }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Open pull request',
      }),
    );
    expect(api.rollback).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'rollback' },
      'staging',
      SHA_EARLIER,
    );
    expect(
      await screen.findByRole('link', {
        name: /^rollback\/staging-1\.2\.0 \(1\.2\.0\)/,
      }),
    ).toHaveAttribute('href', 'https://github.example.com/acme/ms-auth/pull/7');
  });

  it('offers no rollback without the permission, nor for a revision that is not a commit SHA', async () => {
    await render(
      <ArgoCdContent />,
      fakeApi(deployed, rollbackHistory),
      AuthorizeResult.DENY,
      'no-rollback',
    );
    const history = await screen.findByRole('table', { name: 'Sync history' });
    expect(within(history).queryAllByRole('button')).toEqual([]);

    await render(
      <ArgoCdContent />,
      fakeApi(deployed, [
        { id: 2, revision: SHA_DEPLOYED },
        { id: 1, revision: 'v1.2.0' },
      ]),
      AuthorizeResult.ALLOW,
      'tag-revision',
    );
    const tagged = (
      await screen.findAllByRole('table', { name: 'Sync history' })
    ).pop()!;
    expect(within(tagged).queryAllByRole('button')).toEqual([]);
  });
});
