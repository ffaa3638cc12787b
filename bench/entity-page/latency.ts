import { request } from 'node:http';
import {
  LocalServer,
  startLocalServer,
} from '../../packages/test-servers/src/http';

/**
 * A loopback proxy in front of `target` (an upstream double) that holds every request
 * `latencyMs` before forwarding it, body and headers as they are: the demo's doubles
 * answer at once, real upstreams do not.
 */
export function delayedProxy(
  target: string,
  latencyMs: number,
): Promise<LocalServer> {
  const upstream = new URL(target);
  return startLocalServer(async (req, res) => {
    await new Promise(resolve => setTimeout(resolve, latencyMs));
    await new Promise<void>(resolve => {
      const forwarded = request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
          answer.on('error', () => resolve());
        },
      );
      forwarded.on('error', error => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(error));
        resolve();
      });
      req.pipe(forwarded);
    });
    return true;
  });
}
