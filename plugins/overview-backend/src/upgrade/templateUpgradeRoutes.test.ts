import { Entity } from '@backstage/catalog-model';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import request from 'supertest';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from '../__testUtils__/checkout';
import {
  forjaTemplateEntity,
  serviceOneVersionBehind,
} from '../__testUtils__/olderTemplate';

jest.setTimeout(180_000);

describe('template upgrade routes', () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  let entities: Entity[];

  beforeAll(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/ms-auth'],
    });
    const { entity } = await serviceOneVersionBehind(github, TOKEN);
    entities = [entity, await forjaTemplateEntity('service')];
  });
  afterAll(async () => {
    await github.close();
    await Promise.all(Object.values(upstreams).map(u => u.close()));
  });

  const backend = (options: { deny?: string[]; auditEvents?: AuditEvent[] }) =>
    startBackend(upstreams, {
      ...options,
      entities,
      config: {
        integrations: {
          github: [
            {
              host: github.host,
              apiBaseUrl: github.apiBaseUrl,
              token: TOKEN,
            },
          ],
        },
      },
    });
  const route =
    '/api/overview/entities/component/default/ms-auth/template-upgrade';
  const writes = () =>
    github.requests.filter(
      r => r.startsWith('POST /api/v3') || r.startsWith('PATCH /api/v3'),
    );

  it('without overview.entity.template-upgrade: the status says why, the POST is 403, nothing is written, the refusal is audited', async () => {
    const auditEvents: AuditEvent[] = [];
    const server = await backend({
      deny: ['overview.entity.template-upgrade'],
      auditEvents,
    });
    const status = await request(server).get(route);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      upgradeAvailable: true,
      from: { version: '0' },
      to: { version: '1' },
      blocked: 'you may not upgrade this entity',
    });
    const post = await request(server).post(route);
    expect(post.status).toBe(403);
    expect(post.body.error.name).toBe('NotAllowedError');
    expect(writes()).toEqual([]);
    expect(auditEvents).toEqual([
      expect.objectContaining({ eventId: 'template-upgrade', outcome: 'fail' }),
    ]);
  });

  it('with it: 201 and the pull request, audited; asked again, 200 and the same one', async () => {
    const auditEvents: AuditEvent[] = [];
    const server = await backend({ auditEvents });
    const post = await request(server).post(route);
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({
      from: '0',
      to: '1',
      conflicts: 1,
      created: true,
    });
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'template-upgrade',
        outcome: 'success',
        meta: expect.objectContaining({
          entityRef: 'component:default/ms-auth',
          pullRequestUrl: post.body.pullRequestUrl,
        }),
      }),
    ]);
    const again = await request(server).post(route);
    expect(again.status).toBe(200);
    expect(again.body.pullRequestUrl).toBe(post.body.pullRequestUrl);
    expect(github.pullRequests).toHaveLength(1);
  });
});
