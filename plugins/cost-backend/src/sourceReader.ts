import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  revalidateSource,
  SourceCheck,
  SourceLocation,
  sourceKey,
  SourceSnapshot,
} from '@forja/plugin-forja-node';

/** A source as last read: its snapshot on disk, its revision, and what was made from it. */
export interface SourceRevision<V> extends SourceCheck {
  snapshot?: SourceSnapshot;
  /** Values made from this revision; cleared when the revision changes. */
  values: Map<string, V>;
}

export interface SourceReader<V> {
  /**
   * The source's entry with a checked revision: read through the UrlReader (an ETag) or
   * from disk (a digest) at most once per `revalidateMs`, concurrent callers sharing one
   * read. Throws when the source cannot be read.
   */
  current(source: SourceLocation): Promise<SourceRevision<V>>;
  /**
   * Forgets the least recently used sources (releasing their snapshots) until at most
   * `maxValues` values are kept over all sources.
   */
  evictBeyond(maxValues: number): void;
}

export function createSourceReader<V>(options: {
  reader: UrlReaderService;
  revalidateMs: number;
}): SourceReader<V> {
  const { reader, revalidateMs } = options;
  const entries = new Map<string, SourceRevision<V>>();

  return {
    async current(source) {
      const key = sourceKey(source);
      let entry = entries.get(key);
      if (!entry) {
        entry = { checkedAt: 0, values: new Map() };
        entries.set(key, entry);
      }
      // Most recently used last, for eviction.
      entries.delete(key);
      entries.set(key, entry);
      const target = entry;
      await revalidateSource(target, {
        source,
        reader,
        revalidateMs,
        onChange: async snapshot => {
          await target.snapshot?.release();
          target.snapshot = snapshot;
          target.values.clear();
        },
      });
      return entry;
    },

    evictBeyond(maxValues) {
      let values = [...entries.values()].reduce((n, s) => n + s.values.size, 0);
      for (const [key, entry] of entries) {
        if (values <= maxValues) break;
        values -= entry.values.size;
        entries.delete(key);
        entry.snapshot?.release().catch(() => {});
      }
    },
  };
}
