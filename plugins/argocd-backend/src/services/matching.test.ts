import { ArgoCdApplication } from '@forja/plugin-argocd-node';
import { applicationMatcher, indexApplications } from './matching';

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

/** The applications, each counting the reads of its labels. */
function countingLabelReads(list: ArgoCdApplication[]) {
  let labelReads = 0;
  const counted = list.map(a => {
    const { labels, ...metadata } = a.metadata;
    return {
      ...a,
      metadata: Object.defineProperty({ ...metadata }, 'labels', {
        get: () => {
          labelReads++;
          return labels;
        },
        enumerable: true,
      }) as ArgoCdApplication['metadata'],
    };
  });
  return { counted, reads: () => labelReads };
}

describe('indexApplications', () => {
  // 300 applications: 3 environments of 100 services, 10 teams, some in other projects.
  const apps = Array.from({ length: 300 }, (_, i) =>
    app(
      `svc-${i % 100}-${['dev', 'staging', 'prod'][Math.floor(i / 100)]}`,
      {
        'backstage.io/kubernetes-id': `svc-${i % 100}`,
        env: ['dev', 'staging', 'prod'][Math.floor(i / 100)],
        ...(i % 10 ? { team: `team-${i % 10}` } : {}),
      },
      i % 7 ? 'platform' : 'legacy',
      i % 13 ? undefined : 'apps',
    ),
  );
  const queries = [
    { name: 'svc-5-prod' },
    { name: 'svc-5-prod', project: 'legacy' },
    { name: 'missing' },
    { selector: 'backstage.io/kubernetes-id=svc-7' },
    { selector: 'backstage.io/kubernetes-id==svc-7,env in (prod, dev)' },
    { selector: 'env in (staging,prod),team=team-3' },
    { selector: 'env in (dev,prod),env=prod' },
    { selector: 'env=dev,env=prod' },
    { selector: 'team!=team-1,env notin (dev)' },
    { selector: 'team' },
    { selector: '!team' },
    { selector: 'team=team-4', project: 'legacy' },
    { selector: 'env=prod', appNamespace: 'apps' },
    { selector: 'env=' },
    { project: 'legacy' },
    {},
  ];

  it.each(queries)(
    'selects what a scan of the list selects, in order: %j',
    query => {
      expect(indexApplications(apps).select(query)).toEqual(
        apps.filter(applicationMatcher(query)),
      );
    },
  );

  it('reads each application once to index it, not once per query', () => {
    const { counted, reads } = countingLabelReads(apps);
    const index = indexApplications(counted);
    const afterIndexing = reads();
    for (let i = 0; i < 100; i++)
      index.select({ selector: `backstage.io/kubernetes-id=svc-${i}` });
    // Each query tests only its own 3 applications (a scan would read all 300 per query).
    expect(afterIndexing).toBe(300);
    expect(reads() - afterIndexing).toBe(300);
  });

  it('indexes a list once, however many batches of entities ask for it', () => {
    const { counted, reads } = countingLabelReads(apps);
    const first = indexApplications(counted);
    const afterIndexing = reads();
    const again = indexApplications(counted);
    expect(again).toBe(first);
    expect(reads()).toBe(afterIndexing);
    // Another list (the next read of the instance) is indexed on its own.
    expect(indexApplications([...counted])).not.toBe(first);
  });
});
