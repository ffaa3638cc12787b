/** An upstream that could not answer: down, slow, reset, or returning garbage. */
export class UpstreamUnavailableError extends Error {
  name = 'UpstreamUnavailableError';
}

/** The upstream refused the configured credentials. */
export class UpstreamCredentialsRejectedError extends Error {
  name = 'UpstreamCredentialsRejectedError';
}

/** The upstream understood the request and refused it (400 or 409), with its reason. */
export class UpstreamRequestRefusedError extends Error {
  name = 'UpstreamRequestRefusedError';
}

/** At most `limit` calls run at once; the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * One HTTP call to a configured upstream with a timeout and no redirects. Network
 * failures and timeouts become UpstreamUnavailableError naming `upstream`.
 */
export async function fetchUpstream(options: {
  upstream: string;
  url: string;
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}): Promise<Response> {
  const { upstream, token, body, timeoutMs } = options;
  try {
    return await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const cause =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : String(
            (error as { cause?: { code?: string } }).cause?.code ??
              (error as Error).message,
          );
    throw new UpstreamUnavailableError(`${upstream} is unavailable: ${cause}`);
  }
}

/** The body as JSON; a body that breaks off or is not JSON makes the upstream unavailable. */
export async function readUpstreamJson<T>(
  upstream: string,
  response: Response,
): Promise<T> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new UpstreamUnavailableError(
      `${upstream} is unavailable: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UpstreamUnavailableError(`${upstream} returned malformed JSON`);
  }
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
