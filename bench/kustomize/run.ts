/* eslint-disable no-console */
// How long spawning kubectl blocks a big backend's event loop: a process holding ~1.5 GB
// (touched, so its page tables are full) runs 50 builds of a tiny kustomization one after
// another, with execFile directly, then through the kubectl runner (one helper process
// spawns kubectl). Prints, for each, the time spent inside the spawning call (synchronous,
// the event loop blocked) and the event loop's delay (max, p99) while the builds ran.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  runKubectl,
  stopKustomizeRunner,
} from '../../plugins/cost-node/src/kubernetes/kustomizeRunner';
import { median } from '../lib/stats';

const HELD_MB = Number(process.env.HELD_MB ?? 1536);
const BUILDS = Number(process.env.BUILDS ?? 50);
const CHUNK_MB = 64;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

/** Memory held and touched, as a backend's heap of 10,000 components would be. */
function hold(mb: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let done = 0; done < mb; done += CHUNK_MB) {
    chunks.push(Buffer.alloc(CHUNK_MB * 1024 * 1024, done & 0xff || 1));
  }
  return chunks;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * Runs `build` BUILDS times one after another; `build` resolves with the synchronous time
 * of its spawning call.
 */
async function measure(name: string, build: () => Promise<number>) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const spans: number[] = [];
  for (let i = 0; i < BUILDS; i++) spans.push(await build());
  const total = performance.now() - started;
  delay.disable();
  const sum = spans.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(16)} spawn call: total ${ms(sum)}, median ${ms(
      median(spans),
    )}, first ${ms(spans[0])}, max ${ms(Math.max(...spans))} | ` +
      `loop delay max ${ms(delay.max / 1e6)}, p99 ${ms(
        delay.percentile(99) / 1e6,
      )} | wall ${ms(total)}`,
  );
}

async function main() {
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'forja-bench-kustomize-'),
  );
  await fs.writeFile(
    path.join(dir, 'kustomization.yaml'),
    'resources:\n  - deployment.yaml\n',
  );
  await fs.writeFile(path.join(dir, 'deployment.yaml'), DEPLOYMENT);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
  const args = ['kustomize', dir];

  const held = hold(HELD_MB);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(
    `holding ${held.length * CHUNK_MB} MB (RSS ${rss.toFixed(
      0,
    )} MB), ${BUILDS} builds each`,
  );

  await measure('execFile', () => {
    let span = 0;
    return new Promise<number>((resolve, reject) => {
      const before = performance.now();
      execFile('kubectl', args, { cwd: dir, env, encoding: 'utf8' }, error =>
        error ? reject(error) : resolve(span),
      );
      span = performance.now() - before;
    });
  });

  await measure('kubectl runner', async () => {
    const before = performance.now();
    const running = runKubectl({
      args,
      cwd: dir,
      env,
      timeoutMs: 30_000,
      maxBuffer: 1024 * 1024,
    });
    const span = performance.now() - before;
    const { error } = await running;
    if (error) throw new Error(error.message);
    return span;
  });

  await stopKustomizeRunner();
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
