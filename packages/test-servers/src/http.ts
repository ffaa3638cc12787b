import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A handler returns true when it answered the request. */
export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface LocalServer {
  /** Base URL on 127.0.0.1, without a trailing slash. */
  url: string;
  port: number;
  /** Every request received, as "METHOD /path?query". */
  requests: string[];
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Starts an HTTP server on a free loopback port; unanswered requests get a 404. */
export async function startLocalServer(
  handler: RequestHandler,
  port = 0,
): Promise<LocalServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    try {
      if (!(await handler(req, res, url))) {
        sendJson(res, 404, { message: `no route for ${url.pathname}` });
      }
    } catch (error) {
      sendJson(res, 500, { message: String(error) });
    }
  });
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Ways an upstream fails: an error status, a refused token, garbage, a stall, a reset, a
 * body far larger than any client should read, a body that never ends.
 */
export type UpstreamFault =
  | 'none'
  | '500'
  | '401'
  | 'malformed'
  | 'stall'
  | 'reset'
  | 'oversized'
  | 'endless';

/** How much an `oversized` answer sends at most, as fast as the client reads. */
export const OVERSIZED_BODY_BYTES = 256 * 1024 * 1024;

/** A 200 whose JSON body goes on: `total` bytes at full speed, or one byte per 100 ms. */
function streamBody(res: ServerResponse, pace: { total: number } | 'trickle') {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"items":[');
  const closed = new Promise(resolve => res.once('close', resolve));
  if (pace === 'trickle') {
    const timer = setInterval(() => res.write(' '), 100);
    closed.then(() => clearInterval(timer));
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, ' ');
  (async () => {
    for (let sent = 0; sent < pace.total && !res.destroyed; ) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        await Promise.race([
          new Promise(resolve => res.once('drain', resolve)),
          closed,
        ]);
      }
    }
    if (!res.destroyed) res.end(']}');
  })();
}

/**
 * Answers the request the way `fault` fails, and says whether it did. A stall holds the
 * answer for 30 s (longer than any client timeout in the tests).
 */
export async function answerFault(
  fault: UpstreamFault,
  req: IncomingMessage,
  res: ServerResponse,
  bodies: { unauthorized: unknown; serverError?: unknown },
): Promise<boolean> {
  if (fault === 'stall') {
    // Unref'd: a stalled answer must not keep a test process alive after its server closed.
    await new Promise(resolve => setTimeout(resolve, 30_000).unref());
  }
  if (fault === 'reset') {
    req.socket.destroy();
    return true;
  }
  if (fault === 'oversized') {
    streamBody(res, { total: OVERSIZED_BODY_BYTES });
    return true;
  }
  if (fault === 'endless') {
    streamBody(res, 'trickle');
    return true;
  }
  if (fault === '500') {
    sendJson(
      res,
      500,
      bodies.serverError ?? { message: 'internal server error' },
    );
    return true;
  }
  if (fault === 'malformed') {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"items": [');
    return true;
  }
  if (fault === '401') {
    sendJson(res, 401, bodies.unauthorized);
    return true;
  }
  return false;
}

export async function readJsonBody(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || '{}');
}
