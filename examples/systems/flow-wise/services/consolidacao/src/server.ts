import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

const startedAt = Math.floor(Date.now() / 1000);
const requests = new Map<string, number>();

function count(path: string, code: number): void {
  const key = `path=${JSON.stringify(path)},code="${code}"`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
}

/** Prometheus text exposition format (version 0.0.4). */
function metrics(): string {
  const lines = [
    '# HELP http_requests_total HTTP requests served, by path and status code.',
    '# TYPE http_requests_total counter',
    ...[...requests.entries()].sort().map(([labels, n]) => `http_requests_total{${labels}} ${n}`),
    '# HELP process_start_time_seconds Start time of the process since the Unix epoch.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${startedAt}`,
  ];
  return `${lines.join('\n')}\n`;
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET') {
    res.writeHead(405).end();
  } else if (path === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics());
    return;
  } else if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  } else {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ service: process.env.SERVICE_NAME ?? 'service' }));
  }
  count(path, res.statusCode);
}

export function startServer(port: number): Server {
  return createServer(handle).listen(port);
}

if (require.main === module) {
  const server = startServer(Number(process.env.PORT ?? 8080));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
