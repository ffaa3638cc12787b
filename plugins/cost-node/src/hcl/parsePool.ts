import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_DIR } from '../paths';

const WORKER_SCRIPT = path.join(PACKAGE_DIR, 'workers', 'parseHcl.js');

const POOL_SIZE = Math.max(1, Math.min(os.availableParallelism?.() ?? 2, 4));

type Pending = { resolve: (json: any) => void; reject: (error: Error) => void };

class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  private worker(): { worker: Worker; index: number } {
    if (this.workers.length < POOL_SIZE) {
      const worker = new Worker(WORKER_SCRIPT);
      const index = this.workers.length;
      worker.on('message', ({ id, result, error }) => {
        this.load[index]--;
        if (this.load[index] === 0) worker.unref();
        const waiter = this.pending.get(id)!;
        this.pending.delete(id);
        if (error) waiter.reject(new Error(error));
        else waiter.resolve(result);
      });
      worker.on('error', (error: Error) => {
        // A crashed worker fails what it had, and is replaced on the next parse.
        for (const [id, waiter] of this.pending) {
          waiter.reject(error);
          this.pending.delete(id);
        }
        this.workers.splice(this.workers.indexOf(worker), 1);
      });
      worker.unref();
      this.workers.push(worker);
      this.load.push(0);
    }
    const index = this.load.indexOf(Math.min(...this.load));
    return { worker: this.workers[index], index };
  }

  parse(name: string, text: string): Promise<any> {
    const { worker, index } = this.worker();
    const id = this.nextId++;
    this.load[index]++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, text });
    });
  }
}

let pool: ParsePool | undefined;

/**
 * hcl2json's parse of one file, on a pool of worker threads (one per core, up to 4), so a
 * tree of files parses in parallel. Idle workers do not keep the process alive.
 */
export function parseHcl(name: string, text: string): Promise<any> {
  pool ??= new ParsePool();
  return pool.parse(name, text);
}
