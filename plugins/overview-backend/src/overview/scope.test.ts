import { memoryCache } from '@forja/test-servers';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createSwrCache } from '@forja/plugin-forja-node';
import {
  childGroupsOf,
  createScopeReader,
  groupAndDescendants,
  scopeKey,
} from './scope';

const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  relations: [
    ...children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
    { type: 'childOf', targetRef: 'group:default/elsewhere' },
  ],
});

describe('groupAndDescendants', () => {
  it('finds the groups under a group at any depth, the group first', () => {
    expect(
      groupAndDescendants('a', { a: ['b', 'c'], b: ['d'], d: ['e'], x: ['y'] }),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stops where a cycle closes', () => {
    expect(
      groupAndDescendants('a', { a: ['b'], b: ['c'], c: ['a', 'b'] }),
    ).toEqual(['a', 'b', 'c']);
    expect(groupAndDescendants('a', { a: ['a'] })).toEqual(['a']);
  });

  it('holds only the group when it has no children', () => {
    expect(groupAndDescendants('lonely', {})).toEqual(['lonely']);
  });
});

describe('childGroupsOf', () => {
  it("lists each group's parentOf targets by its ref", () => {
    expect(
      childGroupsOf([group('platform', ['sre', 'dev']), group('sre')]),
    ).toEqual({
      'group:default/platform': ['group:default/sre', 'group:default/dev'],
      'group:default/sre': [],
    });
  });
});

describe('scopeKey', () => {
  it('names the portal, else the entity', () => {
    expect(scopeKey({ kind: 'portal' })).toBe('portal');
    expect(scopeKey({ kind: 'system', ref: 'system:default/shop' })).toBe(
      'system:default/shop',
    );
  });
});

describe('createScopeReader', () => {
  const credentials = { $$type: '@backstage/BackstageCredentials' } as any;
  const groups = [
    group('platform', ['sre']),
    group('sre', ['oncall']),
    group('oncall', ['platform']),
  ];
  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ms-auth', namespace: 'default' },
  };

  function setup() {
    const getEntities = jest.fn(async ({ filter }: any) => ({
      items: filter.kind === 'group' ? groups : [component],
    }));
    const keys: string[] = [];
    const cache = {
      cached: jest.fn(async (key: string, load: () => Promise<any>) => {
        keys.push(key);
        return { value: await load(), fetchedAt: 'now', stale: false };
      }),
      invalidate: jest.fn(async () => {}),
    };
    const reader = createScopeReader({
      catalog: { getEntities } as any,
      auth: { getOwnServiceCredentials: async () => credentials },
      cache,
      periods: { freshMs: 1, ttlMs: 2 },
    });
    return { reader, getEntities, keys };
  }

  it('filters a system by partOf and the portal by kind alone', async () => {
    const { reader, getEntities } = setup();
    await expect(
      reader.filter({ kind: 'system', ref: 'system:default/shop' }),
    ).resolves.toEqual({
      kind: 'component',
      'relations.partOf': 'system:default/shop',
    });
    await expect(reader.filter({ kind: 'portal' })).resolves.toEqual({
      kind: 'component',
    });
    expect(getEntities).not.toHaveBeenCalled();
  });

  it('filters a group by what it and the groups under it own (a cycle included)', async () => {
    const { reader, keys } = setup();
    await expect(
      reader.filter({ kind: 'group', ref: 'group:default/sre' }),
    ).resolves.toEqual({
      kind: 'component',
      'relations.ownedBy': [
        'group:default/sre',
        'group:default/oncall',
        'group:default/platform',
      ],
    });
    expect(keys).toEqual(['overview:groups']);
  });

  it("reads a scope's components with the plugin's own credentials under the scope's key", async () => {
    const { reader, getEntities, keys } = setup();
    await expect(
      reader.components({ kind: 'system', ref: 'system:default/shop' }),
    ).resolves.toEqual([component]);
    expect(keys).toEqual(['overview:components:system:default/shop']);
    expect(getEntities).toHaveBeenCalledWith(
      {
        filter: {
          kind: 'component',
          'relations.partOf': 'system:default/shop',
        },
        fields: expect.arrayContaining(['metadata.annotations', 'spec.owner']),
      },
      { credentials },
    );
  });

  describe('through the cache', () => {
    const reader = (getEntities: jest.Mock) =>
      createScopeReader({
        catalog: { getEntities } as any,
        auth: { getOwnServiceCredentials: async () => credentials },
        cache: createSwrCache({
          cache: memoryCache(),
          logger: mockServices.logger.mock(),
          periods: { freshMs: 30_000, ttlMs: 600_000 },
        }),
        periods: { freshMs: 30_000, ttlMs: 600_000 },
      });

    it('holds the components for the fresh period', async () => {
      const getEntities = jest.fn(async () => ({ items: [component] }));
      const scopes = reader(getEntities);
      await scopes.components({ kind: 'portal' });
      await expect(scopes.components({ kind: 'portal' })).resolves.toEqual([
        component,
      ]);
      expect(getEntities).toHaveBeenCalledTimes(1);
    });

    it('does not hold an empty catalog: on a fresh start the next view sees what it has read since', async () => {
      const getEntities = jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [component] });
      const scopes = reader(getEntities);
      await expect(scopes.components({ kind: 'portal' })).resolves.toEqual([]);
      await expect(scopes.components({ kind: 'portal' })).resolves.toEqual([
        component,
      ]);
      expect(getEntities).toHaveBeenCalledTimes(2);
    });
  });
});
