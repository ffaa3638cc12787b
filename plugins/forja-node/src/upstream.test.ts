import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  fetchUpstream,
  readUpstreamJson,
  Semaphore,
  UpstreamResponseTooLargeError,
  UpstreamUnavailableError,
} from './upstream';

const MiB = 1024 * 1024;

/** Writes `total` bytes of one JSON string in 64 KiB chunks, as fast as the client reads. */
async function streamJsonString(res: ServerResponse, total: number) {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const closed = new Promise(resolve => res.once('close', resolve));
  let sent = 0;
  res.write('"');
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await Promise.race([
        new Promise(resolve => res.once('drain', resolve)),
        closed,
      ]);
    }
  }
  if (!res.destroyed) res.end('"');
  return sent;
}

describe('fetchUpstream bodies', () => {
  let server: Server;
  let url: string;
  let written: Promise<number>;
  let mode: 'stream' | 'declared' | 'drip' | 'small';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      if (mode === 'small') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"items":[1,2,3]}');
      } else if (mode === 'declared') {
        res.writeHead(200, { 'content-length': String(2 * MiB) });
        res.write('{"items":[');
      } else if (mode === 'drip') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items":[');
        const timer = setInterval(() => res.write('1,'), 100);
        res.on('close', () => clearInterval(timer));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        written = streamJsonString(res, 64 * MiB);
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const read = () =>
    fetchUpstream({
      upstream: 'prod',
      url,
      timeoutMs: 1000,
      maxResponseBytes: MiB,
    }).then(response => readUpstreamJson('prod', response));

  it('reads a body within the limit', async () => {
    mode = 'small';
    await expect(read()).resolves.toEqual({ items: [1, 2, 3] });
  });

  it('cuts a body off at the limit while it streams, naming the upstream and the limit', async () => {
    mode = 'stream';
    const error = await read().catch((e: Error) => e);
    expect(error).toBeInstanceOf(UpstreamResponseTooLargeError);
    // Still an unavailable upstream to the cards: one source degrades, nothing else.
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as Error).message).toBe(
      'prod answered more than the 1 MiB a response may have',
    );
    // The rest was never read: the server could write little past the limit.
    expect(await written).toBeLessThan(16 * MiB);
  });

  it('refuses a declared length over the limit before reading it', async () => {
    mode = 'declared';
    await expect(read()).rejects.toThrow(
      'prod answered more than the 1 MiB a response may have',
    );
  });

  it('gives up on a body that never ends at the time limit', async () => {
    mode = 'drip';
    const started = Date.now();
    await expect(read()).rejects.toThrow(
      'prod is unavailable: no complete answer within 1 s',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('fetchUpstream request bodies', () => {
  it('sends a form URL-encoded (OAuth token endpoints) and a body as JSON', async () => {
    const seen: Array<{ type?: string; text: string }> = [];
    const server = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      seen.push({ type: req.headers['content-type'], text });
      res.end('{}');
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetchUpstream({
        upstream: 'login',
        url,
        method: 'POST',
        timeoutMs: 1000,
        form: { grant_type: 'client_credentials', client_secret: 'a&b=c' },
      });
      await fetchUpstream({
        upstream: 'api',
        url,
        method: 'POST',
        timeoutMs: 1000,
        body: { a: 1 },
      });
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
    expect(seen).toEqual([
      {
        type: 'application/x-www-form-urlencoded',
        text: 'grant_type=client_credentials&client_secret=a%26b%3Dc',
      },
      { type: 'application/json', text: '{"a":1}' },
    ]);
  });
});

describe('Semaphore', () => {
  it('fails a call that waited longer than maxWaitMs for its turn, naming the upstream', async () => {
    const limit = new Semaphore(1, { maxWaitMs: 100, upstream: 'prod' });
    const slow = limit.run(
      () => new Promise(r => setTimeout(() => r('slow'), 500)),
    );
    const started = Date.now();
    await expect(limit.run(async () => 'waited')).rejects.toThrow(
      'prod is busy: no free connection within 0.1 s (1 in use)',
    );
    expect(Date.now() - started).toBeLessThan(400);
    expect(await slow).toBe('slow');
    // The call given up on holds no place: the next one runs at once.
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });
});
