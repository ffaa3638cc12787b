import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { startServer } from './server';

test('serves /healthz and counts it in /metrics', async () => {
  const server = startServer(0);
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const body = await (await fetch(`${base}/metrics`)).text();
    assert.match(body, /http_requests_total\{path="\/healthz",code="200"\} 1/);
    assert.match(body, /http_request_duration_seconds_count 1/);
    // Unknown paths are one series, not one per path a client makes up.
    assert.equal((await fetch(`${base}/no/such/${Date.now()}`)).status, 404);
    const after = await (await fetch(`${base}/metrics`)).text();
    assert.match(after, /http_requests_total\{path="unmatched",code="404"\} 1/);
  } finally {
    server.close();
  }
});
