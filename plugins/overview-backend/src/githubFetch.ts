import { ServiceUnavailableError } from '@backstage/errors';

/** Each GitHub call of a promotion answers within this, body included. */
export const PROMOTE_REQUEST_TIMEOUT_MS = 15_000;
/** The largest GitHub answer a promotion reads (a 1 MB file's contents is about 1.4 MB). */
export const PROMOTE_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const mebibytes = (bytes: number) =>
  `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

class ResponseTooLargeError extends Error {
  name = 'ResponseTooLargeError';
}

/**
 * The `fetch` Octokit calls: a timeout over the whole exchange (the answer's body
 * included) and at most `maxBytes` of body. Either failure, and a network failure, is
 * a ServiceUnavailableError naming `upstream`; Octokit wraps it in a response-less
 * RequestError, which `unwrapUnavailable` turns back.
 */
export function boundedFetch(options: {
  upstream: string;
  timeoutMs: number;
  maxBytes: number;
}): typeof fetch {
  const { upstream, timeoutMs, maxBytes } = options;
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal
      ? AbortSignal.any([init.signal, timeout])
      : timeout;
    try {
      const response = await fetch(input, { ...init, signal });
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new ResponseTooLargeError();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body ?? []) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new ResponseTooLargeError();
        chunks.push(chunk);
      }
      return new Response(size ? Buffer.concat(chunks) : null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      const name = (error as Error).name;
      let cause: string;
      if (name === 'ResponseTooLargeError')
        cause = `an answer larger than ${mebibytes(maxBytes)}`;
      else if (name === 'TimeoutError' || timeout.aborted)
        cause = `no answer within ${timeoutMs / 1000} s`;
      else
        cause = String(
          (error as { cause?: { code?: string } }).cause?.code ??
            (error as Error).message,
        );
      throw new ServiceUnavailableError(`${upstream} is unavailable: ${cause}`);
    }
  };
}

/**
 * Octokit reports a failed `fetch` as a RequestError with status 500 and no response:
 * that is GitHub not answering (our message), not GitHub answering 500.
 */
export function unwrapUnavailable(error: unknown): unknown {
  const e = error as { name?: string; status?: number; response?: unknown };
  if (e?.name === 'HttpError' && e.status === 500 && !e.response)
    return new ServiceUnavailableError((error as Error).message);
  return error;
}
