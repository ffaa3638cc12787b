import path from 'node:path';
import { ParsePool } from './parsePool';

const UNRULY_WORKER = path.join(
  __dirname,
  '__fixtures__',
  'unrulyParseWorker.js',
);

describe('ParsePool', () => {
  let pool: ParsePool;
  beforeEach(() => {
    pool = new ParsePool({ script: UNRULY_WORKER, size: 2, timeoutMs: 2000 });
  });
  afterEach(() => pool.close());

  it('fails only the job of a worker that exits mid-parse, and replaces the worker', async () => {
    const slow = pool.parse('slow.tf', 'slow');
    const crash = pool.parse('exit.tf', 'exit');
    await expect(crash).rejects.toThrow(
      'the HCL parser stopped while parsing exit.tf (exit code 3)',
    );
    await expect(slow).resolves.toEqual({ name: 'slow.tf', text: 'slow' });
    const after = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.parse(`ok-${i}.tf`, `ok-${i}`)),
    );
    expect(after.map(r => r.text)).toEqual(
      [0, 1, 2, 3, 4, 5].map(i => `ok-${i}`),
    );
    expect(pool.workerCount).toBeLessThanOrEqual(2);
  }, 30_000);

  it('fails only the job of a worker that throws, not the other worker’s', async () => {
    const slow = pool.parse('slow.tf', 'slow');
    const crash = pool.parse('throw.tf', 'throw');
    await expect(crash).rejects.toThrow(
      'the HCL parser failed while parsing throw.tf: worker blew up',
    );
    await expect(slow).resolves.toEqual({ name: 'slow.tf', text: 'slow' });
    await expect(pool.parse('next.tf', 'next')).resolves.toEqual({
      name: 'next.tf',
      text: 'next',
    });
  }, 30_000);

  it('stops a parse that takes longer than its limit, and goes on', async () => {
    const hung = pool.parse('hang.tf', 'hang');
    await expect(hung).rejects.toThrow(
      'the HCL parser took longer than 2 s on hang.tf',
    );
    await expect(pool.parse('next.tf', 'next')).resolves.toEqual({
      name: 'next.tf',
      text: 'next',
    });
  }, 30_000);

  it('keeps working through repeated crashes, never above its size', async () => {
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([
        pool.parse('exit.tf', 'exit'),
        pool.parse(`ok-${round}.tf`, `ok-${round}`),
        pool.parse('throw.tf', 'throw'),
      ]);
      expect(results.map(r => r.status)).toEqual([
        'rejected',
        'fulfilled',
        'rejected',
      ]);
      expect(pool.workerCount).toBeLessThanOrEqual(2);
    }
  }, 60_000);
});

describe('parseHcl', () => {
  it('parses with the real worker', async () => {
    const { parseHcl } = await import('./parsePool');
    expect(
      await parseHcl('main.tf', 'variable "region" { default = "eu-west-1" }'),
    ).toEqual({ variable: { region: [{ default: 'eu-west-1' }] } });
  }, 30_000);
});
