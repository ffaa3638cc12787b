import express from 'express';
import zlib from 'node:zlib';
import request from 'supertest';
import { createSharedResponseSender } from './sharedResponse';

const rows = Array.from({ length: 2000 }, (_, i) => ({
  entityRef: `component:default/svc-${i}`,
  state: 'healthy',
}));

function appSending(body: () => object) {
  const send = createSharedResponseSender();
  const app = express();
  app.get('/', (req, res, next) => send(req, res, body()).catch(next));
  return app;
}

/** An answer's bytes, as the client decodes them (gzip included). */
const raw = (app: express.Express, acceptEncoding: string) =>
  request(app)
    .get('/')
    .set('Accept-Encoding', acceptEncoding)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('createSharedResponseSender', () => {
  afterEach(() => jest.restoreAllMocks());

  it('compresses a body viewers share once, for every viewer that accepts gzip', async () => {
    const shared = { rows };
    const gzip = jest.spyOn(zlib, 'gzip');
    const app = appSending(() => shared);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => raw(app, 'gzip, deflate')),
    );
    expect(gzip).toHaveBeenCalledTimes(1);
    for (const answer of answers) {
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers.vary).toMatch(/Accept-Encoding/);
      // The client decodes the gzip it was sent.
      expect(JSON.parse(answer.body.toString())).toEqual(shared);
    }
  });

  it('sends plain JSON to a viewer that does not accept gzip, and small bodies as they are', async () => {
    const plain = await raw(
      appSending(() => ({ rows })),
      'identity',
    );
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual({ rows });

    const small = await raw(
      appSending(() => ({ rows: [] })),
      'gzip',
    );
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ rows: [] });
  });

  it('encodes a new body anew: nothing is held for bodies the service no longer shares', async () => {
    const gzip = jest.spyOn(zlib, 'gzip');
    const app = appSending(() => ({ rows }));
    await raw(app, 'gzip');
    await raw(app, 'gzip');
    expect(gzip).toHaveBeenCalledTimes(2);
  });
});
