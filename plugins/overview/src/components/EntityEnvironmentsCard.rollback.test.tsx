import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  EnvironmentColumn,
  EnvironmentsResponse,
} from '@forja/plugin-overview-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OverviewApi, overviewApiRef } from '../api';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';

const SHA_DEPLOYED = 'b'.repeat(40);
const SHA_EARLIER = 'a'.repeat(40);
const SHA_OLDEST = 'c'.repeat(40);

const column = (
  environment: string,
  revision: string | undefined,
): EnvironmentColumn => ({
  environment,
  argocd: {
    state: 'ok',
    value: {
      applications: revision
        ? [
            {
              instance: 'main',
              name: `ms-auth-${environment}`,
              syncStatus: 'Synced',
              healthStatus: 'Healthy',
              revision,
              url: `https://argocd.example.com/applications/argocd/ms-auth-${environment}`,
            },
          ]
        : [],
    },
  },
  kubernetes: { state: 'none' },
  overlay: { state: 'ok', value: { images: {}, replicas: {}, config: {} } },
  differences: [],
  promotable: false,
  promoteBlockedReason: 'the first environment receives new builds',
});

const environments: EnvironmentsResponse = {
  entityRef: 'component:default/ms-auth',
  sources: [],
  environments: [column('dev', undefined), column('staging', SHA_DEPLOYED)],
};

const entries = [
  {
    id: 3,
    revision: SHA_DEPLOYED,
    deployedAt: '2026-11-23T10:00:00Z',
    revisionMetadata: { message: 'Promote 1.3.0' },
  },
  // A Helm chart version is no commit: nothing to roll back to by pull request.
  { id: 2, revision: 'v1.2.5', deployedAt: '2026-11-22T12:00:00Z' },
  {
    id: 1,
    revision: SHA_EARLIER,
    deployedAt: '2026-11-22T10:00:00Z',
    revisionMetadata: { message: 'Promote 1.2.0\n\nbody' },
  },
  { id: 0, revision: SHA_OLDEST, deployedAt: '2026-11-21T10:00:00Z' },
];
/** What the dialog reads from Argo CD: the revision it runs now and its history. */
const history = { revision: SHA_DEPLOYED, history: entries };

// usePermission caches decisions per entity ref (SWR): one entity per case.
async function render(
  api: Partial<OverviewApi>,
  authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  name: string,
) {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'team-video' },
  };
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityEnvironmentsCard />
    </EntityProvider>,
    {
      apis: [
        [overviewApiRef, api as OverviewApi],
        [signalApiRef, { subscribe: () => ({ unsubscribe() {} }) }],
        [permissionApiRef, mockApis.permission({ authorize })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('Environments card: rollback', () => {
  it('reads the history only when opened, offers the earlier commits, and opens the pull request', async () => {
    const getDeploymentHistory = jest.fn(async () => history);
    const rollback = jest.fn(async () => ({
      pullRequestUrl: 'https://github.example.com/acme/ms-auth/pull/9',
      branch: 'rollback/staging-1.2.0',
      environment: 'staging',
      revision: SHA_EARLIER,
      tag: '1.2.0',
      created: true,
    }));
    await render(
      {
        getEnvironments: async () => environments,
        getDeploymentHistory,
        rollback,
      },
      AuthorizeResult.ALLOW,
      'rollback',
    );
    const button = await screen.findByRole('button', {
      name: 'Roll back staging…',
    });
    // dev has no deployment to go back from.
    expect(screen.getByText('no Argo CD deployment')).toBeInTheDocument();
    expect(getDeploymentHistory).not.toHaveBeenCalled();

    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    const choices = await within(dialog).findAllByRole('radio');
    // The deployed revision and the chart version are not offered; newest first.
    expect(choices.map(c => (c as HTMLInputElement).value)).toEqual([
      SHA_EARLIER,
      SHA_OLDEST,
    ]);
    expect(within(dialog).getByText(/Promote 1\.2\.0$/)).toBeInTheDocument();
    expect(getDeploymentHistory).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'rollback' },
      'main',
      'ms-auth-staging',
    );
    const open = within(dialog).getByRole('button', {
      name: 'Open pull request',
    });
    expect(open).toBeDisabled();

    await userEvent.click(choices[0]);
    await userEvent.click(open);
    expect(rollback).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'rollback' },
      'staging',
      SHA_EARLIER,
    );
    expect(
      await screen.findByRole('link', { name: 'rollback/staging-1.2.0' }),
    ).toHaveAttribute('href', 'https://github.example.com/acme/ms-auth/pull/9');
    expect(
      screen.getByText(/sets staging back to 1\.2\.0/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('leaves out what Argo CD runs now, not what the card last showed', async () => {
    // The card's cell is from before the last sync: it still shows the earlier commit.
    const stale: EnvironmentsResponse = {
      ...environments,
      environments: [column('dev', undefined), column('staging', SHA_EARLIER)],
    };
    await render(
      {
        getEnvironments: async () => stale,
        getDeploymentHistory: async () => history,
      },
      AuthorizeResult.ALLOW,
      'stale-card',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Roll back staging…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const choices = await within(dialog).findAllByRole('radio');
    expect(choices.map(c => (c as HTMLInputElement).value)).toEqual([
      SHA_EARLIER,
      SHA_OLDEST,
    ]);
  });

  it("shows the backend's refusal in the dialog", async () => {
    const refusal = Object.assign(new Error('Request failed with 409'), {
      body: { error: { message: 'staging already runs 1.2.0' } },
    });
    await render(
      {
        getEnvironments: async () => environments,
        getDeploymentHistory: async () => history,
        rollback: async () => {
          throw refusal;
        },
      },
      AuthorizeResult.ALLOW,
      'refused',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Roll back staging…' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click((await within(dialog).findAllByRole('radio'))[0]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    expect(
      await within(dialog).findByText('staging already runs 1.2.0'),
    ).toBeInTheDocument();
  });

  it('offers no rollback without the promote permission', async () => {
    const getDeploymentHistory = jest.fn(async () => history);
    await render(
      { getEnvironments: async () => environments, getDeploymentHistory },
      AuthorizeResult.DENY,
      'no-rollback',
    );
    expect(
      await screen.findByRole('table', { name: 'environments' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Roll back')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Roll back/ })).toBeNull();
    expect(getDeploymentHistory).not.toHaveBeenCalled();
  });
});
