import { ArgoCdApplication } from '@forja/plugin-argocd-node';
import { applicationMatcher } from './matching';

const app = (
  name: string,
  labels: Record<string, string>,
  project = 'video',
  namespace?: string,
): ArgoCdApplication => ({
  metadata: { name, labels, namespace },
  spec: { project },
});

const APPS = [
  app('ms-auth-dev', { team: 'video', tier: 'api' }),
  app('ms-auth-prod', { team: 'video', tier: 'api' }, 'video-prod'),
  app('payments-dev', { team: 'payments' }, 'payments', 'payments'),
];
const names = (query: Parameters<typeof applicationMatcher>[0]) =>
  APPS.filter(applicationMatcher(query)).map(a => a.metadata.name);

describe('applicationMatcher', () => {
  it('matches as the list API does: name, selector, project, namespace (argocd by default)', () => {
    expect(names({ name: 'ms-auth-dev' })).toEqual(['ms-auth-dev']);
    expect(names({ selector: 'team=video,tier in (api)' })).toEqual([
      'ms-auth-dev',
      'ms-auth-prod',
    ]);
    expect(names({ selector: 'team=video', project: 'video-prod' })).toEqual([
      'ms-auth-prod',
    ]);
    expect(names({ selector: 'team', appNamespace: 'argocd' })).toEqual([
      'ms-auth-dev',
      'ms-auth-prod',
    ]);
    expect(names({ appNamespace: 'payments' })).toEqual(['payments-dev']);
  });
});
