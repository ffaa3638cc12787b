import { ensureTestPackages } from '@forja/test-servers';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'fs-extra';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FORJA_ROOT } from '../cli/forjaRoot';

const run = promisify(execFile);
const LANGUAGES = path.join(FORJA_ROOT, 'templates/service/skeleton/languages');
const PYTHON = '/usr/bin/python3';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function copyLanguage(language: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `forja-${language}-`));
  await fs.copy(path.join(LANGUAGES, language), dir);
  return dir;
}

/** Starts the service, then asserts what every generated service serves. */
async function expectServes(start: (port: number) => ChildProcess) {
  const port = await freePort();
  const child = start(port);
  const base = `http://127.0.0.1:${port}`;
  try {
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health; i++) {
      health = await fetch(`${base}/healthz`).catch(() => undefined);
      if (!health) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toEqual({ status: 'ok' });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(
      /^text\/plain; version=0\.0\.4/,
    );
    const body = await metrics.text();
    expect(body).toMatch(/^# TYPE http_requests_total counter$/m);
    // Label order is the library's choice (Go and Node: path first; prometheus_client sorts).
    expect(body).toMatch(
      /^http_requests_total\{(?=[^}]*path="\/healthz")(?=[^}]*code="200")[^}]*\} 1(\.0)?$/m,
    );
  } finally {
    child.kill();
  }
}

describe('service skeleton code builds, tests and serves /healthz and /metrics', () => {
  it('Go', async () => {
    // Debian's Go (1.19) is older than the image's; the skeleton keeps to what both compile.
    ensureTestPackages('go');
    const dir = await copyLanguage('go');
    const env = {
      ...process.env,
      GOCACHE: path.join(dir, '.cache'),
      GOPATH: path.join(dir, '.gopath'),
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
    };
    const { stdout: unformatted } = await run('gofmt', ['-l', '.'], {
      cwd: dir,
      env,
    });
    expect(unformatted).toBe('');
    await run('go', ['vet', './...'], { cwd: dir, env });
    await run('go', ['test', './...'], { cwd: dir, env });
    await run('go', ['build', '-o', 'service', '.'], { cwd: dir, env });
    await expectServes(port =>
      spawn(path.join(dir, 'service'), [], {
        env: { ...process.env, PORT: String(port) },
      }),
    );
  }, 240_000);

  it('Node.js (TypeScript)', async () => {
    const dir = await copyLanguage('node');
    await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
    });
    await run('npm', ['test'], { cwd: dir });
    await expectServes(port =>
      spawn(process.execPath, ['dist/server.js'], {
        cwd: dir,
        env: { ...process.env, PORT: String(port) },
      }),
    );
  }, 240_000);

  it('Python (FastAPI)', async () => {
    ensureTestPackages('python');
    const dir = await copyLanguage('python');
    await run(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
      cwd: dir,
    });
    await expectServes(port =>
      spawn(
        PYTHON,
        [
          '-m',
          'uvicorn',
          'app.main:app',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
        ],
        { cwd: dir },
      ),
    );
  }, 240_000);
});
