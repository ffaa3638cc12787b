import { UrlReaderService } from '@backstage/backend-plugin-api';
import { existsSync } from 'node:fs';
import { readSource, revalidateSource, SourceCheck } from './sources';

const source = {
  type: 'url' as const,
  url: 'https://github.com/acme/shop/tree/main/k8s',
};

/** A UrlReader whose readTree never answers, whatever signal it is given. */
function hangingReader() {
  const signals: AbortSignal[] = [];
  const reader = {
    readTree: async (_url: string, options?: { signal?: AbortSignal }) => {
      signals.push(options!.signal!);
      return new Promise<never>(() => {});
    },
  } as unknown as UrlReaderService;
  return { reader, signals };
}

describe('readSource', () => {
  it('gives up on a folder read that never answers, and aborts it', async () => {
    const { reader, signals } = hangingReader();
    await expect(
      readSource(source, reader, undefined, { timeoutMs: 200 }),
    ).rejects.toThrow(
      'reading https://github.com/acme/shop/tree/main/k8s took longer than 0.2 s',
    );
    expect(signals[0].aborted).toBe(true);
  });

  it('removes the folder it made when extracting the tree fails', async () => {
    let target = '';
    const reader = {
      readTree: async () => ({
        etag: 'e1',
        dir: async ({ targetDir }: { targetDir: string }) => {
          target = targetDir;
          throw new Error('archive truncated');
        },
      }),
    } as unknown as UrlReaderService;
    await expect(readSource(source, reader)).rejects.toThrow(
      'archive truncated',
    );
    expect(target).not.toBe('');
    expect(existsSync(target)).toBe(false);
  });
});

describe('revalidateSource', () => {
  it('lets the next view read again after a read that never answered', async () => {
    const { reader, signals } = hangingReader();
    const check: SourceCheck = { checkedAt: 0 };
    const options = {
      source,
      reader,
      revalidateMs: 0,
      timeoutMs: 200,
      onChange: async () => {},
    };
    await expect(revalidateSource(check, options)).rejects.toThrow(
      /took longer than 0.2 s/,
    );
    expect(check.checking).toBeUndefined();
    await expect(revalidateSource(check, options)).rejects.toThrow(
      /took longer than 0.2 s/,
    );
    expect(signals).toHaveLength(2);
  });
});
