import {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { ENTITY_CACHE_ENTRIES } from './entityAuthorizer';
import { createEntityAccess } from './entityRoutes';

const readPermission = createPermission({
  name: 'test.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function access() {
  const reads: string[] = [];
  const catalog = {
    getEntityByRef: async (ref: string) => {
      reads.push(ref);
      const { kind, namespace, name } = parseEntityRef(ref);
      return { apiVersion: 'v1', kind, metadata: { name, namespace } };
    },
  } as unknown as CatalogService;
  const authorizedEntity = createEntityAccess({
    httpAuth: {
      credentials: async () => ({ principal: { type: 'user' } }),
    } as unknown as HttpAuthService,
    auth: {
      getOwnServiceCredentials: async () => ({
        principal: { type: 'service' },
      }),
    } as unknown as AuthService,
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as unknown as PermissionsService,
    catalog,
  });
  const view = async (name: string): Promise<Entity> =>
    (
      await authorizedEntity(
        {
          params: { kind: 'component', namespace: 'default', name },
        } as unknown as Request,
        readPermission,
      )
    ).entity;
  return { view, reads };
}

describe('createEntityAccess', () => {
  it('reads an entity once for repeated views', async () => {
    const { view, reads } = access();
    await view('ms-auth');
    await view('ms-auth');
    expect(reads).toEqual(['component:default/ms-auth']);
  });

  it(`keeps at most ${ENTITY_CACHE_ENTRIES} entities, forgetting the least recently viewed`, async () => {
    const { view, reads } = access();
    await view('hot');
    for (let i = 0; i < ENTITY_CACHE_ENTRIES * 3; i++) {
      await view(`cold-${i}`);
      if (i % 100 === 0) await view('hot');
    }
    reads.length = 0;
    // The oldest cold entities were forgotten: they are read again.
    expect((await view('cold-0')).metadata.name).toBe('cold-0');
    expect(reads).toEqual(['component:default/cold-0']);
    // The recent ones and the one viewed all along are still held.
    await view(`cold-${ENTITY_CACHE_ENTRIES * 3 - 1}`);
    await view('hot');
    expect(reads).toEqual(['component:default/cold-0']);
  });
});
