import { spawn } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  KubectlRun,
  KubectlRunner,
  kustomizeRunnerStatus,
  runKubectl,
  stopKustomizeRunner,
} from './kustomizeRunner';

jest.setTimeout(60_000);

/**
 * A fake `kubectl`: `echo <text> <seconds>`, `sleep <seconds>`,
 * `mark <file> <seconds>` (writes its pid to the file, then sleeps), `flood <bytes>`, `fail`.
 */
const FAKE_KUBECTL = `#!/bin/sh
case "$1" in
  echo) sleep "$3"; printf '%s' "$2" ;;
  sleep) exec sleep "$2" ;;
  mark) echo $$ > "$2"; exec sleep "$3" ;;
  flood) head -c "$2" /dev/zero | tr '\\0' x ;;
  fail) echo "error: no kustomization here" >&2; exit 3 ;;
esac
`;

let bin: string;
let runner: KubectlRunner;

beforeAll(async () => {
  bin = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-runner-test-'));
  await fs.writeFile(path.join(bin, 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
});
afterAll(async () => {
  await stopKustomizeRunner();
  await fs.rm(bin, { recursive: true, force: true });
});
beforeEach(() => {
  runner = new KubectlRunner();
});
afterEach(() => runner.stop());

const run = (...args: string[]): KubectlRun => ({
  args,
  cwd: bin,
  env: { PATH: `${bin}:${process.env.PATH}` },
  timeoutMs: 30_000,
  maxBuffer: 1024 * 1024,
});

/** Whether the process runs (a zombie nobody reaped has ended). */
const isAlive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('KubectlRunner', () => {
  it('answers many runs in flight at once, each with its own output, from one helper', async () => {
    const delays = ['0.3', '0', '0.1', '0.2'];
    const runs = Array.from({ length: 40 }, (_, i) =>
      run('echo', `run ${i}`, delays[i % delays.length]),
    );
    const started = Date.now();
    const results = await Promise.all(runs.map(r => runner.run(r)));
    expect(results.map(r => r.stdout)).toEqual(runs.map(r => r.args[1]));
    expect(results.every(r => r.error === null)).toBe(true);
    // In parallel: one after another they would take 6 s.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(runner.starts).toBe(1);

    await runner.run(run('echo', 'later', '0'));
    expect(runner.starts).toBe(1);
  });

  it('fails the run a killed helper had, and starts a new helper for the next', async () => {
    const marker = path.join(bin, 'started');
    const running = runner.run(run('mark', marker, '5'));
    const first = runner.pid!;
    // The run has reached the helper once its kubectl is running.
    await until(() => existsSync(marker));
    process.kill(first, 'SIGKILL');
    await expect(running).rejects.toThrow(
      'the kubectl runner stopped (SIGKILL) before kubectl finished',
    );

    const next = await runner.run(run('echo', 'again', '0'));
    expect(next.stdout).toBe('again');
    expect(runner.starts).toBe(2);
    expect(runner.pid).not.toBe(first);
    // The killed helper's kubectl is left running: end it.
    process.kill(Number(await fs.readFile(marker, 'utf8')), 'SIGKILL');
  });

  it('fails a run the helper does not answer in time, and replaces the stuck helper', async () => {
    const stuck = new KubectlRunner({ answerMarginMs: 200 });
    try {
      await stuck.run(run('echo', 'started', '0'));
      const first = stuck.pid!;
      process.kill(first, 'SIGSTOP');
      await expect(
        stuck.run({ ...run('echo', 'never', '0'), timeoutMs: 100 }),
      ).rejects.toThrow('the kubectl runner did not answer within 0.3 s');
      // At once, before the stuck helper's exit is seen: the next run goes to a new one.
      const next = await stuck.run(run('echo', 'again', '0'));
      expect(next.stdout).toBe('again');
      expect(stuck.starts).toBe(2);
      await until(() => !isAlive(first));
    } finally {
      await stuck.stop();
    }
  });

  it("starts the helper with none of this process's Node options and only PATH", async () => {
    const saved = { ...process.env };
    process.env.NODE_OPTIONS = '--max-old-space-size=123';
    process.env.FORJA_RUNNER_TEST_SECRET = 'hunter2';
    try {
      await runner.run(run('echo', 'started', '0'));
    } finally {
      process.env.NODE_OPTIONS = saved.NODE_OPTIONS;
      if (saved.NODE_OPTIONS === undefined) delete process.env.NODE_OPTIONS;
      delete process.env.FORJA_RUNNER_TEST_SECRET;
    }
    const pid = runner.pid!;
    const environ = (await fs.readFile(`/proc/${pid}/environ`, 'utf8'))
      .split('\0')
      .filter(Boolean)
      .map(entry => entry.slice(0, entry.indexOf('=')));
    expect(environ.sort()).toEqual(
      ['NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE', 'PATH'].sort(),
    );
    const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split(
      '\0',
    );
    expect(argv[1]).toBe('-e');
  });

  it('reports a time limit, an output bound and a failure as execFile does', async () => {
    const slow = await runner.run({ ...run('sleep', '30'), timeoutMs: 300 });
    expect(slow.error).toMatchObject({ killed: true, signal: 'SIGKILL' });

    const loud = await runner.run({ ...run('flood', '1000'), maxBuffer: 100 });
    expect(loud.error).toMatchObject({
      code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
    });

    const failed = await runner.run(run('fail'));
    expect(failed.error).toMatchObject({ code: 3, killed: false });
    expect(failed.stderr).toBe('error: no kustomization here\n');

    const missing = await runner.run({ ...run('fail'), env: { PATH: '/' } });
    expect(missing.error).toMatchObject({ code: 'ENOENT' });
  });

  it('lets the process exit once its runs are answered, and the helper exits with it', async () => {
    // A process that only waits for one run: the run keeps it alive (or the top-level await
    // would end it with exit code 13), the idle helper does not (or it would never exit).
    const script = `
      import { KubectlRunner } from ${JSON.stringify(
        path.join(__dirname, 'kustomizeRunner.ts'),
      )};
      const runner = new KubectlRunner();
      const result = await runner.run(${JSON.stringify(
        run('echo', 'answered', '0.5'),
      )});
      console.log(JSON.stringify({ stdout: result.stdout, pid: runner.pid }));
    `;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
        '-e',
        script,
      ],
      { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(deadline);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { stdout: answered, pid } = JSON.parse(stdout);
    expect(answered).toBe('answered');
    await until(() => !isAlive(pid));
  });
});

describe('runKubectl', () => {
  it('runs on one shared helper, which stopKustomizeRunner stops', async () => {
    const before = kustomizeRunnerStatus().starts;
    const results = await Promise.all(
      ['a', 'b', 'c'].map(text => runKubectl(run('echo', text, '0'))),
    );
    expect(results.map(r => r.stdout)).toEqual(['a', 'b', 'c']);
    const { pid, starts } = kustomizeRunnerStatus();
    expect(starts).toBe(before + 1);

    await stopKustomizeRunner();
    expect(kustomizeRunnerStatus().pid).toBeUndefined();
    await until(() => !isAlive(pid!));
  });
});
