import {
  fetchUpstream,
  UpstreamCredentialsRejectedError,
  UpstreamResponse,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';

/** An upstream's answer as an error: credentials rejected (401/403), else unavailable. */
export async function upstreamFailure(
  upstream: string,
  response: UpstreamResponse,
  what: string,
) {
  if (response.status === 401 || response.status === 403) {
    return new UpstreamCredentialsRejectedError(
      `credentials rejected by ${upstream} (${what}: ${response.status})`,
    );
  }
  return new UpstreamUnavailableError(
    `${upstream} answered ${response.status} (${what}): ${(
      await response.excerpt(300)
    ).trim()}`,
  );
}

/**
 * An OAuth 2.0 access token from `tokenUrl` (the grant `form()` builds), kept until a
 * minute before it expires. A rejected grant (400/401, as Entra ID's invalid_client and
 * Google's invalid_grant) is an UpstreamCredentialsRejectedError.
 */
export function createOAuthToken(options: {
  upstream: string;
  tokenUrl: string;
  timeoutMs: number;
  form: () => Record<string, string>;
  now: () => number;
}): () => Promise<string> {
  const { upstream, now } = options;
  let token: { value: string; expiresAt: number } | undefined;
  return async () => {
    if (token && token.expiresAt > now()) return token.value;
    const response = await fetchUpstream({
      upstream: `${upstream} (sign-in)`,
      url: options.tokenUrl,
      method: 'POST',
      timeoutMs: options.timeoutMs,
      form: options.form(),
    });
    if (!response.ok) {
      if (response.status === 400 || response.status === 401) {
        throw new UpstreamCredentialsRejectedError(
          `credentials rejected by ${upstream} (sign-in: ${response.status})`,
        );
      }
      throw await upstreamFailure(upstream, response, 'sign-in');
    }
    const body = await response.json<{
      access_token?: string;
      expires_in?: number;
    }>();
    if (!body.access_token) {
      throw new UpstreamUnavailableError(
        `${upstream} sign-in returned no token`,
      );
    }
    token = {
      value: body.access_token,
      expiresAt: now() + (Number(body.expires_in ?? 3600) - 60) * 1000,
    };
    return token.value;
  };
}
