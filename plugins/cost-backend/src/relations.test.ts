import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createCostRelations } from './relations';

const entity = (
  kind: string,
  name: string,
  extra: Partial<Entity> = {},
  namespace = 'default',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace,
    annotations: { 'forja.dev/terraform-dir': 'dir:./terraform' },
  },
  ...extra,
});

const system = entity('System', 'video', {
  spec: { owner: 'group:default/team-video' },
});
// No cost annotations: a group is its members' sum only.
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-video', namespace: 'default' },
  spec: { type: 'team' },
  relations: [
    { type: 'childOf', targetRef: 'group:default/media' },
    { type: 'parentOf', targetRef: 'group:default/team-video-ops' },
  ],
};
// A department: its teams (and theirs) own what it rolls up.
const department: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'media', namespace: 'default' },
  spec: { type: 'department' },
  relations: [{ type: 'parentOf', targetRef: 'group:default/team-video' }],
};
const subTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-video-ops', namespace: 'default' },
  spec: { type: 'team' },
  relations: [{ type: 'childOf', targetRef: 'group:default/team-video' }],
};
const ENTITIES: Entity[] = [
  system,
  group,
  entity('System', 'video', {}, 'media'),
  entity('Component', 'ms-auth', {
    spec: { system: 'video' },
    relations: [
      { type: 'partOf', targetRef: 'system:default/video' },
      { type: 'ownedBy', targetRef: 'group:default/team-video' },
    ],
  }),
  entity('Resource', 'video-eks', {
    relations: [{ type: 'partOf', targetRef: 'system:default/video' }],
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'docs', namespace: 'default' },
    relations: [{ type: 'partOf', targetRef: 'system:default/video' }],
  },
  department,
  subTeam,
  entity('Component', 'transcoder', {
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-video-ops' }],
  }),
];

const relations = createCostRelations({
  catalog: catalogServiceMock({ entities: ENTITIES }),
  auth: mockServices.auth(),
});

describe('createCostRelations', () => {
  it('reads the system in the entity’s namespace', async () => {
    expect(await relations.systemOf(ENTITIES[3])).toEqual(system);
    expect(
      (
        await relations.systemOf(
          entity('Component', 'player', { spec: { system: 'video' } }, 'media'),
        )
      )?.metadata.namespace,
    ).toBe('media');
    expect(await relations.systemOf(ENTITIES[4])).toBeUndefined();
  });

  it('lists a system’s parts and a group’s owned entities that have a cost, itself first', async () => {
    expect(
      (await relations.membersOf(system)).map(e => e.metadata.name),
    ).toEqual(['video', 'ms-auth', 'video-eks']);
    expect(
      (await relations.membersOf(group)).map(e => e.metadata.name).sort(),
    ).toEqual(['ms-auth', 'transcoder']);
  });

  it('rolls a department up from what the groups under it own, at any depth', async () => {
    expect(
      (await relations.membersOf(department)).map(e => e.metadata.name).sort(),
    ).toEqual(['ms-auth', 'transcoder']);
    expect(
      (await relations.membersOf(subTeam)).map(e => e.metadata.name),
    ).toEqual(['transcoder']);
  });
});
