import express from 'express';
import zlib from 'node:zlib';

/** Below this, a body goes out as it is (the compression middleware's own threshold). */
const GZIP_THRESHOLD_BYTES = 1024;

interface Encoded {
  json: string;
  gzip?: Promise<Buffer>;
}

const gzip = (json: string) =>
  new Promise<Buffer>((resolve, reject) =>
    zlib.gzip(json, (error, buffer) =>
      error ? reject(error) : resolve(buffer),
    ),
  );

/**
 * Sends JSON bodies the service shares between viewers, serialized once and, for
 * viewers accepting gzip, compressed once (off the event loop) instead of once per
 * response by the compression middleware: 50 viewers of a 6 MB portal overview cost
 * one compression, not 50. Encodings are held only as long as the body is.
 */
export function createSharedResponseSender() {
  const encoded = new WeakMap<object, Encoded>();
  return async (req: express.Request, res: express.Response, body: object) => {
    let entry = encoded.get(body);
    if (!entry) {
      entry = { json: JSON.stringify(body) };
      encoded.set(body, entry);
    }
    res.type('application/json').vary('Accept-Encoding');
    if (
      entry.json.length < GZIP_THRESHOLD_BYTES ||
      req.acceptsEncodings('gzip', 'identity') !== 'gzip'
    ) {
      res.send(entry.json);
      return;
    }
    entry.gzip ??= gzip(entry.json);
    const compressed = await entry.gzip;
    // Already encoded: the compression middleware leaves it as it is.
    res.set('Content-Encoding', 'gzip').send(compressed);
  };
}
