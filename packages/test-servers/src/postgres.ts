import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root; as root, the server runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) =>
    Number(
      spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim(),
    );
  return { uid: id('-u'), gid: id('-g'), name: 'postgres' };
}

/**
 * Starts a real PostgreSQL server (initdb + pg_ctl) in a temporary directory on a free
 * loopback port, with password authentication for a superuser.
 */
export async function startPostgres(): Promise<LocalPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'forja-pg-'));
  const dataDir = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  const user = 'forja';
  const password = 'forja-test-password';
  const port = await freePort();
  const owner = serverUser();
  const asServerUser = (command: string, args: string[]) =>
    owner
      ? run('runuser', ['-u', owner.name, '--', command, ...args])
      : run(command, args);

  writeFileSync(passwordFile, password);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  await asServerUser('initdb', [
    '-D',
    dataDir,
    '-U',
    user,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--no-sync',
  ]);
  await asServerUser('pg_ctl', [
    '-D',
    dataDir,
    '-w',
    '-t',
    '60',
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async stop() {
      await asServerUser('pg_ctl', [
        '-D',
        dataDir,
        '-m',
        'immediate',
        'stop',
      ]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
