import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import request from 'supertest';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from '../__testUtils__/checkout';
import { commitStagingTag } from '../__testUtils__/commitStagingTag';
import { generatedService } from '../__testUtils__/generatedService';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { recordingNotificationServices } from '../__testUtils__/notifications';

jest.setTimeout(120_000);

describe("promotion pull requests tell the entity's owners when they open and when they merge", () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  beforeEach(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/ms-auth'],
    });
  });
  afterEach(async () => {
    await Promise.all(
      [...Object.values(upstreams), github].map(u => u.close()),
    );
  });

  it('notifies once on open and once on merge, read from GitHub', async () => {
    const { entity } = await generatedService(github, TOKEN);
    const services = recordingNotificationServices();
    const auditEvents: AuditEvent[] = [];
    const server = await startBackend(upstreams, {
      entities: [
        {
          ...entity,
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-video' },
          ],
        },
      ],
      auditEvents,
      features: services.features,
      config: {
        integrations: {
          github: [
            { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
          ],
        },
        overview: { notifications: { enabled: true } },
      },
    });
    const promoted = await request(server)
      .post('/api/overview/entities/component/default/ms-auth/promote')
      .send({ environment: 'staging' });
    expect(promoted.status).toBe(201);
    const url = `${github.url}/acme/ms-auth/pull/1`;
    expect(promoted.body.pullRequestUrl).toBe(url);
    const scope = `forja:pull-request:${github.host}/acme/ms-auth#1`;
    // Only the promotion's (the checkout components' trouble is notified as well).
    const promotions = () =>
      services.sent.filter(n => n.payload.topic === 'Promotion');
    expect(promotions().map(n => n.payload)).toEqual([
      expect.objectContaining({
        title: 'ms-auth: promotion pull request opened',
        description: 'promote 1.3.0 from dev to staging (acme/ms-auth#1)',
        link: url,
        scope,
      }),
    ]);
    expect(promotions()[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'component:default/ms-auth',
    });

    // Still open: nothing more.
    await services.runWatcher();
    expect(promotions()).toHaveLength(1);

    const merge = await fetch(
      `${github.apiBaseUrl}/repos/acme/ms-auth/pulls/1/merge`,
      {
        method: 'PUT',
        headers: { authorization: `token ${TOKEN}` },
        body: '{}',
      },
    );
    expect(merge.status).toBe(200);
    await services.runWatcher();
    await services.runWatcher();
    expect(
      promotions()
        .slice(1)
        .map(n => n.payload),
    ).toEqual([
      expect.objectContaining({
        title: 'ms-auth: promotion pull request merged',
        link: url,
        scope,
      }),
    ]);
    expect(
      services.signals
        .filter(s => s.channel.endsWith('/ms-auth'))
        .map(s => [s.channel, s.message]),
    ).toEqual([
      ['forja:entity:component:default/ms-auth', { change: 'pull-request' }],
      ['forja:entity:component:default/ms-auth', { change: 'pull-request' }],
    ]);
    expect(
      auditEvents
        .filter(
          e =>
            e.eventId === 'environment-promote' ||
            (e.meta as { topic?: string }).topic === 'Promotion',
        )
        .map(e => [e.eventId, e.outcome]),
    ).toEqual([
      ['environment-promote', 'success'],
      ['owner-notify', 'success'],
      ['owner-notify', 'success'],
    ]);
  });

  it('notifies once when a rollback pull request opens', async () => {
    const { entity, dir } = await generatedService(github, TOKEN);
    const initial = (
      await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    await commitStagingTag(github, dir, '1.4.0');
    const services = recordingNotificationServices();
    const server = await startBackend(upstreams, {
      entities: [
        {
          ...entity,
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-video' },
          ],
        },
      ],
      features: services.features,
      config: {
        integrations: {
          github: [
            { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
          ],
        },
        overview: { notifications: { enabled: true } },
      },
    });
    const rollback = () =>
      request(server)
        .post('/api/overview/entities/component/default/ms-auth/rollback')
        .send({ environment: 'staging', revision: initial });
    const first = await rollback();
    expect(first.status).toBe(201);
    const url = `${github.url}/acme/ms-auth/pull/1`;
    expect(first.body.pullRequestUrl).toBe(url);
    // The same pull request again: returned as it is, not notified twice.
    expect((await rollback()).body.created).toBe(false);
    const rollbacks = services.sent.filter(n => n.payload.topic === 'Rollback');
    expect(rollbacks.map(n => n.payload)).toEqual([
      expect.objectContaining({
        title: 'ms-auth: rollback pull request opened',
        description: 'roll staging back to 1.2.0 (acme/ms-auth#1)',
        link: url,
        scope: `forja:pull-request:${github.host}/acme/ms-auth#1`,
      }),
    ]);
    expect(rollbacks[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'component:default/ms-auth',
    });
  });
});
