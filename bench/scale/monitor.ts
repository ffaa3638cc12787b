// Loaded into a backend under test with `node --require`: appends to BENCH_MONITOR_FILE,
// every second, the process's resident memory and heap and the event loop delay of that
// second (perf_hooks.monitorEventLoopDelay); on SIGUSR2, a `mark` line with the delay's
// percentiles since the previous mark, so the run can read them per phase.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_MONITOR_FILE;
// Worker threads (the cost engine's parse pool) load it too: the main thread's loop is measured.
if (file && isMainThread) {
  const second = monitorEventLoopDelay({ resolution: 10 });
  const phase = monitorEventLoopDelay({ resolution: 10 });
  second.enable();
  phase.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const line = (record: object) =>
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), ...record })}\n`);
  setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    line({
      rssMiB: Math.round(rss / 1048576),
      heapMiB: Math.round(heapUsed / 1048576),
      eldP99Ms: ms(second.percentile(99)),
      eldMaxMs: ms(second.max),
    });
    second.reset();
  }, 1000).unref();
  process.on('SIGUSR2', () => {
    line({
      mark: true,
      eldP50Ms: ms(phase.percentile(50)),
      eldP99Ms: ms(phase.percentile(99)),
      eldMaxMs: ms(phase.max),
      rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    });
    phase.reset();
  });
}
