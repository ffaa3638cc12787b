import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeIssueComment, issueCommentRoutes } from './githubIssueComments';
import { pullPageHtml } from './githubPullPage';
import { escapeHtml } from './html';
import { LocalServer, sendJson, startLocalServer } from './http';

const run = promisify(execFile);

export interface FakeGitHubOptions {
  /** The token the server accepts (REST: `token`/`Bearer`, git: Basic x-access-token). */
  token: string;
  /** Accounts that exist, with their type. */
  accounts: Record<string, 'User' | 'Organization'>;
  /** Repositories that already exist ("owner/name"). */
  existingRepositories?: string[];
  /**
   * An OAuth app: the web flow (`/login/oauth/authorize`, `/login/oauth/access_token`) and
   * `GET /api/v3/user` for the tokens it issues. Every `User` account can sign in.
   */
  oauthApp?: FakeGitHubOAuthApp;
}

export interface FakeGitHubOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Profile fields per login (GitHub's `name`, `email`); the rest is derived. */
  profiles?: Record<string, { name?: string; email?: string }>;
}

export interface FakeGitHubRepository {
  owner: string;
  name: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  /** Branch name to the protection body that was PUT. */
  protection: Record<string, unknown>;
  environments: string[];
  /** The bare repository the git server writes into. */
  gitDir: string;
}

export interface FakeGitHub extends LocalServer {
  apiBaseUrl: string;
  /** "127.0.0.1:<port>", the host of repository URLs. */
  host: string;
  repositories: Map<string, FakeGitHubRepository>;
  faults: {
    /** Answer this many git requests with 404 (a push right after create can do that). */
    gitNotFound: number;
    /** Answer this many REST requests with a secondary rate limit and this retry-after. */
    secondaryRateLimit: number;
    /**
     * Entries a recursive tree lists before it says `truncated` (GitHub's limit is
     * 100,000 entries or 7 MB).
     */
    treeEntryLimit: number;
    retryAfterSeconds: number;
  };
  /** Pull requests opened, in the shape the REST API returns them. */
  pullRequests: Array<{
    repository: string;
    number: number;
    title: string;
    body: string;
    /** `branch` or `owner:branch`, as it was POSTed. */
    head: string;
    base: string;
    state: 'open' | 'closed';
    mergedAt: string | null;
    mergeCommitSha: string | null;
  }>;
  /** Comments on pull requests (issue comments), oldest first. */
  issueComments: FakeIssueComment[];
  /** The user profile `GET /user` answers for a login, in GitHub's shape. */
  userProfile(login: string): Record<string, unknown>;
  /** Files of a branch (default: the default branch) that `include` accepts, path to content. */
  readTree(
    fullName: string,
    ref?: string,
    include?: (file: string) => boolean,
  ): Promise<Map<string, string>>;
}

const NOT_FOUND = {
  message: 'Not Found',
  documentation_url: 'https://docs.github.com/rest',
  status: '404',
};

/** Codes live as long as GitHub's (10 minutes); at most this many are outstanding. */
const OAUTH_CODE_TTL_MS = 10 * 60_000;
const OAUTH_MAX_OUTSTANDING = 1000;

const accept = (req: IncomingMessage) => String(req.headers.accept ?? '');

/** The branch of a pull request's head, given as `branch` or `owner:branch`. */
const headBranch = (head: string) => head.slice(head.indexOf(':') + 1);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local server speaking, in GitHub's payload shapes, the REST routes that publishing
 * and pull requests use (users; repos create, get and delete; branch protection;
 * environments; commit status and tarball for reading a tree; the Git Data API for
 * trees (created; read by sha or ref, recursively, `truncated` past
 * `faults.treeEntryLimit`), blobs (created and read), commits and refs (422 for an existing
 * ref); file contents; pulls, created, listed by head, read one by number and merged; issue
 * comments listed, created and updated (githubIssueComments.ts); the GraphQL query for open
 * pull requests), plus git's
 * smart HTTP protocol through the real `git http-backend`. Every write lands in bare
 * repositories on disk. With `oauthApp`, also GitHub's OAuth web flow: a sign-in page at
 * `/login/oauth/authorize`, single-use codes exchanged at `/login/oauth/access_token`, and
 * `GET /api/v3/user` for the tokens issued.
 */
export async function startFakeGitHub(
  options: FakeGitHubOptions,
): Promise<FakeGitHub> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-fake-github-'));
  const repositories = new Map<string, FakeGitHubRepository>();
  const faults = {
    gitNotFound: 0,
    secondaryRateLimit: 0,
    retryAfterSeconds: 1,
    treeEntryLimit: 100_000,
  };
  let base = '';
  let nextId = 1000;
  const pullRequests: FakeGitHub['pullRequests'] = [];
  const issueComments = issueCommentRoutes({
    urls: () => ({ web: base, api: `${base}/api/v3` }),
    issueExists: (repository, number) =>
      pullRequests.some(
        pr => pr.repository === repository && pr.number === number,
      ),
    nextId: () => nextId++,
  });
  const git = async (
    repo: FakeGitHubRepository,
    args: string[],
    io: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
  ) => {
    const child = spawn('git', ['--git-dir', repo.gitDir, ...args], {
      env: { ...process.env, ...io.env },
      stdio: [io.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', chunk => out.push(chunk));
    child.stderr!.on('data', chunk => err.push(chunk));
    if (io.input !== undefined) {
      // A git that exits before reading everything must not crash the server (EPIPE).
      child.stdin!.on('error', () => {});
      child.stdin!.end(io.input);
    }
    const code = await new Promise(resolve => child.on('close', resolve));
    if (code !== 0)
      throw new Error(
        `git ${args.join(' ')}: ${Buffer.concat(err).toString()}`,
      );
    return Buffer.concat(out);
  };
  /** The Git Data API's create-tree, on a real index over the base tree. */
  const createTree = async (repo: FakeGitHubRepository, body: any) => {
    const index = path.join(root, `index-${nextId++}`);
    const env = { GIT_INDEX_FILE: index };
    if (body.base_tree) await git(repo, ['read-tree', body.base_tree], { env });
    else await git(repo, ['read-tree', '--empty'], { env });
    for (const entry of body.tree as Array<{
      path: string;
      mode: string;
      sha?: string | null;
      content?: string;
    }>) {
      if (entry.content === undefined && entry.sha === null) {
        // Mode 0 removes the entry (`--force-remove` would need a work tree).
        await git(repo, ['update-index', '--index-info'], {
          env,
          input: `0 ${'0'.repeat(40)}\t${entry.path}\n`,
        });
        continue;
      }
      const sha =
        entry.content !== undefined
          ? (
              await git(repo, ['hash-object', '-w', '--stdin'], {
                input: entry.content,
              })
            )
              .toString()
              .trim()
          : entry.sha!;
      await git(
        repo,
        [
          'update-index',
          '--add',
          '--cacheinfo',
          `${entry.mode},${sha},${entry.path}`,
        ],
        { env },
      );
    }
    const sha = (await git(repo, ['write-tree'], { env })).toString().trim();
    await fs.rm(index, { force: true });
    return sha;
  };

  const createRepository = async (owner: string, name: string, body: any) => {
    const gitDir = path.join(root, owner, `${name}.git`);
    await fs.mkdir(path.dirname(gitDir), { recursive: true });
    await run('git', ['init', '--quiet', '--bare', gitDir]);
    await run('git', [
      '--git-dir',
      gitDir,
      'config',
      'http.receivepack',
      'true',
    ]);
    const repo: FakeGitHubRepository = {
      owner,
      name,
      private: Boolean(body.private),
      description: body.description ?? null,
      defaultBranch: 'main',
      protection: {},
      environments: [],
      gitDir,
    };
    repositories.set(`${owner}/${name}`, repo);
    return repo;
  };
  for (const fullName of options.existingRepositories ?? []) {
    const [owner, name] = fullName.split('/');
    await createRepository(owner, name, {});
  }

  type PullRequest = FakeGitHub['pullRequests'][number];
  const pullJson = (repo: FakeGitHubRepository, pr: PullRequest) => ({
    number: pr.number,
    html_url: `${base}/${repo.owner}/${repo.name}/pull/${pr.number}`,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    head: { ref: headBranch(pr.head) },
    base: { ref: pr.base },
    merged: pr.mergedAt !== null,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
  });
  /**
   * GitHub's merge of a pull request with a merge commit (`merge_method` merge, the
   * default): 405 when it is closed or conflicts, 409 when `sha` is not the head.
   */
  const mergePullRequest = async (
    repo: FakeGitHubRepository,
    pr: PullRequest,
    body: { sha?: string; commit_title?: string; commit_message?: string },
  ): Promise<{ status: number; body: object }> => {
    const notMergeable = {
      status: 405,
      body: {
        message: 'Pull Request is not mergeable',
        documentation_url:
          'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
        status: '405',
      },
    };
    if (pr.state !== 'open') return notMergeable;
    const resolve = async (ref: string) =>
      (await git(repo, ['rev-parse', `refs/heads/${ref}^{commit}`]))
        .toString()
        .trim();
    const head = await resolve(headBranch(pr.head));
    const target = await resolve(pr.base);
    if (body.sha && body.sha !== head)
      return {
        status: 409,
        body: {
          message: 'Head branch was modified. Review and try the merge again.',
          documentation_url:
            'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
          status: '409',
        },
      };
    const tree = await git(repo, ['merge-tree', '--write-tree', target, head])
      .then(out => out.toString().split('\n')[0].trim())
      .catch(() => undefined);
    if (!tree) return notMergeable;
    const title =
      body.commit_title ??
      `Merge pull request #${pr.number} from ${repo.owner}/${headBranch(
        pr.head,
      )}`;
    const message = [title, body.commit_message ?? pr.title].join('\n\n');
    const identity = { name: 'GitHub', email: 'noreply@github.com' };
    const sha = (
      await git(
        repo,
        ['commit-tree', tree, '-p', target, '-p', head, '-m', message],
        {
          env: {
            GIT_AUTHOR_NAME: identity.name,
            GIT_AUTHOR_EMAIL: identity.email,
            GIT_COMMITTER_NAME: identity.name,
            GIT_COMMITTER_EMAIL: identity.email,
          },
        },
      )
    )
      .toString()
      .trim();
    await git(repo, ['update-ref', `refs/heads/${pr.base}`, sha, target]);
    pr.state = 'closed';
    pr.mergedAt = new Date().toISOString();
    pr.mergeCommitSha = sha;
    return {
      status: 200,
      body: { sha, merged: true, message: 'Pull Request successfully merged' },
    };
  };

  const repoJson = (repo: FakeGitHubRepository) => ({
    id: nextId++,
    node_id: `R_${repo.owner}_${repo.name}`,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner, type: options.accounts[repo.owner] ?? 'User' },
    private: repo.private,
    description: repo.description,
    html_url: `${base}/${repo.owner}/${repo.name}`,
    clone_url: `${base}/${repo.owner}/${repo.name}.git`,
    url: `${base}/api/v3/repos/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? 'private' : 'public',
    permissions: {
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    },
    archive_url: `${base}/api/v3/repos/${repo.owner}/${repo.name}/{archive_format}{/ref}`,
    trees_url: `${base}/api/v3/repos/${repo.owner}/${repo.name}/git/trees{/sha}`,
  });

  const authorized = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const basic = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString().split(':')[1]
      : undefined;
    return (
      header === `token ${options.token}` ||
      header === `Bearer ${options.token}` ||
      basic === options.token
    );
  };

  const gitHttpBackend = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) => {
    if (!authorized(req)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' }).end();
      return;
    }
    if (faults.gitNotFound > 0) {
      faults.gitNotFound--;
      res.writeHead(404).end('Repository not found.');
      return;
    }
    const body = await readBody(req);
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
    });
    const out: Buffer[] = [];
    child.stdout.on('data', chunk => out.push(chunk));
    child.stdin.on('error', () => {});
    child.stdin.end(body);
    await new Promise(resolve => child.on('close', resolve));
    const output = Buffer.concat(out);
    const split = output.indexOf('\r\n\r\n');
    const headerText = output.subarray(0, split).toString();
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of headerText.split('\r\n')) {
      const [key, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (key.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[key] = value;
    }
    res.writeHead(status, headers).end(output.subarray(split + 4));
  };

  // The OAuth web flow: codes (single use) and the tokens they were exchanged for.
  const oauthCodes = new Map<
    string,
    { login: string; redirectUri: string; expires: number }
  >();
  const oauthTokens = new Map<string, string>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= OAUTH_MAX_OUTSTANDING) map.delete(map.keys().next().value!);
    map.set(key, value);
  };
  const userProfile = (login: string) => {
    const id = 1000 + Object.keys(options.accounts).indexOf(login);
    const profile = options.oauthApp?.profiles?.[login] ?? {};
    return {
      login,
      id,
      node_id: Buffer.from(`04:User${id}`).toString('base64'),
      avatar_url: `${base}/avatars/u/${id}`,
      html_url: `${base}/${login}`,
      url: `${base}/api/v3/users/${login}`,
      type: 'User',
      site_admin: false,
      name: profile.name ?? null,
      email: profile.email ?? null,
      created_at: '2020-01-01T00:00:00Z',
    };
  };
  /** The sign-in page GitHub shows a browser that is not signed in. */
  const loginPage = (url: URL, message?: string) => `<!DOCTYPE html>
<html><head><title>Sign in to GitHub</title></head><body>
<h1>Sign in to GitHub</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/session">
${['client_id', 'redirect_uri', 'state', 'scope']
  .map(
    name =>
      `<input type="hidden" name="${name}" value="${escapeHtml(
        url.searchParams.get(name) ?? '',
      )}">`,
  )
  .join('\n')}
<label for="login_field">Username or email address</label>
<input type="text" name="login" id="login_field" autocomplete="username">
<input type="submit" name="commit" value="Sign in">
</form></body></html>`;
  /** GitHub's token-endpoint answer: form-encoded unless JSON is asked for. */
  const sendTokenAnswer = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, string>,
  ) => {
    if (String(req.headers.accept ?? '').includes('application/json')) {
      sendJson(res, 200, body);
    } else {
      res
        .writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' })
        .end(new URLSearchParams(body).toString());
    }
  };
  const oauth = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> => {
    const app = options.oauthApp;
    const method = req.method ?? 'GET';
    if (!app) return false;
    if (url.pathname === '/login/oauth/authorize' && method === 'GET') {
      if (url.searchParams.get('client_id') !== app.clientId) {
        res
          .writeHead(404, { 'content-type': 'text/html' })
          .end('<h1>404: the OAuth application does not exist</h1>');
        return true;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(loginPage(url));
      return true;
    }
    if (url.pathname === '/session' && method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString());
      const login = form.get('login') ?? '';
      const redirectUri = form.get('redirect_uri') ?? '';
      if (options.accounts[login] !== 'User') {
        const again = new URL('/login/oauth/authorize', base);
        for (const [key, value] of form) {
          if (key !== 'login' && key !== 'commit')
            again.searchParams.set(key, value);
        }
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(loginPage(again, 'Incorrect username or password.'));
        return true;
      }
      // The app is already authorized for this user: straight back with a code.
      const code = randomBytes(10).toString('hex');
      remember(oauthCodes, code, {
        login,
        redirectUri,
        expires: Date.now() + OAUTH_CODE_TTL_MS,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = form.get('state');
      if (state) back.searchParams.set('state', state);
      res.writeHead(302, { location: back.toString() }).end();
      return true;
    }
    if (url.pathname === '/login/oauth/access_token' && method === 'POST') {
      const text = (await readBody(req)).toString();
      const form = String(req.headers['content-type']).includes('json')
        ? new URLSearchParams(JSON.parse(text || '{}'))
        : new URLSearchParams(text);
      const basic = (req.headers.authorization ?? '').startsWith('Basic ')
        ? Buffer.from(req.headers.authorization!.slice(6), 'base64')
            .toString()
            .split(':')
        : [];
      const clientId = form.get('client_id') ?? basic[0];
      const clientSecret = form.get('client_secret') ?? basic[1];
      if (clientId !== app.clientId || clientSecret !== app.clientSecret) {
        sendTokenAnswer(req, res, {
          error: 'incorrect_client_credentials',
          error_description:
            'The client_id and/or client_secret passed are incorrect.',
          error_uri:
            'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials',
        });
        return true;
      }
      const code = form.get('code') ?? '';
      const grant = oauthCodes.get(code);
      oauthCodes.delete(code);
      const redirectUri = form.get('redirect_uri');
      if (
        !grant ||
        grant.expires < Date.now() ||
        (redirectUri && redirectUri !== grant.redirectUri)
      ) {
        sendTokenAnswer(req, res, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
          error_uri:
            'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
        });
        return true;
      }
      const token = `gho_${randomBytes(18).toString('hex')}`;
      remember(oauthTokens, token, grant.login);
      sendTokenAnswer(req, res, {
        access_token: token,
        scope: 'read:user',
        token_type: 'bearer',
      });
      return true;
    }
    if (url.pathname === '/api/v3/user' && method === 'GET') {
      const header = req.headers.authorization ?? '';
      const login = oauthTokens.get(header.replace(/^(token|Bearer) /i, ''));
      if (!login) return false;
      sendJson(res, 200, userProfile(login));
      return true;
    }
    return false;
  };

  const server = await startLocalServer(async (req, res, url) => {
    if (await oauth(req, res, url)) return true;
    if (/^\/[^/]+\/[^/]+\.git\//.test(url.pathname)) {
      await gitHttpBackend(req, res, url);
      return true;
    }
    const pullPage = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)$/.exec(url.pathname);
    if (pullPage && req.method === 'GET') {
      const repo = repositories.get(`${pullPage[1]}/${pullPage[2]}`);
      const pr = pullRequests.find(
        candidate =>
          candidate.repository === `${pullPage[1]}/${pullPage[2]}` &&
          candidate.number === Number(pullPage[3]),
      );
      if (!repo || !pr) return false;
      const range = pr.mergeCommitSha
        ? [`${pr.mergeCommitSha}^1`, pr.mergeCommitSha]
        : [`refs/heads/${pr.base}...refs/heads/${headBranch(pr.head)}`];
      const files = (await git(repo, ['diff', '--name-status', ...range]))
        .toString()
        .split('\n')
        .filter(Boolean);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        pullPageHtml({
          repository: pr.repository,
          number: pr.number,
          title: pr.title,
          body: pr.body ?? '',
          head: headBranch(pr.head),
          base: pr.base,
          state: pr.state,
          merged: pr.mergedAt !== null,
          files,
          comments: issueComments.comments
            .filter(
              c =>
                c.repository === pr.repository && c.issueNumber === pr.number,
            )
            .map(c => ({
              id: c.id,
              user: c.user,
              createdAt: c.createdAt,
              body: c.body,
            })),
        }),
      );
      return true;
    }
    if (url.pathname === '/api/graphql' && req.method === 'POST') {
      // The one query a pull request needs: is there an open PR for the head ref?
      sendJson(res, 200, { data: { repository: { ref: null } } });
      return true;
    }
    if (!url.pathname.startsWith('/api/v3/')) return false;
    if (!authorized(req)) {
      sendJson(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return true;
    }
    if (faults.secondaryRateLimit > 0) {
      faults.secondaryRateLimit--;
      res.writeHead(403, {
        'content-type': 'application/json',
        'retry-after': String(faults.retryAfterSeconds),
      });
      res.end(
        JSON.stringify({
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        }),
      );
      return true;
    }
    const route = url.pathname.slice('/api/v3'.length);
    const method = req.method ?? 'GET';

    const user = /^\/users\/([^/]+)$/.exec(route);
    const createRepo = /^\/(?:orgs\/([^/]+)|user)\/repos$/.exec(route);
    const repoRoute = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(route);
    if (method === 'GET' && user) {
      const type = options.accounts[user[1]];
      if (!type) sendJson(res, 404, NOT_FOUND);
      else sendJson(res, 200, { login: user[1], id: 1, type });
      return true;
    }
    if (method === 'POST' && createRepo) {
      const body = JSON.parse((await readBody(req)).toString() || '{}');
      const owner =
        createRepo[1] ??
        Object.keys(options.accounts).find(
          a => options.accounts[a] === 'User',
        )!;
      if (repositories.has(`${owner}/${body.name}`)) {
        sendJson(res, 422, {
          message: 'Repository creation failed.',
          errors: [
            {
              resource: 'Repository',
              code: 'custom',
              field: 'name',
              message: 'name already exists on this account',
            },
          ],
          documentation_url:
            'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
          status: '422',
        });
        return true;
      }
      sendJson(
        res,
        201,
        repoJson(await createRepository(owner, body.name, body)),
      );
      return true;
    }
    if (repoRoute) {
      const repo = repositories.get(`${repoRoute[1]}/${repoRoute[2]}`);
      const rest = repoRoute[3] ?? '';
      const protection = /^\/branches\/([^/]+)\/protection$/.exec(rest);
      const environment = /^\/environments\/([^/]+)$/.exec(rest);
      if (!repo) {
        sendJson(res, 404, NOT_FOUND);
        return true;
      }
      if (
        await issueComments.handle(
          req,
          res,
          url,
          `${repo.owner}/${repo.name}`,
          rest,
        )
      )
        return true;
      const status = /^\/commits\/([^/]+)\/status$/.exec(rest);
      const tarball = /^\/tarball\/([^/]+)$/.exec(rest);
      const gitData = /^\/git\/(blobs|trees|commits|refs)$/.exec(rest);
      const contents = /^\/contents\/(.+)$/.exec(rest);
      const readTreeRoute = /^\/git\/trees\/([^/]+)$/.exec(rest);
      const readBlob = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
      const merge = /^\/pulls\/(\d+)\/merge$/.exec(rest);
      const compare = /^\/compare\/([^/]+)$/.exec(rest);
      const pull = /^\/pulls\/(\d+)$/.exec(rest);
      if (method === 'GET' && rest === '') sendJson(res, 200, repoJson(repo));
      else if (method === 'GET' && compare) {
        // BASE...HEAD: where HEAD stands against BASE (from their merge base).
        const [baseRef, headRef] = decodeURIComponent(compare[1]).split('...');
        const resolve = async (ref?: string) =>
          ref && /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(ref)
            ? (await git(repo, ['rev-parse', '--verify', `${ref}^{commit}`]))
                .toString()
                .trim()
            : Promise.reject(new Error('no such ref'));
        let baseSha: string;
        let headSha: string;
        try {
          [baseSha, headSha] = await Promise.all([
            resolve(baseRef),
            resolve(headRef),
          ]);
        } catch {
          sendJson(res, 404, NOT_FOUND);
          return true;
        }
        const count = async (range: string) =>
          Number(
            (await git(repo, ['rev-list', '--count', range])).toString().trim(),
          );
        const mergeBase = (await git(repo, ['merge-base', baseSha, headSha]))
          .toString()
          .trim();
        const [aheadBy, behindBy] = await Promise.all([
          count(`${baseSha}..${headSha}`),
          count(`${headSha}..${baseSha}`),
        ]);
        let comparison = 'diverged';
        if (!aheadBy && !behindBy) comparison = 'identical';
        else if (!aheadBy) comparison = 'behind';
        else if (!behindBy) comparison = 'ahead';
        sendJson(res, 200, {
          status: comparison,
          ahead_by: aheadBy,
          behind_by: behindBy,
          total_commits: aheadBy,
          base_commit: { sha: baseSha },
          merge_base_commit: { sha: mergeBase },
          commits: [],
          files: [],
        });
      } else if (method === 'GET' && status) {
        const sha = (
          await git(repo, [
            'rev-parse',
            `${decodeURIComponent(status[1])}^{commit}`,
          ])
        )
          .toString()
          .trim();
        sendJson(res, 200, {
          state: 'success',
          sha,
          total_count: 0,
          statuses: [],
          repository: repoJson(repo),
        });
      } else if (method === 'GET' && tarball) {
        const sha = decodeURIComponent(tarball[1]);
        const archive = await git(repo, [
          'archive',
          '--format=tar.gz',
          `--prefix=${repo.owner}-${repo.name}-${sha.slice(0, 7)}/`,
          sha,
        ]);
        res
          .writeHead(200, {
            'content-type': 'application/x-gzip',
            'content-length': archive.length,
          })
          .end(archive);
      } else if (method === 'GET' && rest === '/commits') {
        const ref = url.searchParams.get('sha') ?? repo.defaultBranch;
        const sha = (await git(repo, ['rev-parse', `${ref}^{commit}`]))
          .toString()
          .trim();
        const tree = (await git(repo, ['rev-parse', `${sha}^{tree}`]))
          .toString()
          .trim();
        sendJson(res, 200, [{ sha, commit: { tree: { sha: tree } } }]);
      } else if (method === 'GET' && readTreeRoute) {
        // A tree by sha or by branch or tag name; `recursive` lists subtrees' entries.
        const apiUrl = `${base}/api/v3/repos/${repo.owner}/${repo.name}/git`;
        let sha: string;
        try {
          sha = (
            await git(repo, [
              'rev-parse',
              '--verify',
              `${decodeURIComponent(readTreeRoute[1])}^{tree}`,
            ])
          )
            .toString()
            .trim();
        } catch {
          sendJson(res, 404, NOT_FOUND);
          return true;
        }
        const recursive = url.searchParams.has('recursive');
        const listing = (
          await git(repo, [
            'ls-tree',
            '-l',
            ...(recursive ? ['-r', '-t'] : []),
            sha,
          ])
        )
          .toString()
          .split('\n')
          .filter(Boolean)
          .map(line => {
            const [info, entryPath] = line.split('\t');
            const [mode, type, object, size] = info.split(/\s+/);
            return {
              path: entryPath,
              mode,
              type,
              sha: object,
              ...(type === 'blob' ? { size: Number(size) } : {}),
              url: `${apiUrl}/${type === 'blob' ? 'blobs' : 'trees'}/${object}`,
            };
          });
        sendJson(res, 200, {
          sha,
          url: `${apiUrl}/trees/${sha}`,
          tree: listing.slice(0, faults.treeEntryLimit),
          truncated: listing.length > faults.treeEntryLimit,
        });
      } else if (method === 'GET' && readBlob) {
        const sha = readBlob[1];
        const type = await git(repo, ['cat-file', '-t', sha])
          .then(out => out.toString().trim())
          .catch(() => undefined);
        if (type !== 'blob') {
          sendJson(res, 404, NOT_FOUND);
          return true;
        }
        const content = await git(repo, ['cat-file', 'blob', sha]);
        sendJson(res, 200, {
          sha,
          node_id: `B_${sha}`,
          size: content.length,
          url: `${base}/api/v3/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
          // GitHub wraps the base64 text at 60 characters.
          content: (content.toString('base64').match(/.{1,60}/g) ?? []).join(
            '\n',
          ),
          encoding: 'base64',
        });
      } else if (method === 'POST' && gitData) {
        const body = JSON.parse((await readBody(req)).toString());
        if (gitData[1] === 'blobs') {
          const content = Buffer.from(
            body.content,
            body.encoding === 'base64' ? 'base64' : 'utf8',
          );
          const sha = (
            await git(repo, ['hash-object', '-w', '--stdin'], {
              input: content,
            })
          )
            .toString()
            .trim();
          sendJson(res, 201, {
            sha,
            url: `${base}/api/v3/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
          });
        } else if (gitData[1] === 'trees') {
          sendJson(res, 201, { sha: await createTree(repo, body), tree: [] });
        } else if (gitData[1] === 'commits') {
          const author = body.author ?? {
            name: 'GitHub',
            email: 'noreply@github.com',
          };
          const sha = (
            await git(
              repo,
              [
                'commit-tree',
                body.tree,
                ...body.parents.flatMap((p: string) => ['-p', p]),
                '-m',
                body.message,
              ],
              {
                env: {
                  GIT_AUTHOR_NAME: author.name,
                  GIT_AUTHOR_EMAIL: author.email,
                  GIT_COMMITTER_NAME: author.name,
                  GIT_COMMITTER_EMAIL: author.email,
                },
              },
            )
          )
            .toString()
            .trim();
          sendJson(res, 201, {
            sha,
            tree: { sha: body.tree },
            message: body.message,
          });
        } else {
          const exists = await git(repo, ['rev-parse', '--verify', body.ref])
            .then(() => true)
            .catch(() => false);
          if (exists) {
            sendJson(res, 422, {
              message: 'Reference already exists',
              documentation_url:
                'https://docs.github.com/rest/git/refs#create-a-reference',
              status: '422',
            });
            return true;
          }
          await git(repo, ['update-ref', body.ref, body.sha]);
          sendJson(res, 201, {
            ref: body.ref,
            object: { sha: body.sha, type: 'commit' },
          });
        }
      } else if (method === 'GET' && contents) {
        const ref = url.searchParams.get('ref') ?? repo.defaultBranch;
        const file = decodeURIComponent(contents[1]);
        try {
          const sha = (await git(repo, ['rev-parse', `${ref}:${file}`]))
            .toString()
            .trim();
          const content = await git(repo, ['cat-file', 'blob', sha]);
          // The raw media type answers the file itself (how Backstage's UrlReader reads).
          if (/application\/vnd\.github(\.v3)?\.raw/.test(accept(req))) {
            res
              .writeHead(200, {
                'content-type': 'application/vnd.github.raw; charset=utf-8',
                etag: `"${sha}"`,
              })
              .end(content);
            return true;
          }
          sendJson(res, 200, {
            type: 'file',
            encoding: 'base64',
            size: content.length,
            name: path.basename(file),
            path: file,
            sha,
            content: content.toString('base64'),
          });
        } catch {
          sendJson(res, 404, NOT_FOUND);
        }
      } else if (method === 'GET' && rest === '/pulls') {
        const head = url.searchParams.get('head');
        const state = url.searchParams.get('state') ?? 'open';
        sendJson(
          res,
          200,
          pullRequests
            .filter(
              pr =>
                pr.repository === `${repo.owner}/${repo.name}` &&
                (state === 'all' || state === pr.state) &&
                (!head ||
                  `${repo.owner}:${headBranch(pr.head)}` === head ||
                  pr.head === head),
            )
            .map(pr => pullJson(repo, pr)),
        );
      } else if (method === 'GET' && pull) {
        // GET /repos/{owner}/{repo}/pulls/{pull_number}: `state`, `merged`, `merged_at`.
        const pr = pullRequests.find(
          candidate =>
            candidate.repository === `${repo.owner}/${repo.name}` &&
            candidate.number === Number(pull[1]),
        );
        if (pr) sendJson(res, 200, pullJson(repo, pr));
        else sendJson(res, 404, NOT_FOUND);
      } else if (method === 'PUT' && merge) {
        const pr = pullRequests.find(
          candidate =>
            candidate.repository === `${repo.owner}/${repo.name}` &&
            candidate.number === Number(merge[1]),
        );
        if (!pr) {
          sendJson(res, 404, NOT_FOUND);
          return true;
        }
        const body = JSON.parse((await readBody(req)).toString() || '{}');
        const answer = await mergePullRequest(repo, pr, body);
        sendJson(res, answer.status, answer.body);
      } else if (method === 'POST' && rest === '/pulls') {
        const body = JSON.parse((await readBody(req)).toString());
        const number = pullRequests.length + 1;
        pullRequests.push({
          repository: `${repo.owner}/${repo.name}`,
          number,
          title: body.title,
          body: body.body,
          head: body.head,
          base: body.base,
          state: 'open',
          mergedAt: null,
          mergeCommitSha: null,
        });
        sendJson(res, 201, pullJson(repo, pullRequests[number - 1]));
      } else if (method === 'DELETE' && rest === '') {
        repositories.delete(`${repo.owner}/${repo.name}`);
        await fs.rm(repo.gitDir, { recursive: true, force: true });
        res.writeHead(204).end();
      } else if (method === 'PUT' && protection) {
        repo.protection[protection[1]] = JSON.parse(
          (await readBody(req)).toString(),
        );
        sendJson(res, 200, {
          url: `${base}/api/v3/repos/${repo.owner}/${repo.name}/branches/${protection[1]}/protection`,
        });
      } else if (method === 'PUT' && environment) {
        const name = decodeURIComponent(environment[1]);
        if (!repo.environments.includes(name)) repo.environments.push(name);
        sendJson(res, 200, {
          id: nextId++,
          name,
          html_url: `${base}/${repo.owner}/${repo.name}/deployments/activity_log?environments_filter=${name}`,
          protection_rules: [],
        });
      } else sendJson(res, 404, NOT_FOUND);
      return true;
    }
    return false;
  });
  base = server.url;

  return {
    ...server,
    apiBaseUrl: `${server.url}/api/v3`,
    host: `127.0.0.1:${server.port}`,
    repositories,
    faults,
    pullRequests,
    issueComments: issueComments.comments,
    userProfile,
    async readTree(fullName, ref, include = () => true) {
      const repo = repositories.get(fullName);
      if (!repo) throw new Error(`no repository ${fullName}`);
      const branch = ref ?? repo.defaultBranch;
      const { stdout } = await run('git', [
        '--git-dir',
        repo.gitDir,
        'ls-tree',
        '-r',
        '--name-only',
        branch,
      ]);
      const tree = new Map<string, string>();
      for (const file of stdout.split('\n').filter(Boolean)) {
        if (!include(file)) continue;
        const { stdout: content } = await run(
          'git',
          ['--git-dir', repo.gitDir, 'show', `${branch}:${file}`],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        tree.set(file, content);
      }
      return tree;
    },
    async close() {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
