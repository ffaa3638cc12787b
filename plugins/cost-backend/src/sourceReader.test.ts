import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSourceReader } from './sourceReader';

let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-reader-'));
  await fs.writeFile(path.join(root, 'main.tf'), 'a');
});

afterEach(() => fs.rm(root, { recursive: true, force: true }));

/** A UrlReader serving `root` for any URL with one ETag, counting reads per URL. */
function fakeReader() {
  const state = { etag: 'rev-1', reads: new Map<string, number>() };
  const reader = mockServices.urlReader.mock({
    readTree: async (url, options) => {
      state.reads.set(url, (state.reads.get(url) ?? 0) + 1);
      if (url.includes('broken')) throw new Error('GitHub answered 502');
      if (options?.etag === state.etag) throw new NotModifiedError();
      return {
        etag: state.etag,
        files: async () => [],
        archive: async () => {
          throw new Error('not used');
        },
        dir: async ({ targetDir } = {}) => {
          await fs.cp(root, targetDir!, { recursive: true });
          return targetDir!;
        },
      };
    },
  });
  return { reader, state };
}

describe('createSourceReader', () => {
  it('reads a folder on disk with a content digest; a change clears its values', async () => {
    const sources = createSourceReader<string>({
      reader: fakeReader().reader,
      revalidateMs: 0,
    });
    const source = { type: 'file' as const, dir: root };
    const first = await sources.current(source);
    expect(first.snapshot?.dir).toBe(root);
    const firstRevision = first.revision;
    expect(firstRevision).toMatch(/^sha256:/);
    first.values.set('estimate', 'kept');

    const same = await sources.current(source);
    expect(same).toBe(first);
    expect(same.values.get('estimate')).toBe('kept');

    await fs.writeFile(path.join(root, 'main.tf'), 'a longer file');
    const changed = await sources.current(source);
    expect(changed.revision).toMatch(/^sha256:/);
    expect(changed.revision).not.toBe(firstRevision);
    expect(changed.values.size).toBe(0);
  });

  it('checks a revision at most once per period', async () => {
    const { reader, state } = fakeReader();
    const sources = createSourceReader<string>({
      reader,
      revalidateMs: 60_000,
    });
    const url = 'https://github.com/acme/infra/tree/main/terraform';
    const source = { type: 'url' as const, url };
    const [a, b] = await Promise.all([
      sources.current(source),
      sources.current(source),
    ]);
    expect(a).toBe(b);
    expect(a.revision).toBe('rev-1');
    expect(
      await fs.readFile(path.join(a.snapshot!.dir, 'main.tf'), 'utf8'),
    ).toBe('a');
    state.etag = 'rev-2';
    expect((await sources.current(source)).revision).toBe('rev-1');
    expect(state.reads.get(url)).toBe(1);
  });

  it('asks again with the ETag; a new one replaces the snapshot and clears values', async () => {
    const { reader, state } = fakeReader();
    const sources = createSourceReader<string>({ reader, revalidateMs: 0 });
    const url = 'https://github.com/acme/infra/tree/main/terraform';
    const entry = await sources.current({ type: 'url', url });
    const firstDir = entry.snapshot!.dir;
    entry.values.set('estimate', 'kept');
    await sources.current({ type: 'url', url });
    expect(entry.values.get('estimate')).toBe('kept');
    state.etag = 'rev-2';
    await sources.current({ type: 'url', url });
    expect(entry.revision).toBe('rev-2');
    expect(entry.values.size).toBe(0);
    expect(existsSync(firstDir)).toBe(false);
    expect(state.reads.get(url)).toBe(3);
    await entry.snapshot!.release();
  });

  it('throws when the source cannot be read', async () => {
    const sources = createSourceReader<string>({
      reader: fakeReader().reader,
      revalidateMs: 0,
    });
    await expect(
      sources.current({ type: 'url', url: 'https://example.com/broken' }),
    ).rejects.toThrow('GitHub answered 502');
  });

  it('evicts the least recently used sources past the limit, releasing them', async () => {
    const { reader, state } = fakeReader();
    const sources = createSourceReader<string>({
      reader,
      revalidateMs: 60_000,
    });
    const urls = ['a', 'b', 'c'].map(n => `https://example.com/${n}`);
    const entries = [];
    for (const url of urls) {
      const entry = await sources.current({ type: 'url', url });
      entry.values.set('x', url);
      entries.push(entry);
    }
    entries[1].values.set('y', 'b');
    // a is used again: b is now the least recently used.
    await sources.current({ type: 'url', url: urls[0] });

    sources.evictBeyond(3);
    // The release is not awaited by evictBeyond.
    for (let i = 0; i < 100 && existsSync(entries[1].snapshot!.dir); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(existsSync(entries[1].snapshot!.dir)).toBe(false);
    expect(existsSync(entries[0].snapshot!.dir)).toBe(true);
    expect(existsSync(entries[2].snapshot!.dir)).toBe(true);

    // Kept sources are not read again; the evicted one is.
    await sources.current({ type: 'url', url: urls[0] });
    await sources.current({ type: 'url', url: urls[1] });
    expect(urls.map(url => state.reads.get(url))).toEqual([1, 2, 1]);
    for (const entry of entries) await entry.snapshot?.release();
  });
});
