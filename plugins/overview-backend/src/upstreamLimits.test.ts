import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OverviewResponse } from '@forja/plugin-overview-common';
import { Router } from 'express';
import request from 'supertest';
import { checkoutEntities } from './__testUtils__/checkout';
import { ARGOCD_PLUGIN_ID } from '@forja/plugin-argocd-common';
import overviewPlugin from './index';

jest.setTimeout(60_000);

/** A neighbouring Argo CD backend whose bulk answer is far too large, or never ends. */
const state = { fault: 'oversized' as 'oversized' | 'endless', served: 0 };
const misbehavingArgoCdBackend = createBackendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        httpRouter.use(
          Router().post('/entities/applications', (_req, res) => {
            state.served++;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.write('{"entities":[');
            const chunk = Buffer.alloc(64 * 1024, ' ');
            const timer = setInterval(
              () => res.write(state.fault === 'oversized' ? chunk : ' '),
              state.fault === 'oversized' ? 1 : 100,
            );
            res.on('close', () => clearInterval(timer));
          }),
        );
      },
    });
  },
});

describe('overview against a neighbouring backend whose answers never stop', () => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        overviewPlugin,
        misbehavingArgoCdBackend,
        catalogServiceMock.factory({ entities: checkoutEntities() }),
        mockServices.permissions.factory(),
        mockServices.rootConfig.factory({
          data: {
            overview: {
              sourceTimeout: '2s',
              // Every answer waits for the time limit under test.
              firstAnswerWait: '2s',
              cacheFresh: '1ms',
              cacheStale: '1ms',
              maxResponseBytes: 1024 * 1024,
            },
          },
        }),
      ],
    }));
  });

  const overview = async () => {
    const res = await request(server).get(
      '/api/overview/entities/system/default/checkout',
    );
    expect(res.status).toBe(200);
    return res.body as OverviewResponse;
  };

  it.each([
    [
      'oversized',
      /^the forja-argocd backend answered more than the 1 MiB a response may have$/,
    ],
    ['endless', /no (complete )?answer within 2 s$/],
  ] as const)(
    'fails only the Argo CD cells, naming the limit, when its answer is %s',
    async (fault, message) => {
      state.fault = fault;
      const served = state.served;
      const started = Date.now();
      const body = await overview();
      expect(state.served).toBeGreaterThan(served);
      expect(body.rows.map(r => r.title).sort()).toEqual([
        'cart',
        'ledger',
        'payments',
        'search',
      ]);
      const argocd = body.sources.find(s => s.source === 'argocd');
      expect(argocd).toMatchObject({ state: 'failed' });
      expect(argocd!.message).toMatch(message);
      expect(Date.now() - started).toBeLessThan(15_000);
    },
  );
});
