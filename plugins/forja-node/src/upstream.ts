import { ConflictError, ServiceUnavailableError } from '@backstage/errors';

// Backstage's error handler answers by an error's name: these keep their base's
// (ServiceUnavailableError: 503, ConflictError: 409) and are told apart by class.

/** An upstream that could not answer: down, slow, reset, or returning garbage. */
export class UpstreamUnavailableError extends ServiceUnavailableError {}

/** The upstream refused the configured credentials: the portal's problem, not the user's. */
export class UpstreamCredentialsRejectedError extends ServiceUnavailableError {}

/** The upstream understood the request and refused it (400 or 409), with its reason. */
export class UpstreamRequestRefusedError extends ConflictError {}

/**
 * At most `limit` calls run at once; the rest wait in order. With `maxWaitMs`, a call that
 * waited that long for its turn fails (UpstreamUnavailableError naming `upstream`) and
 * leaves the queue, so a slow upstream cannot gather an ever longer line of requests.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(
    private readonly limit: number,
    private readonly options: { maxWaitMs?: number; upstream?: string } = {},
  ) {}

  private turn(): Promise<void> {
    const { maxWaitMs, upstream = 'the upstream' } = this.options;
    return new Promise((resolve, reject) => {
      const wait: { timer?: NodeJS.Timeout } = {};
      const start = () => {
        clearTimeout(wait.timer);
        resolve();
      };
      this.waiting.push(start);
      if (maxWaitMs === undefined) return;
      wait.timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        reject(
          new UpstreamUnavailableError(
            `${upstream} is busy: no free connection within ${
              maxWaitMs / 1000
            } s (${this.limit} in use)`,
          ),
        );
      }, maxWaitMs);
    });
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await this.turn();
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Bodies larger than this are refused, unless the plugin's config gives another limit. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** What an error answer's message is read from, at most. */
const ERROR_EXCERPT_BYTES = 16 * 1024;

/** The upstream answered more than a response may have: unavailable, for the cards. */
export class UpstreamResponseTooLargeError extends UpstreamUnavailableError {}

/** `32 MiB`, `512 KiB`, `1000 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
    return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function failureCause(error: unknown, timeoutMs: number, waitingFor: string) {
  return (error as Error).name === 'TimeoutError'
    ? `no ${waitingFor} within ${timeoutMs / 1000} s`
    : String(
        (error as { cause?: { code?: string } }).cause?.code ??
          (error as Error).message,
      );
}

/**
 * An upstream's answer whose body is read at most up to its limit: past it the stream is
 * cancelled (the rest is never received) and the read fails naming the upstream and the
 * limit. The request's time limit covers the body too.
 */
export class UpstreamResponse {
  constructor(
    private readonly response: Response,
    private readonly options: {
      upstream: string;
      timeoutMs: number;
      maxBytes: number;
    },
  ) {}

  get status(): number {
    return this.response.status;
  }

  get ok(): boolean {
    return this.response.ok;
  }

  get headers(): Headers {
    return this.response.headers;
  }

  private tooLarge() {
    return new UpstreamResponseTooLargeError(
      `${this.options.upstream} answered more than the ${formatBytes(
        this.options.maxBytes,
      )} a response may have`,
    );
  }

  /** The body's bytes; `truncate` keeps the first maxBytes instead of failing. */
  private async bytes(maxBytes: number, truncate: boolean): Promise<Buffer> {
    const { upstream, timeoutMs } = this.options;
    const body = this.response.body;
    if (!body) return Buffer.alloc(0);
    const declared = Number(this.response.headers.get('content-length'));
    if (!truncate && declared > maxBytes) {
      await body.cancel().catch(() => {});
      throw this.tooLarge();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (size + value.byteLength > maxBytes) {
          await reader.cancel().catch(() => {});
          if (!truncate) throw this.tooLarge();
          chunks.push(value.subarray(0, maxBytes - size));
          size = maxBytes;
          break;
        }
        chunks.push(value);
        size += value.byteLength;
      }
    } catch (error) {
      if (error instanceof UpstreamResponseTooLargeError) throw error;
      throw new UpstreamUnavailableError(
        `${upstream} is unavailable: ${failureCause(
          error,
          timeoutMs,
          'complete answer',
        )}`,
      );
    }
    return Buffer.concat(chunks, size);
  }

  async text(): Promise<string> {
    return (await this.bytes(this.options.maxBytes, false)).toString('utf8');
  }

  /** The body as JSON; a body that breaks off or is not JSON makes the upstream unavailable. */
  async json<T>(): Promise<T> {
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new UpstreamUnavailableError(
        `${this.options.upstream} returned malformed JSON`,
      );
    }
  }

  /** The first bytes of the body as text, the rest dropped (for an error's message); never fails. */
  async excerpt(maxBytes = ERROR_EXCERPT_BYTES): Promise<string> {
    try {
      return (await this.bytes(maxBytes, true)).toString('utf8');
    } catch {
      return '';
    }
  }
}

/** A form (OAuth token endpoints) as URL-encoded text, else the body as JSON, if any. */
function requestBody(body: unknown, form?: Record<string, string>) {
  if (form) return new URLSearchParams(form).toString();
  return body !== undefined ? JSON.stringify(body) : undefined;
}

/**
 * One HTTP call to a configured upstream with a timeout (for the answer and its body), no
 * redirects and a size limit on the body. Network failures and timeouts become
 * UpstreamUnavailableError naming `upstream`.
 */
export async function fetchUpstream(options: {
  upstream: string;
  url: string;
  method?: string;
  token?: string;
  body?: unknown;
  /** A form body (`application/x-www-form-urlencoded`, as OAuth token endpoints take), instead of JSON. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Defaults to DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
}): Promise<UpstreamResponse> {
  const { upstream, token, body, timeoutMs } = options;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.form
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
        ...options.headers,
      },
      body: requestBody(body, options.form),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new UpstreamUnavailableError(
      `${upstream} is unavailable: ${failureCause(error, timeoutMs, 'answer')}`,
    );
  }
  return new UpstreamResponse(response, {
    upstream,
    timeoutMs,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
}

/** The body as JSON, within its limit (see UpstreamResponse.json). */
export function readUpstreamJson<T>(
  _upstream: string,
  response: UpstreamResponse,
): Promise<T> {
  return response.json<T>();
}

/** True for an upstream that did not answer or refused the credentials (not a bug of ours). */
export function isUpstreamFailure(
  error: unknown,
): error is UpstreamUnavailableError | UpstreamCredentialsRejectedError {
  return (
    error instanceof UpstreamUnavailableError ||
    error instanceof UpstreamCredentialsRejectedError
  );
}

/** How a failed upstream shows up in a card: its status and a message for people. */
export function upstreamStatus(error: unknown): {
  status: 'unavailable' | 'credentials-rejected';
  message: string;
} {
  return {
    status:
      error instanceof UpstreamCredentialsRejectedError
        ? 'credentials-rejected'
        : 'unavailable',
    message: (error as Error).message,
  };
}

/**
 * An upstream base URL from config, without trailing slashes; anything but plain http(s)
 * (a query, a fragment, credentials) fails at start-up naming the config key.
 */
export function upstreamBaseUrl(value: string, key: string): string {
  const url = value.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#@]+(\/[^?#@]*)?$/.test(url)) {
    throw new Error(
      `${key} must be an http(s) URL without query or credentials, got "${value}"`,
    );
  }
  return url;
}
