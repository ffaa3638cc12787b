import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { COST_COMMENT_MARKER } from '../format/diffMarkdown';
import {
  commentBody,
  MAX_COMMENT_CHARS,
  upsertCostComment,
} from './upsertCostComment';

describe('upsertCostComment', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({
      token: 'ghs_actions',
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/platform'],
    });
    github.pullRequests.push({
      repository: 'acme/platform',
      number: 1,
      title: 'Add a node pool',
      body: '',
      head: 'more-nodes',
      base: 'main',
      state: 'open',
      mergedAt: null,
      mergeCommitSha: null,
    });
  });
  afterEach(() => github.close());

  const post = (body: string) =>
    upsertCostComment({
      apiUrl: github.apiBaseUrl,
      token: 'ghs_actions',
      owner: 'acme',
      repo: 'platform',
      pull: 1,
      body,
    });

  it('creates one comment, then updates that same comment on the next run, past a page of others', async () => {
    const first = await post(`${COST_COMMENT_MARKER}\nfirst run`);
    expect(first.action).toBe('created');
    expect(first.url).toBe(
      `${github.url}/acme/platform/pull/1#issuecomment-${first.id}`,
    );
    // Reviewers talk: the cost comment ends up beyond the first page of 100.
    for (let i = 0; i < 120; i++) {
      github.issueComments.push({
        ...github.issueComments[0],
        id: 100_000 + i,
        body: `review ${i}`,
        user: 'octocat',
      });
    }
    const second = await post('second run');
    expect(second).toEqual({ ...first, action: 'updated' });
    const marked = github.issueComments.filter(c =>
      c.body.startsWith(COST_COMMENT_MARKER),
    );
    expect(marked).toEqual([
      expect.objectContaining({
        id: first.id,
        body: `${COST_COMMENT_MARKER}\nsecond run`,
      }),
    ]);
    expect(
      github.requests
        .filter(r => r.includes('/issues/'))
        .map(r => r.split('?')[0]),
    ).toEqual([
      'GET /api/v3/repos/acme/platform/issues/1/comments',
      'POST /api/v3/repos/acme/platform/issues/1/comments',
      'GET /api/v3/repos/acme/platform/issues/1/comments',
      'GET /api/v3/repos/acme/platform/issues/1/comments',
      `PATCH /api/v3/repos/acme/platform/issues/comments/${first.id}`,
    ]);
  });

  it('fails on a pull request that does not exist or a wrong token, writing nothing', async () => {
    await expect(
      upsertCostComment({
        apiUrl: github.apiBaseUrl,
        token: 'ghs_actions',
        owner: 'acme',
        repo: 'platform',
        pull: 2,
        body: 'x',
      }),
    ).rejects.toThrow('Not Found');
    await expect(
      upsertCostComment({
        apiUrl: github.apiBaseUrl,
        token: 'wrong',
        owner: 'acme',
        repo: 'platform',
        pull: 1,
        body: 'x',
      }),
    ).rejects.toThrow('Bad credentials');
    expect(github.issueComments).toEqual([]);
  });

  it('gives up on a GitHub that does not answer, within the time limit', async () => {
    const stalled = createServer(() => {});
    await new Promise<void>(resolve => stalled.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    try {
      await expect(
        upsertCostComment({
          apiUrl: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`,
          token: 't',
          owner: 'acme',
          repo: 'platform',
          pull: 1,
          body: 'x',
          timeoutMs: 300,
        }),
      ).rejects.toThrow(/abort|timeout/i);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      stalled.closeAllConnections();
      stalled.close();
    }
  });

  it('marks and bounds the body to what GitHub accepts', () => {
    expect(commentBody('text')).toBe(`${COST_COMMENT_MARKER}\ntext`);
    const long = commentBody('x'.repeat(MAX_COMMENT_CHARS * 2));
    expect(long.length).toBe(MAX_COMMENT_CHARS);
    expect(long).toMatch(/cut to fit a GitHub comment/);
  });
});
