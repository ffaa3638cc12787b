import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_DIR } from '../paths';

const WORKER_SCRIPT = path.join(PACKAGE_DIR, 'workers', 'parseHcl.js');

/** Workers at most: one per core, up to 4. */
export const POOL_SIZE = Math.max(
  1,
  Math.min(os.availableParallelism?.() ?? 2, 4),
);
/** A parse slower than this is stopped and its worker replaced (a file takes milliseconds). */
export const PARSE_TIMEOUT_MS = 30_000;

interface Job {
  id: number;
  name: string;
  text: string;
  resolve: (json: any) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: Job;
  retired?: boolean;
}

/**
 * Worker threads parsing HCL, one file per worker at a time (the rest wait in order), so a
 * worker that crashes, exits or hangs fails exactly the file it had: the worker is
 * replaced and the next files parse. Idle workers do not keep the process alive.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private readonly script: string;
  private readonly size: number;
  private readonly timeoutMs: number;

  constructor(
    options: { script?: string; size?: number; timeoutMs?: number } = {},
  ) {
    this.script = options.script ?? WORKER_SCRIPT;
    this.size = options.size ?? POOL_SIZE;
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
  }

  /** Workers running now (at most the pool's size). */
  get workerCount(): number {
    return this.slots.length;
  }

  parse(name: string, text: string): Promise<any> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, name, text, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; files still waiting fail. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) {
      job.reject(new Error(`the HCL parser closed before parsing ${job.name}`));
    }
    await Promise.all(
      [...this.slots].map(slot =>
        this.retire(
          slot,
          job => new Error(`the HCL parser closed while parsing ${job.name}`),
        ),
      ),
    );
  }

  private dispatch() {
    while (this.queue.length) {
      let slot = this.slots.find(s => !s.job);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script) };
    slot.worker.on('message', ({ id, result, error }) => {
      const job = slot.job;
      if (!job || job.id !== id) return;
      this.finish(slot);
      if (error) job.reject(new Error(error));
      else job.resolve(result);
    });
    slot.worker.on('error', (error: Error) =>
      this.retire(
        slot,
        job =>
          new Error(
            `the HCL parser failed while parsing ${job.name}: ${error.message}`,
          ),
      ),
    );
    slot.worker.on('exit', code =>
      this.retire(
        slot,
        job =>
          new Error(
            `the HCL parser stopped while parsing ${job.name} (exit code ${code})`,
          ),
      ),
    );
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job) {
    slot.job = job;
    slot.worker.ref();
    job.timer = setTimeout(
      () =>
        this.retire(
          slot,
          () =>
            new Error(
              `the HCL parser took longer than ${this.timeoutMs / 1000} s on ${
                job.name
              }`,
            ),
        ),
      this.timeoutMs,
    );
    slot.worker.postMessage({ id: job.id, name: job.name, text: job.text });
  }

  /** The slot's job is done: the worker is free for the next file. */
  private finish(slot: Slot) {
    clearTimeout(slot.job?.timer);
    slot.job = undefined;
    slot.worker.unref();
    this.dispatch();
  }

  /** Takes a worker out of the pool, failing only the file it had, and goes on. */
  private async retire(slot: Slot, reason: (job: Job) => Error) {
    if (slot.retired) return;
    slot.retired = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    const job = slot.job;
    if (job) {
      clearTimeout(job.timer);
      slot.job = undefined;
      job.reject(reason(job));
    }
    this.dispatch();
    await slot.worker.terminate();
  }
}

let pool: ParsePool | undefined;

/**
 * hcl2json's parse of one file, on a pool of worker threads (one per core, up to 4), so a
 * tree of files parses in parallel; a crashed or stuck worker fails only its own file.
 */
export function parseHcl(name: string, text: string): Promise<any> {
  pool ??= new ParsePool();
  return pool.parse(name, text);
}
