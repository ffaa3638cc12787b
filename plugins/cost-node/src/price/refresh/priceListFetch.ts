import { Readable, Transform } from 'node:stream';

/** A price list sending nothing for this long (no answer, or no bytes) is given up on. */
export const PRICE_LIST_STALL_MS = 60_000;
/**
 * JSON lists larger than this are refused while they download: JSON.parse cannot take a
 * longer string (V8's limit is about 512 MiB), and the lists read are far smaller.
 */
export const MAX_PRICE_LIST_JSON_BYTES = 500 * 1024 * 1024;

/**
 * The body of a public price list as a stream. The clouds' bulk files take minutes to
 * download, so the limit is on silence, not on the whole: the read fails when no byte
 * arrives for `stallMs`.
 */
export async function openPriceList(
  url: string,
  options: { stallMs?: number } = {},
): Promise<Readable> {
  const stallMs = options.stallMs ?? PRICE_LIST_STALL_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => abort.abort(new Error(`${url}: no data for ${stallMs / 1000} s`)),
      stallMs,
    );
  };
  arm();
  let response: Response;
  try {
    response = await fetch(url, { signal: abort.signal });
  } catch (error) {
    clearTimeout(timer);
    throw abort.signal.aborted ? abort.signal.reason : error;
  }
  if (!response.ok || !response.body) {
    clearTimeout(timer);
    await response.body?.cancel().catch(() => {});
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  const watched = new Transform({
    transform(chunk, _encoding, done) {
      arm();
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
  });
  watched.on('close', () => clearTimeout(timer));
  const body = Readable.fromWeb(response.body as any);
  body.on('error', error =>
    watched.destroy(abort.signal.aborted ? abort.signal.reason : error),
  );
  return body.pipe(watched);
}

/** A price list's JSON, refused past `maxBytes` while it downloads. */
export async function fetchPriceListJson<T>(
  url: string,
  options: { stallMs?: number; maxBytes?: number } = {},
): Promise<T> {
  const maxBytes = options.maxBytes ?? MAX_PRICE_LIST_JSON_BYTES;
  const body = await openPriceList(url, options);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new Error(
        `${url}: larger than the ${
          maxBytes / (1024 * 1024)
        } MiB a JSON price list may have`,
      );
    }
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}
