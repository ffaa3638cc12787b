import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FakeGrafana, startFakeGrafana } from '@forja/test-servers';
import request from 'supertest';
import grafanaPlugin from './index';

jest.setTimeout(60_000);

const TOKEN = 'glsa_grafana-token-for-tests';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-video' },
});

describe('Grafana backend against a host whose answers never stop', () => {
  let grafana: FakeGrafana;
  let server: any;

  beforeAll(async () => {
    grafana = await startFakeGrafana({
      token: TOKEN,
      dashboards: [],
      rules: [
        {
          name: 'AuthErrorsHigh',
          group: 'ms-auth',
          folder: 'Video',
          state: 'firing',
          labels: { service: 'ms-auth' },
        },
      ],
    });
    ({ server } = await startTestBackend({
      features: [
        grafanaPlugin,
        mockServices.permissions.factory(),
        catalogServiceMock.factory({
          entities: [
            entity('ms-auth', {
              'grafana/alert-label-selector': 'service=ms-auth',
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            grafana: {
              requestTimeout: '2s',
              maxResponseBytes: 512 * 1024,
              cacheFresh: '1ms',
              cacheStale: '1ms',
              hosts: [
                {
                  id: 'main',
                  domain: 'https://grafana.example.com',
                  apiUrl: grafana.url,
                  token: TOKEN,
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => grafana.close());

  const alerts = () =>
    request(server)
      .get('/api/forja-grafana/entities/component/default/ms-auth/alerts')
      .set('authorization', mockCredentials.user.header());

  it.each([
    [
      'oversized',
      'Grafana main answered more than the 512 KiB a response may have',
    ],
    ['endless', 'Grafana main is unavailable: no complete answer within 2 s'],
  ] as const)(
    'shows the card unavailable with the limit when Grafana sends an %s body',
    async (fault, message) => {
      grafana.fault = fault;
      try {
        const res = await alerts();
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'unavailable', message });
      } finally {
        grafana.fault = 'none';
      }
      // The backend is still up and reads Grafana again once it behaves.
      const again = await alerts();
      expect(again.body.status).toBe('ok');
      expect(again.body.alerts.map((a: any) => a.name)).toEqual([
        'AuthErrorsHigh',
      ]);
    },
  );
});
