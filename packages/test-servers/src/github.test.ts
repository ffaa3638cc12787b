import { execFileSync } from 'node:child_process';
import { FakeGitHub, startFakeGitHub } from './github';

const TOKEN = 'ghp_forjafaketoken0123456789abcdefghijkl';

describe('the local GitHub', () => {
  let github: FakeGitHub;
  const api = (route: string, init: RequestInit = {}) =>
    fetch(`${github.apiBaseUrl}${route}`, {
      ...init,
      headers: { authorization: `token ${TOKEN}`, ...init.headers },
    });
  const write = async (branch: string, base: string | null, files: object) => {
    const tree = await (
      await api('/repos/acme/app/git/trees', {
        method: 'POST',
        body: JSON.stringify({
          ...(base ? { base_tree: base } : {}),
          tree: Object.entries(files).map(([path, content]) => ({
            path,
            mode: '100644',
            content,
          })),
        }),
      })
    ).json();
    const commit = await (
      await api('/repos/acme/app/git/commits', {
        method: 'POST',
        body: JSON.stringify({
          message: `write ${branch}`,
          tree: tree.sha,
          parents: base ? [base] : [],
        }),
      })
    ).json();
    await api('/repos/acme/app/git/refs', {
      method: 'POST',
      body: JSON.stringify({ ref: `refs/heads/${branch}`, sha: commit.sha }),
    });
    return commit.sha as string;
  };

  beforeAll(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/app'],
    });
  });
  afterAll(() => github.close());

  it('answers a file raw when asked for the raw media type, as the UrlReader asks', async () => {
    await write('main', null, { 'catalog-info.yaml': 'kind: Component\n' });
    const raw = await api(
      '/repos/acme/app/contents/catalog-info.yaml?ref=main',
      {
        headers: { accept: 'application/vnd.github.v3.raw' },
      },
    );
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('kind: Component\n');
    const json = await api('/repos/acme/app/contents/catalog-info.yaml');
    expect(await json.json()).toMatchObject({
      type: 'file',
      encoding: 'base64',
      content: Buffer.from('kind: Component\n').toString('base64'),
    });
  });

  it('merges a pull request with a merge commit, and refuses a conflicting one', async () => {
    const main = (await (await api('/repos/acme/app/commits')).json())[0].sha;
    await write('feature', main, { 'a.txt': 'feature\n' });
    await write('clash', main, { 'catalog-info.yaml': 'kind: System\n' });
    const open = async (head: string) =>
      (
        await (
          await api('/repos/acme/app/pulls', {
            method: 'POST',
            body: JSON.stringify({ title: head, head, base: 'main' }),
          })
        ).json()
      ).number;
    const feature = await open('feature');
    const merged = await api(`/repos/acme/app/pulls/${feature}/merge`, {
      method: 'PUT',
      body: '{}',
    });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ merged: true });
    expect((await github.readTree('acme/app')).get('a.txt')).toBe('feature\n');

    // main moved on under the same file: the pull request cannot merge cleanly.
    const mainNow = (await (await api('/repos/acme/app/commits')).json())[0]
      .sha;
    const tree = await (
      await api('/repos/acme/app/git/trees', {
        method: 'POST',
        body: JSON.stringify({
          base_tree: mainNow,
          tree: [
            {
              path: 'catalog-info.yaml',
              mode: '100644',
              content: 'kind: API\n',
            },
          ],
        }),
      })
    ).json();
    const commit = await (
      await api('/repos/acme/app/git/commits', {
        method: 'POST',
        body: JSON.stringify({
          message: 'main edits',
          tree: tree.sha,
          parents: [mainNow],
        }),
      })
    ).json();
    // Moving main: a git push would; here through the bare repository.
    execFileSync('git', [
      '--git-dir',
      github.repositories.get('acme/app')!.gitDir,
      'update-ref',
      'refs/heads/main',
      commit.sha,
    ]);
    const clash = await open('clash');
    const refused = await api(`/repos/acme/app/pulls/${clash}/merge`, {
      method: 'PUT',
      body: '{}',
    });
    expect(refused.status).toBe(405);
    expect(await refused.json()).toMatchObject({
      message: 'Pull Request is not mergeable',
    });
  });

  it("lists, creates and updates pull request comments in GitHub's shapes, and the pull page shows them rendered, sanitized", async () => {
    const main = (await (await api('/repos/acme/app/commits')).json())[0].sha;
    await write('talk', main, { 'b.txt': 'b\n' });
    const pull = await (
      await api('/repos/acme/app/pulls', {
        method: 'POST',
        body: JSON.stringify({ title: 'talk', head: 'talk', base: 'main' }),
      })
    ).json();
    const comments = `/repos/acme/app/issues/${pull.number}/comments`;
    expect((await api('/repos/acme/app/issues/999/comments')).status).toBe(404);
    expect((await api(comments, { method: 'POST', body: '{}' })).status).toBe(
      422,
    );
    const created = await api(comments, {
      method: 'POST',
      body: JSON.stringify({
        body: '<!-- forja-cost -->\n## Cost\n\n| Resource | Change |\n| --- | ---: |\n| <code>aws&#95;instance.web</code> | +$12.00 |\n\n<details open><summary>More</summary>\n\n<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n</details>',
      }),
    });
    expect(created.status).toBe(201);
    const comment = await created.json();
    expect(comment).toMatchObject({
      id: expect.any(Number),
      html_url: `${github.url}/acme/app/pull/${pull.number}#issuecomment-${comment.id}`,
      issue_url: `${github.apiBaseUrl}/repos/acme/app/issues/${pull.number}`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    for (let i = 0; i < 3; i++) {
      await api(comments, {
        method: 'POST',
        body: JSON.stringify({ body: `review ${i}` }),
      });
    }
    const first = await api(`${comments}?per_page=2`);
    expect(first.headers.get('link')).toBe(
      `<${github.apiBaseUrl}${comments}?per_page=2&page=2>; rel="next", <${github.apiBaseUrl}${comments}?per_page=2&page=2>; rel="last"`,
    );
    expect((await first.json()).map((c: any) => c.id)[0]).toBe(comment.id);
    const second = await api(`${comments}?per_page=2&page=2`);
    expect(second.headers.get('link')).toBeNull();
    expect((await second.json()).map((c: any) => c.body)).toEqual([
      'review 1',
      'review 2',
    ]);
    const updated = await api(`/repos/acme/app/issues/comments/${comment.id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        body: comment.body.replace('+$12.00', '+$15.00'),
      }),
    });
    expect(updated.status).toBe(200);
    expect(
      (
        await api('/repos/acme/app/issues/comments/1', {
          method: 'PATCH',
          body: '{"body":"x"}',
        })
      ).status,
    ).toBe(404);

    const page = await (
      await fetch(`${github.url}/acme/app/pull/${pull.number}`)
    ).text();
    expect(page).toContain(`<article id="issuecomment-${comment.id}"`);
    expect(page).toMatch(
      /<td><code>aws&#95;instance\.web<\/code><\/td>\s*<td align="right">\+\$15\.00<\/td>/,
    );
    expect(page).toContain('<details open><summary>More</summary>');
    expect(page).not.toMatch(
      /<script>|<img|onerror=alert\(1\)>|href="javascript/,
    );
    expect(page).toContain('&lt;script&gt;');
  });
});
