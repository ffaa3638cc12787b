import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import policyModule from './index';
import { ForjaPermissionPolicy } from './policy';
import {
  ADMIN,
  httpAuthKeepingActor,
  OTHER,
  OWNER,
  userInfoFromTable,
} from './__testUtils__/users';

jest.setTimeout(120_000);

/**
 * Every row of the README's decision table, asked of the real permission backend for
 * three real users: an owner of the entity, a member of another team, and an admin.
 * Conditional decisions are resolved by the plugins that own the resources (the catalog
 * for entities, the scaffolder for tasks), as in production.
 */
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ms-auth }
spec: { type: service, lifecycle: production, owner: group:default/team-video }
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: hello }
spec:
  owner: group:default/platform
  type: service
  parameters: []
  steps:
    - id: wait
      name: Wait
      action: debug:wait
      input: { seconds: 30 }
`;

type Who = 'owner' | 'other' | 'admin';
type Row = {
  permission: {
    name: string;
    attributes: Record<string, string>;
    resourceType?: string;
  };
  /** Who is allowed; everyone else is denied. */
  allowed: Who[];
};

const read = { action: 'read' };
const entity = (name: string, action: string) => ({
  name,
  attributes: { action },
  resourceType: 'catalog-entity',
});
const basic = (name: string, action?: string) => ({
  name,
  attributes: (action ? { action } : {}) as Record<string, string>,
});
const EVERYONE: Who[] = ['owner', 'other', 'admin'];

/** The decision table of this package's README.md, "Decisions". */
const TABLE: Row[] = [
  // Reads: every signed-in user.
  { permission: entity('catalog.entity.read', 'read'), allowed: EVERYONE },
  { permission: basic('catalog.location.read', 'read'), allowed: EVERYONE },
  { permission: basic('catalog.entity.validate'), allowed: EVERYONE },
  {
    permission: entity('argocd.application.read', 'read'),
    allowed: EVERYONE,
  },
  { permission: entity('grafana.entity.read', 'read'), allowed: EVERYONE },
  { permission: entity('cost.entity.read', 'read'), allowed: EVERYONE },
  { permission: basic('kubernetes.clusters.read', 'read'), allowed: EVERYONE },
  {
    permission: basic('kubernetes.resources.read', 'read'),
    allowed: EVERYONE,
  },
  {
    permission: {
      name: 'scaffolder.template.parameter.read',
      attributes: read,
      resourceType: 'scaffolder-template',
    },
    allowed: EVERYONE,
  },
  {
    permission: {
      name: 'scaffolder.template.step.read',
      attributes: read,
      resourceType: 'scaffolder-template',
    },
    allowed: EVERYONE,
  },
  // Running templates: every signed-in user.
  { permission: basic('scaffolder.task.create', 'create'), allowed: EVERYONE },
  {
    permission: {
      name: 'scaffolder.action.execute',
      attributes: {},
      resourceType: 'scaffolder-action',
    },
    allowed: EVERYONE,
  },
  // Writes on an entity: its owners and the admins.
  {
    permission: entity('catalog.entity.refresh', 'update'),
    allowed: ['owner', 'admin'],
  },
  {
    permission: entity('catalog.entity.delete', 'delete'),
    allowed: ['owner', 'admin'],
  },
  {
    permission: entity('argocd.application.sync', 'update'),
    allowed: ['owner', 'admin'],
  },
  {
    permission: entity('overview.entity.promote', 'update'),
    allowed: ['owner', 'admin'],
  },
  {
    permission: entity('overview.entity.template-upgrade', 'update'),
    allowed: ['owner', 'admin'],
  },
  // Admins only.
  {
    permission: basic('catalog.entity.create', 'create'),
    allowed: ['admin'],
  },
  {
    permission: basic('catalog.location.create', 'create'),
    allowed: ['admin'],
  },
  {
    permission: basic('catalog.location.delete', 'delete'),
    allowed: ['admin'],
  },
  { permission: basic('catalog.location.analyze'), allowed: ['admin'] },
  { permission: basic('catalog.ingestion.read', 'read'), allowed: ['admin'] },
  { permission: basic('catalog.ingestion.manage'), allowed: ['admin'] },
  {
    permission: basic('scaffolder.template.management'),
    allowed: ['admin'],
  },
  { permission: basic('scaffolder.template.dry-run'), allowed: ['admin'] },
  {
    permission: basic('argocd.application.create', 'create'),
    allowed: ['admin'],
  },
  { permission: basic('kubernetes.proxy'), allowed: ['admin'] },
  // Anything the table does not name.
  { permission: basic('unknown.thing.write', 'update'), allowed: [] },
  { permission: entity('unknown.entity.read', 'read'), allowed: [] },
];

/** The resource each resource permission is asked about. */
const RESOURCE_REFS: Record<string, string> = {
  'catalog-entity': 'component:default/ms-auth',
  'scaffolder-template': 'template:default/hello',
  'scaffolder-action': 'debug:wait',
};

const USERS: Record<Who, string> = { owner: OWNER, other: OTHER, admin: ADMIN };

describe("Forja's decision table, through the real permission backend", () => {
  let server: any;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forja-table-'));
    writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
    ({ server } = await startTestBackend({
      features: [
        import('@backstage/plugin-permission-backend'),
        import('@backstage/plugin-catalog-backend'),
        import(
          '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
        ),
        import('@backstage/plugin-scaffolder-backend'),
        policyModule,
        permissionsServiceFactory,
        userInfoFromTable,
        httpAuthKeepingActor,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            forja: { permissions: { admins: ['group:default/platform'] } },
            catalog: {
              rules: [{ allow: ['Component', 'Template'] }],
              locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
            },
          },
        }),
      ],
    }));
    for (let attempt = 0; ; attempt++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/template/default/hello')
        .set('authorization', mockCredentials.user.header(ADMIN));
      if (res.status === 200 && res.body.relations?.length) break;
      if (attempt > 150) {
        throw new Error(
          `the catalog never served hello: ${res.status} ${JSON.stringify(
            res.body,
          ).slice(0, 300)}`,
        );
      }
      await new Promise(r => setTimeout(r, 200));
    }
  });

  const authorize = async (
    user: string | undefined,
    permission: Row['permission'],
    resourceRef?: string,
  ): Promise<string> => {
    const req = request(server).post('/api/permission/authorize');
    if (user) req.set('authorization', mockCredentials.user.header(user));
    const res = await req.send({
      items: [
        {
          id: '1',
          permission: {
            type: permission.resourceType ? 'resource' : 'basic',
            ...permission,
          },
          ...(resourceRef ? { resourceRef } : {}),
        },
      ],
    });
    if (res.status !== 200) return `HTTP ${res.status}`;
    return res.body.items[0].result;
  };

  it.each(TABLE.map(row => [row.permission.name, row]))(
    '%s',
    async (_name, row: Row) => {
      const resourceRef = row.permission.resourceType
        ? RESOURCE_REFS[row.permission.resourceType]
        : undefined;
      const decisions: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const who of EVERYONE) {
        decisions[who] = await authorize(
          USERS[who],
          row.permission,
          resourceRef,
        );
        expected[who] = row.allowed.includes(who) ? 'ALLOW' : 'DENY';
      }
      expect(decisions).toEqual(expected);
    },
  );

  it("lets only a task's creator and the admins read or cancel it", async () => {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header(OWNER))
      .send({ templateRef: 'template:default/hello', values: {} });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const readAs = (user: string) =>
      request(server)
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('authorization', mockCredentials.user.header(user));
    expect((await readAs(OWNER)).status).toBe(200);
    expect((await readAs(ADMIN)).status).toBe(200);
    expect((await readAs(OTHER)).status).toBe(403);

    const listAs = async (user: string) =>
      (
        await request(server)
          .get('/api/scaffolder/v2/tasks')
          .set('authorization', mockCredentials.user.header(user))
      ).body.tasks?.map((t: { id: string }) => t.id) ?? [];
    expect(await listAs(OWNER)).toContain(id);
    expect(await listAs(OTHER)).not.toContain(id);

    const cancelAs = (user: string) =>
      request(server)
        .post(`/api/scaffolder/v2/tasks/${id}/cancel`)
        .set('authorization', mockCredentials.user.header(user));
    expect((await cancelAs(OTHER)).status).toBe(403);
    expect((await cancelAs(OWNER)).status).toBe(200);
  });
});

describe('ForjaPermissionPolicy without a signed-in user', () => {
  it('denies even reads', async () => {
    const policy = new ForjaPermissionPolicy(['group:default/platform']);
    for (const row of TABLE) {
      const permission = {
        type: row.permission.resourceType ? 'resource' : 'basic',
        ...row.permission,
      } as Permission;
      expect(await policy.handle({ permission })).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });
});
