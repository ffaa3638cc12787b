import { ChildProcess, spawn } from 'node:child_process';

/**
 * The helper process, as plain JavaScript (it ships inside this module, nothing else to
 * package): runs `execFile` for each request it receives over IPC and answers with the
 * outputs and the error, by id. When the parent goes away it stops its kubectl runs and
 * exits.
 */
const HELPER_SOURCE = `'use strict';
const { execFile } = require('node:child_process');
const running = new Set();
process.on('disconnect', () => {
  for (const child of running) child.kill('SIGKILL');
  process.exit(0);
});
const describe = error => ({
  code: error.code === undefined ? null : error.code,
  killed: Boolean(error.killed),
  signal: error.signal || null,
  message: String(error.message),
});
process.on('message', request => {
  const reply = (stdout, stderr, error) => {
    if (!process.connected) return;
    process.send({ id: request.id, stdout, stderr, error }, sendError => {
      if (sendError && process.connected)
        process.send({ id: request.id, stdout: '', stderr: '', error: describe(sendError) }, () => {});
    });
  };
  try {
    const child = execFile(
      request.file,
      request.args,
      {
        cwd: request.cwd,
        env: request.env,
        timeout: request.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: request.maxBuffer,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        running.delete(child);
        reply(String(stdout), String(stderr), error ? describe(error) : null);
      },
    );
    running.add(child);
  } catch (error) {
    reply('', '', describe(error));
  }
});
`;

/** How long past its own time limit a run may go unanswered before the helper counts as stuck. */
const ANSWER_MARGIN_MS = 5_000;
/** How long a stopped helper has to exit before it is killed. */
const STOP_GRACE_MS = 2_000;

/** One kubectl run: what `execFile` gets. */
export interface KubectlRun {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The run is killed (SIGKILL) past this. */
  timeoutMs: number;
  /** The run fails once stdout or stderr is larger. */
  maxBuffer: number;
}

/** What `execFile` reported about a failed run. */
export interface KubectlFailure {
  /** An errno name (`ENOENT`), `ERR_CHILD_PROCESS_STDIO_MAXBUFFER`, or the exit code. */
  code: string | number | null;
  killed: boolean;
  signal: string | null;
  message: string;
}

/** A finished run: its outputs, and `error` when it failed. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  error: KubectlFailure | null;
}

interface Pending {
  resolve: (result: KubectlResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Helper {
  process: ChildProcess;
  pending: Map<number, Pending>;
  exited: Promise<void>;
}

/**
 * kubectl runs spawned by a small long-lived Node process instead of this one: spawning
 * forks the calling process, which blocks its event loop for as long as copying its page
 * tables takes (tens of milliseconds for a backend of a few GB), once per run. Here the big
 * process forks once, for the helper, which is started on the first run with none of this
 * process's Node options and a minimal environment. Many runs are in flight at once,
 * matched by id. The idle helper never keeps this process alive, and exits with it. A
 * helper that dies fails the runs it had; the next run starts a new one.
 */
export class KubectlRunner {
  private helper?: Helper;
  private nextId = 0;
  private started = 0;
  private readonly answerMarginMs: number;

  constructor(options: { answerMarginMs?: number } = {}) {
    this.answerMarginMs = options.answerMarginMs ?? ANSWER_MARGIN_MS;
  }

  /** Helpers started so far. */
  get starts(): number {
    return this.started;
  }

  /** The running helper's process id. */
  get pid(): number | undefined {
    return this.helper?.process.pid;
  }

  run(request: KubectlRun): Promise<KubectlResult> {
    const helper = this.helper ?? this.start();
    const id = this.nextId++;
    return new Promise<KubectlResult>((resolve, reject) => {
      const waitMs = request.timeoutMs + this.answerMarginMs;
      // Not unref'd: a run in flight keeps the process alive until it is answered.
      const timer = setTimeout(() => {
        this.settle(helper, id)?.reject(
          new Error(
            `the kubectl runner did not answer within ${waitMs / 1000} s`,
          ),
        );
        // Its own time limit would have answered: the helper is stuck. The next run starts
        // a new one at once, not on this one before its exit is seen.
        this.detach(helper);
        helper.process.kill('SIGKILL');
      }, waitMs);
      helper.pending.set(id, { resolve, reject, timer });
      helper.process.send({ id, file: 'kubectl', ...request }, error => {
        if (error) {
          this.settle(helper, id)?.reject(
            new Error(`the kubectl runner is unreachable: ${error.message}`),
          );
        }
      });
    });
  }

  /** Stops the helper; the runs it had fail. */
  async stop(): Promise<void> {
    const helper = this.helper;
    if (!helper) return;
    this.detach(helper);
    this.fail(helper, 'the kubectl runner was stopped');
    const kill = setTimeout(
      () => helper.process.kill('SIGKILL'),
      STOP_GRACE_MS,
    );
    kill.unref();
    // The helper exits when its channel closes, stopping its kubectl runs.
    if (helper.process.connected) helper.process.disconnect();
    await helper.exited;
    clearTimeout(kill);
  }

  private start(): Helper {
    const child = spawn(process.execPath, ['-e', HELPER_SOURCE], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // No NODE_OPTIONS (profilers, --require'd monitors): spawn passes none of this
      // process's execArgv either.
      env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' },
    });
    const helper: Helper = {
      process: child,
      pending: new Map(),
      // 'error' alone when the helper could not be started. Not 'close': a channel this
      // process disconnects does not count towards it.
      exited: new Promise(resolve => {
        child.once('exit', () => resolve());
        child.once('error', () => resolve());
      }),
    };
    this.started++;
    child.on('message', (message: { id: number } & KubectlResult) => {
      const { id, stdout, stderr, error } = message;
      this.settle(helper, id)?.resolve({ stdout, stderr, error });
    });
    const gone = () => this.detach(helper);
    child.on('disconnect', gone);
    child.on('exit', gone);
    // After 'close' every answer the helper sent has been read: what is left never will be.
    child.on('close', (code, signal) => {
      gone();
      this.fail(
        helper,
        `the kubectl runner stopped (${
          signal ?? `exit code ${code}`
        }) before kubectl finished`,
      );
    });
    child.on('error', error => {
      gone();
      this.fail(helper, `the kubectl runner failed: ${error.message}`);
    });
    child.unref();
    child.channel?.unref();
    this.helper = helper;
    return helper;
  }

  /** The next run starts a new helper. */
  private detach(helper: Helper) {
    if (this.helper === helper) this.helper = undefined;
  }

  /** Takes a run out of the helper's pending runs, if it is still there. */
  private settle(helper: Helper, id: number): Pending | undefined {
    const pending = helper.pending.get(id);
    if (!pending) return undefined;
    helper.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  private fail(helper: Helper, reason: string) {
    for (const id of [...helper.pending.keys()]) {
      this.settle(helper, id)?.reject(new Error(reason));
    }
  }
}

const runner = new KubectlRunner();

/** `kubectl <args>` run by the shared helper process (see KubectlRunner). */
export function runKubectl(request: KubectlRun): Promise<KubectlResult> {
  return runner.run(request);
}

/** Stops the shared helper (tests; the helper also exits with this process). */
export function stopKustomizeRunner(): Promise<void> {
  return runner.stop();
}

/** The shared helper's process id and how many helpers it has started, for tests. */
export function kustomizeRunnerStatus(): {
  pid: number | undefined;
  starts: number;
} {
  return { pid: runner.pid, starts: runner.starts };
}
