import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestPackages } from './debian';
import { freePort } from './postgres';

export interface LocalRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const PASSWORD = 'forja-test-redis-password';

/** Answers when Redis accepts connections: PING until PONG. */
async function waitForPong(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const pong = await new Promise<boolean>(resolve => {
      const socket = createConnection({ host: '127.0.0.1', port }, () =>
        socket.write(`AUTH ${PASSWORD}\r\nPING\r\n`),
      );
      socket.on('data', data => {
        if (data.toString().includes('+PONG')) {
          socket.end();
          resolve(true);
        }
      });
      socket.on('error', () => resolve(false));
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (pong) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
}

/**
 * Starts a real `redis-server` (the Debian package, installed when missing) on a free
 * loopback port, with a password and no persistence.
 */
export async function startRedis(): Promise<LocalRedis> {
  ensureTestPackages('redis');
  const dir = mkdtempSync(join(tmpdir(), 'forja-redis-'));
  const port = await freePort();
  const server: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--requirepass',
      PASSWORD,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  await waitForPong(port, Date.now() + 30_000);
  return {
    url: `redis://:${PASSWORD}@127.0.0.1:${port}`,
    port,
    async stop() {
      server.kill('SIGTERM');
      await new Promise(resolve => server.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
