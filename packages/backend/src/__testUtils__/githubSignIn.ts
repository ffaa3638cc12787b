import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './backendProcess';

/** The OAuth app startBackendProcess configures (AUTH_GITHUB_CLIENT_ID and _SECRET). */
export const GITHUB_OAUTH_APP = {
  clientId: 'test-client-id',
  clientSecret: 'test-client-secret',
};

export interface CatalogUser {
  name: string;
  displayName: string;
  memberOf: string[];
  /** The `github.com/user-id` annotation, when the entity pins a GitHub account. */
  githubUserId?: string;
}

export interface GitHubSignIn {
  github: FakeGitHub;
  /** For startBackendProcess: GitHub at the double, the production catalog plus `users`. */
  backendConfig: object;
  close(): Promise<void>;
}

/**
 * A local GitHub double with an OAuth app and `githubLogins` as its accounts, and the
 * backend configuration that signs in through it (the provider's enterpriseInstanceUrl)
 * with `catalogUsers(github)` registered beside the production catalog.
 */
export async function startGitHubSignIn(options: {
  githubLogins: string[];
  catalogUsers: (github: FakeGitHub) => CatalogUser[];
}): Promise<GitHubSignIn> {
  const github = await startFakeGitHub({
    token: 'unused-integration-token',
    accounts: Object.fromEntries(
      options.githubLogins.map(login => [login, 'User' as const]),
    ),
    oauthApp: GITHUB_OAUTH_APP,
  });
  const usersFile = join(
    mkdtempSync(join(tmpdir(), 'forja-sign-in-users-')),
    'users.yaml',
  );
  writeFileSync(
    usersFile,
    options
      .catalogUsers(github)
      .map(user =>
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: {
            name: user.name,
            ...(user.githubUserId
              ? { annotations: { 'github.com/user-id': user.githubUserId } }
              : {}),
          },
          spec: {
            profile: { displayName: user.displayName },
            memberOf: user.memberOf,
          },
        }),
      )
      .join('\n---\n'),
  );
  const production = parse(
    readFileSync(join(ROOT, 'app-config.production.yaml'), 'utf8'),
  );
  return {
    github,
    backendConfig: {
      auth: {
        providers: {
          github: { production: { enterpriseInstanceUrl: github.url } },
        },
      },
      catalog: {
        locations: [
          ...production.catalog.locations,
          { type: 'file', target: usersFile },
        ],
      },
    },
    close: () => github.close(),
  };
}

/** What the sign-in popup posts to the app: the identity, or the error it shows. */
export interface AuthorizationResponse {
  type: 'authorization_response';
  response?: {
    backstageIdentity: {
      identity: {
        type: string;
        userEntityRef: string;
        ownershipEntityRefs: string[];
      };
    };
  };
  error?: { name: string; message: string };
}

/**
 * The popup's redirects without a browser: the backend's /start, GitHub's sign-in form for
 * `login`, then the backend's handler frame, whose script carries the response.
 */
export async function signInWithGitHub(
  backendBaseUrl: string,
  login: string,
): Promise<AuthorizationResponse> {
  const start = await fetch(
    `${backendBaseUrl}/api/auth/github/start?${new URLSearchParams({
      scope: 'read:user',
      env: 'production',
      origin: backendBaseUrl,
      flow: 'popup',
    })}`,
    { redirect: 'manual' },
  );
  if (start.status !== 302) {
    throw new Error(
      `/api/auth/github/start answered ${start.status}: ${await start.text()}`,
    );
  }
  // What a browser keeps: the last value per name (the backend first clears a legacy one).
  const jar = new Map<string, string>();
  for (const cookie of start.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, value] = [
      pair.slice(0, pair.indexOf('=')),
      pair.slice(pair.indexOf('=') + 1),
    ];
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
  if (!jar.has('github-nonce')) {
    throw new Error('/api/auth/github/start set no nonce cookie');
  }
  const cookies = [...jar]
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  const authorize = new URL(start.headers.get('location')!);
  const form = new URLSearchParams({ login });
  for (const name of ['client_id', 'redirect_uri', 'state', 'scope']) {
    form.set(name, authorize.searchParams.get(name) ?? '');
  }
  const session = await fetch(new URL('/session', authorize), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  if (session.status !== 302) {
    throw new Error(`GitHub's sign-in answered ${session.status}`);
  }
  const frame = await fetch(session.headers.get('location')!, {
    headers: { cookie: cookies },
    redirect: 'manual',
  });
  const html = await frame.text();
  const data = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
  if (!data) throw new Error(`no auth response in the frame: ${html}`);
  return JSON.parse(decodeURIComponent(data[1]));
}
