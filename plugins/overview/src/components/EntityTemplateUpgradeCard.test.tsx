import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { TemplateUpgradeStatus } from '@forja/plugin-overview-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OverviewApi, overviewApiRef } from '../api';
import { EntityTemplateUpgradeCard } from './EntityTemplateUpgradeCard';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    namespace: 'default',
    annotations: {
      'backstage.io/source-template': 'template:default/forja-service',
    },
  },
  spec: { owner: 'team-video' },
};

const status: TemplateUpgradeStatus = {
  templateRef: 'template:default/forja-service',
  template: 'service',
  from: { version: '0', digest: `sha256:${'0'.repeat(64)}` },
  to: { version: '1', digest: `sha256:${'1'.repeat(64)}` },
  upgradeAvailable: true,
  conflicts: 1,
  files: [
    {
      path: 'k8s/base/deployment.yaml',
      change: 'modified',
      conflict: '1 conflicting region marked in the file',
      diff: '@@ -1,1 +1,5 @@\n-  revisionHistoryLimit: 10\n+<<<<<<< repository\n+  revisionHistoryLimit: 10\n+=======\n+  revisionHistoryLimit: 5\n+>>>>>>> template v1',
    },
    { path: 'NOTES.md', change: 'deleted', diff: '-Notes\n' },
  ],
};

const render = (api: Partial<OverviewApi>) =>
  renderInTestApp(
    <EntityProvider entity={component}>
      <EntityTemplateUpgradeCard />
    </EntityProvider>,
    {
      apis: [[overviewApiRef, api as OverviewApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('EntityTemplateUpgradeCard', () => {
  it('says which upgrade is available, lists the files with conflicts marked, and opens the pull request', async () => {
    const upgradeTemplate = jest.fn(async () => ({
      pullRequestUrl: 'https://github.com/acme/ms-auth/pull/3',
      branch: 'forja/upgrade-service-111111111111',
      from: '0',
      to: '1',
      conflicts: 1,
      created: true,
    }));
    const getTemplateUpgrade = jest.fn(async () => status);
    await render({ getTemplateUpgrade, upgradeTemplate });
    expect(
      await screen.findByText('Upgrade available: service v0 → v1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('conflict: 1 conflicting region marked in the file'),
    ).toBeInTheDocument();
    expect(screen.getByText('NOTES.md')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'modified k8s/base/deployment.yaml' }),
    );
    expect(screen.getByText('+<<<<<<< repository')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Open pull request' }),
    );
    expect(upgradeTemplate).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'ms-auth',
    });
    expect(
      await screen.findByText('https://github.com/acme/ms-auth/pull/3'),
    ).toBeInTheDocument();
  });

  it('disables the button and says why when the user may not upgrade', async () => {
    const upgradeTemplate = jest.fn();
    await render({
      getTemplateUpgrade: async () => ({
        ...status,
        blocked: 'you may not upgrade this entity',
      }),
      upgradeTemplate,
    });
    expect(
      await screen.findByRole('button', { name: 'Open pull request' }),
    ).toBeDisabled();
    expect(
      screen.getByText('you may not upgrade this entity'),
    ).toBeInTheDocument();
  });

  it('says the repository is up to date when nothing changed', async () => {
    await render({
      getTemplateUpgrade: async () => ({
        ...status,
        upgradeAvailable: false,
        files: [],
        conflicts: 0,
      }),
    });
    expect(
      await screen.findByText('Up to date with service v1.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).toBeNull();
  });
});
