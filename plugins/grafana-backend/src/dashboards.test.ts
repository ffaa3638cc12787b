import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { FakeGrafana, startFakeGrafana } from '@forja/test-servers';
import {
  TEST_TOKEN,
  testCache,
  testClient,
} from './__testUtils__/grafanaClient';
import {
  entityDashboardMatcher,
  matchDashboards,
  readDashboards,
} from './dashboards';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', annotations },
});

const hits = [
  {
    uid: 'ms-auth-overview',
    title: 'ms-auth overview',
    url: '/d/ms-auth-overview/ms-auth-overview',
    folderTitle: 'Video',
    tags: ['ms-auth', 'generated'],
  },
  { uid: 'auth-slo', title: 'Auth SLO', url: '/d/auth-slo/auth-slo' },
];

describe('entityDashboardMatcher', () => {
  it('prefers the selector, else the tag', () => {
    const selector = entityDashboardMatcher(
      entity({
        'grafana/dashboard-selector': "folderTitle == 'Video'",
        'grafana/tag-selector': 'nothing',
      }),
    );
    expect(
      selector({ title: '', tags: [], url: '', folderTitle: 'Video' }),
    ).toBe(true);
    const tag = entityDashboardMatcher(
      entity({ 'grafana/tag-selector': ' ms-auth ' }),
    );
    expect(
      tag({ title: '', tags: ['ms-auth'], url: '', folderTitle: '' }),
    ).toBe(true);
    const none = entityDashboardMatcher(entity({}));
    expect(none({ title: '', tags: [], url: '', folderTitle: '' })).toBe(false);
  });

  it('names the annotation of a selector that does not parse', () => {
    expect(() =>
      entityDashboardMatcher(
        entity({ 'grafana/dashboard-selector': "tags @> 'a' ;" }),
      ),
    ).toThrow(/^annotation grafana\/dashboard-selector: /);
  });
});

describe('matchDashboards', () => {
  it('keeps the matching hits, linked on the host domain', () => {
    expect(
      matchDashboards(
        hits,
        fields => fields.tags.includes('ms-auth'),
        'https://grafana.example.com',
      ),
    ).toEqual([
      {
        uid: 'ms-auth-overview',
        title: 'ms-auth overview',
        url: 'https://grafana.example.com/d/ms-auth-overview/ms-auth-overview',
        folderTitle: 'Video',
        tags: ['ms-auth', 'generated'],
      },
    ]);
  });

  it('turns a selector failing on a hit into a 400 naming the annotation', () => {
    const matches = entityDashboardMatcher(
      entity({ 'grafana/dashboard-selector': "title @> 'x'" }),
    );
    expect(() => matchDashboards(hits, matches, '')).toThrow(InputError);
    expect(() => matchDashboards(hits, matches, '')).toThrow(
      /^annotation grafana\/dashboard-selector: @> needs an array/,
    );
  });
});

describe('readDashboards', () => {
  let grafana: FakeGrafana;

  beforeEach(async () => {
    grafana = await startFakeGrafana({
      token: TEST_TOKEN,
      dashboards: [
        {
          uid: 'ms-auth-overview',
          title: 'ms-auth overview',
          tags: ['ms-auth'],
        },
        { uid: 'auth-slo', title: 'Auth SLO', tags: ['auth'] },
      ],
      fillerDashboards: 1200,
    });
  });

  afterEach(() => grafana.close());

  it('matches the whole search, read once per host for every entity', async () => {
    const client = testClient(grafana.url);
    const cache = testCache();
    const first = await readDashboards(
      client,
      cache,
      entityDashboardMatcher(entity({ 'grafana/tag-selector': 'ms-auth' })),
    );
    expect(first.searched).toBe(1202);
    expect(first.dashboards.map(d => d.uid)).toEqual(['ms-auth-overview']);
    expect(first.fetchedAt).toEqual(expect.any(String));
    const searches = grafana.requests.filter(r => r.includes('/api/search'));
    expect(searches.length).toBeGreaterThan(1);

    const second = await readDashboards(
      client,
      cache,
      entityDashboardMatcher(entity({ 'grafana/tag-selector': 'auth' })),
    );
    expect(second.dashboards.map(d => d.uid)).toEqual(['auth-slo']);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(grafana.requests.filter(r => r.includes('/api/search'))).toEqual(
      searches,
    );
  });
});
