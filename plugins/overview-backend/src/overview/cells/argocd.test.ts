import {
  ApplicationSummary,
  ApplicationsResponse,
} from '@forja/plugin-argocd-common';
import {
  applicationEnvironment,
  ArgoCdAnswer,
  argocdConfigured,
  argocdEnvironments,
  argocdFailures,
  argocdPart,
} from './argocd';

const REF = 'component:default/ms-auth';

const app = (
  name: string,
  more: Partial<ApplicationSummary> = {},
): ApplicationSummary => ({
  instance: 'main',
  name,
  namespace: 'argocd',
  project: 'default',
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  outOfSyncResources: 0,
  url: `https://argocd/applications/${name}`,
  revision: 'abc123',
  ...more,
});

const answer = (
  applications: Partial<ApplicationsResponse>,
  state: ArgoCdAnswer['state'] = 'ok',
): ArgoCdAnswer => ({
  state,
  fetchedAt: 'read',
  value: {
    [REF]: {
      entityRef: REF,
      applications: {
        configured: true,
        applications: [],
        instances: [{ name: 'main', status: 'ok' }],
        ...applications,
      },
    },
  },
});

describe('applicationEnvironment', () => {
  it('takes the label, else a -<env> suffix, else the only declared environment', () => {
    const declared = ['dev', 'prod'];
    expect(
      applicationEnvironment(
        app('ms-auth-dev', { environment: 'qa' }),
        declared,
      ),
    ).toBe('qa');
    expect(applicationEnvironment(app('ms-auth-prod'), declared)).toBe('prod');
    expect(applicationEnvironment(app('ms-auth'), declared)).toBeUndefined();
    expect(applicationEnvironment(app('ms-auth'), ['dev'])).toBe('dev');
  });
});

describe('argocdPart', () => {
  const declared = ['dev', 'prod'];

  it("places the entity's applications in their environments", () => {
    const part = argocdPart(
      answer({
        applications: [app('ms-auth-dev'), app('ms-auth-prod')],
        fetchedAt: 'oldest',
      }),
      REF,
      declared,
    );
    expect(part('dev')).toEqual({
      state: 'ok',
      fetchedAt: 'oldest',
      value: {
        applications: [
          {
            instance: 'main',
            name: 'ms-auth-dev',
            syncStatus: 'Synced',
            healthStatus: 'Healthy',
            revision: 'abc123',
            deployedAt: undefined,
            url: 'https://argocd/applications/ms-auth-dev',
          },
        ],
      },
    });
    expect(part('staging')).toEqual({ state: 'none', fetchedAt: 'oldest' });
  });

  it('keeps the stale state and falls back to when the source was read', () => {
    const part = argocdPart(
      answer({ applications: [app('ms-auth-dev')] }, 'stale'),
      REF,
      declared,
    );
    expect(part('dev')).toMatchObject({ state: 'stale', fetchedAt: 'read' });
  });

  it('fails an empty environment when an instance is down', () => {
    const part = argocdPart(
      answer({
        applications: [app('ms-auth-dev')],
        instances: [
          { name: 'main', status: 'ok' },
          { name: 'edge', status: 'unavailable', message: 'edge: timeout' },
          { name: 'eu', status: 'credentials-rejected' },
        ],
      }),
      REF,
      declared,
    );
    expect(part('dev').state).toBe('ok');
    expect(part('prod')).toEqual({
      state: 'failed',
      message: 'edge: timeout; credentials-rejected',
    });
  });

  it('shows a failed, pending or unconfigured source in every environment', () => {
    expect(
      argocdPart(
        { state: 'failed', message: 'no answer' },
        REF,
        declared,
      )('dev'),
    ).toEqual({ state: 'failed', message: 'no answer' });
    expect(argocdPart({ state: 'pending' }, REF, declared)('dev')).toEqual({
      state: 'pending',
    });
    expect(
      argocdPart(answer({ configured: false }), REF, declared)('dev'),
    ).toEqual({ state: 'not-configured' });
    expect(
      argocdPart(
        {
          state: 'ok',
          value: { [REF]: { entityRef: REF, error: 'bad annotation' } },
        },
        REF,
        declared,
      )('dev'),
    ).toEqual({ state: 'failed', message: 'bad annotation' });
    expect(
      argocdPart(answer({}), 'component:default/other', declared)('dev'),
    ).toEqual({ state: 'none' });
  });
});

describe('argocdEnvironments', () => {
  it('lists where the applications run, skipping those placed nowhere', () => {
    expect(
      argocdEnvironments(
        answer({
          applications: [
            app('ms-auth-dev'),
            app('ms-auth', { environment: 'qa' }),
            app('ms-auth-tools'),
          ],
        }),
        REF,
        ['dev', 'prod'],
      ),
    ).toEqual(['dev', 'qa']);
    expect(argocdEnvironments({ state: 'pending' }, REF, ['dev'])).toEqual([]);
  });
});

describe('argocdFailures and argocdConfigured', () => {
  it('names each instance that did not answer', () => {
    expect(
      argocdFailures(
        answer({
          instances: [
            { name: 'main', status: 'ok' },
            { name: 'edge', status: 'unavailable', message: 'timeout' },
            { name: 'eu', status: 'credentials-rejected' },
          ],
        }),
      ),
    ).toEqual(['edge: timeout', 'eu: credentials-rejected']);
  });

  it('is unconfigured only when a bulk answer says so', () => {
    expect(argocdConfigured(answer({}))).toBe(true);
    expect(argocdConfigured({ state: 'failed' })).toBe(true);
    expect(argocdConfigured(answer({ configured: false }))).toBe(false);
  });
});
