import { Entity } from '@backstage/catalog-model';
import {
  UpstreamCredentialsRejectedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { testClient } from './__testUtils__/grafanaClient';
import { GrafanaClient } from './client';
import { GrafanaHostConfig } from './config';
import { fromHost, hostOf } from './hosts';

const entity = (host?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    annotations: host ? { 'grafana/host-id': host } : {},
  },
});

const main = testClient('http://127.0.0.1:1', { id: 'main' });
const ops = testClient('http://127.0.0.1:1', { id: 'ops' });
const clients = new Map<string, GrafanaClient>([
  ['main', main],
  ['ops', ops],
]);
const hosts = [main.host, ops.host] as GrafanaHostConfig[];

describe('hostOf', () => {
  it('takes the named host, else the default, else the first', () => {
    expect(hostOf(entity('ops'), { hosts }, clients).client).toBe(ops);
    expect(
      hostOf(entity(' '), { hosts, defaultHost: 'ops' }, clients).client,
    ).toBe(ops);
    expect(hostOf(entity(), { hosts }, clients).client).toBe(main);
  });

  it('says there is no host to ask, or none configured', () => {
    expect(hostOf(entity('nope'), { hosts }, clients)).toEqual({
      source: {
        configured: true,
        host: 'nope',
        status: 'unavailable',
        message: 'no Grafana host with id nope is configured',
      },
    });
    expect(hostOf(entity('main'), { hosts: [] }, new Map())).toEqual({
      source: { configured: false, status: 'unavailable' },
    });
  });
});

describe('fromHost', () => {
  const empty = { alerts: [] as string[] };

  it('answers what the host read, with an ok source', async () => {
    expect(
      await fromHost({ client: main }, empty, async client => ({
        alerts: [client.host.id],
        fetchedAt: '2026-12-05T00:00:00.000Z',
      })),
    ).toEqual({
      configured: true,
      host: 'main',
      status: 'ok',
      alerts: ['main'],
      fetchedAt: '2026-12-05T00:00:00.000Z',
    });
  });

  it('answers empty with the source when there is no host', async () => {
    const read = jest.fn();
    expect(
      await fromHost(
        { source: { configured: false, status: 'unavailable' } },
        empty,
        read,
      ),
    ).toEqual({ alerts: [], configured: false, status: 'unavailable' });
    expect(read).not.toHaveBeenCalled();
  });

  it('turns a failing host into the status, and throws anything else', async () => {
    expect(
      await fromHost({ client: main }, empty, async () => {
        throw new UpstreamUnavailableError('Grafana main answered 502');
      }),
    ).toEqual({
      alerts: [],
      configured: true,
      host: 'main',
      status: 'unavailable',
      message: 'Grafana main answered 502',
    });
    expect(
      await fromHost({ client: main }, empty, async () => {
        throw new UpstreamCredentialsRejectedError('token refused');
      }),
    ).toMatchObject({
      status: 'credentials-rejected',
      message: 'token refused',
    });
    await expect(
      fromHost({ client: main }, empty, async () => {
        throw new TypeError('a bug');
      }),
    ).rejects.toThrow('a bug');
  });
});
