import express, { NextFunction, Request, Response } from 'express';
import { Server } from 'node:http';

const startedAt = Math.floor(Date.now() / 1000);
const requests = new Map<string, number>();
/** Upper bounds, in seconds, of the request duration histogram the latency SLO reads. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const bucketCounts = durationBuckets.map(() => 0);
let durationSum = 0;
let observed = 0;

function count(path: string, code: number, seconds: number): void {
  const key = `path=${JSON.stringify(path)},code="${code}"`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  durationBuckets.forEach((le, i) => {
    if (seconds <= le) bucketCounts[i] += 1;
  });
  durationSum += seconds;
  observed += 1;
}

/** Prometheus text exposition format (version 0.0.4). */
function metrics(): string {
  const lines = [
    '# HELP http_requests_total HTTP requests served, by path and status code.',
    '# TYPE http_requests_total counter',
    ...[...requests.entries()].sort().map(([labels, n]) => `http_requests_total{${labels}} ${n}`),
    '# HELP http_request_duration_seconds Time to serve HTTP requests.',
    '# TYPE http_request_duration_seconds histogram',
    ...durationBuckets.map((le, i) => `http_request_duration_seconds_bucket{le="${le}"} ${bucketCounts[i]}`),
    `http_request_duration_seconds_bucket{le="+Inf"} ${observed}`,
    `http_request_duration_seconds_sum ${durationSum}`,
    `http_request_duration_seconds_count ${observed}`,
    '# HELP process_start_time_seconds Start time of the process since the Unix epoch.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${startedAt}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Counts every response but the scrape itself, labelled by the route that served it. */
function instrument(req: Request, res: Response, next: NextFunction): void {
  const began = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path === '/metrics') return;
    const route = req.route?.path ?? (res.statusCode === 404 ? 'unmatched' : req.path);
    count(String(route), res.statusCode, Number(process.hrtime.bigint() - began) / 1e9);
  });
  next();
}

export function createApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(instrument);
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(metrics());
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    res.json({ service: process.env.SERVICE_NAME ?? 'service' });
  });
  return app;
}

export function startServer(port: number): Server {
  return createApp().listen(port);
}

if (require.main === module) {
  const server = startServer(Number(process.env.PORT ?? 8080));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
