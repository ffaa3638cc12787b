import { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';

/** A comment on an issue or pull request, as the double keeps it. */
export interface FakeIssueComment {
  id: number;
  /** "owner/name". */
  repository: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

/** Who GITHUB_TOKEN acts as in GitHub Actions; the double's token posts as it. */
export const ACTIONS_BOT = {
  login: 'github-actions[bot]',
  id: 41898282,
  type: 'Bot',
};

const DOCS = 'https://docs.github.com/rest/issues/comments';

/**
 * GitHub's issue comment routes (pull requests are issues):
 * `GET` and `POST /repos/{owner}/{repo}/issues/{number}/comments` (oldest first, `per_page`
 * up to 100 and `page`, with a `Link` header) and
 * `PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}`, in the documented shapes.
 */
export function issueCommentRoutes(options: {
  /** The web and API base URLs, known once the server listens. */
  urls: () => { web: string; api: string };
  /** Whether the issue (here: a pull request) exists. */
  issueExists: (repository: string, number: number) => boolean;
  nextId: () => number;
}) {
  const comments: FakeIssueComment[] = [];

  const json = (c: FakeIssueComment) => {
    const { web, api } = options.urls();
    const user = {
      ...ACTIONS_BOT,
      node_id: 'MDM6Qm90NDE4OTgyODI=',
      html_url: 'https://github.com/apps/github-actions',
      url: `${api}/users/${encodeURIComponent(ACTIONS_BOT.login)}`,
      site_admin: false,
    };
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${api}/repos/${c.repository}/issues/comments/${c.id}`,
      html_url: `${web}/${c.repository}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${api}/repos/${c.repository}/issues/${c.issueNumber}`,
      body: c.body,
      user: { ...user, login: c.user },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE',
    };
  };

  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {
      return undefined;
    }
  };

  /** 422 as GitHub answers a missing or non-string body. */
  const invalidBody = (res: ServerResponse, docs: string) =>
    sendJson(res, 422, {
      message: 'Invalid request.\n\n"body" wasn\'t supplied.',
      documentation_url: docs,
      status: '422',
    });

  const notFound = (res: ServerResponse) =>
    sendJson(res, 404, {
      message: 'Not Found',
      documentation_url: DOCS,
      status: '404',
    });

  /** Answers `rest` (the path after `/repos/{owner}/{repo}`) when it is a comment route. */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    repository: string,
    rest: string,
  ): Promise<boolean> {
    const method = req.method ?? 'GET';
    const onIssue = /^\/issues\/(\d+)\/comments$/.exec(rest);
    const one = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (onIssue && (method === 'GET' || method === 'POST')) {
      const number = Number(onIssue[1]);
      if (!options.issueExists(repository, number)) {
        notFound(res);
        return true;
      }
      if (method === 'POST') {
        const body = await readJson(req);
        if (typeof body?.body !== 'string') {
          invalidBody(res, `${DOCS}#create-an-issue-comment`);
          return true;
        }
        const now = new Date().toISOString();
        const comment: FakeIssueComment = {
          id: options.nextId(),
          repository,
          issueNumber: number,
          body: body.body,
          user: ACTIONS_BOT.login,
          createdAt: now,
          updatedAt: now,
        };
        comments.push(comment);
        res.setHeader('location', json(comment).url);
        sendJson(res, 201, json(comment));
        return true;
      }
      const perPage = Math.min(
        100,
        Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30),
      );
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const all = comments.filter(
        c => c.repository === repository && c.issueNumber === number,
      );
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (p: number, rel: string) => {
        const next = new URL(
          `${options.urls().api}/repos/${repository}/issues/${number}/comments`,
        );
        next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('page', String(p));
        return `<${next}>; rel="${rel}"`;
      };
      if (page < last) {
        res.setHeader(
          'link',
          [link(page + 1, 'next'), link(last, 'last')].join(', '),
        );
      }
      sendJson(
        res,
        200,
        all.slice((page - 1) * perPage, page * perPage).map(json),
      );
      return true;
    }
    if (one && method === 'PATCH') {
      const comment = comments.find(
        c => c.repository === repository && c.id === Number(one[1]),
      );
      if (!comment) {
        notFound(res);
        return true;
      }
      const body = await readJson(req);
      if (typeof body?.body !== 'string') {
        invalidBody(res, `${DOCS}#update-an-issue-comment`);
        return true;
      }
      comment.body = body.body;
      comment.updatedAt = new Date().toISOString();
      sendJson(res, 200, json(comment));
      return true;
    }
    return false;
  }

  return { comments, handle };
}
