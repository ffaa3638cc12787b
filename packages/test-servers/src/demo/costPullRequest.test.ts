import path from 'node:path';
import { FakeGitHub } from '../github';
import { openDemoCostPullRequest } from './costPullRequest';
import { DEMO_PLATFORM_REPOSITORY, startDemoGitHub } from './github';

const ROOT = path.resolve(__dirname, '../../../..');

describe('the demo cost pull request', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startDemoGitHub(ROOT);
  });
  afterAll(() => github.close());

  it("opens a pull request on the platform and shows forja-cost's comment on its page", async () => {
    const pull = await openDemoCostPullRequest(github, ROOT);
    expect(github.issueComments).toEqual([
      expect.objectContaining({
        repository: DEMO_PLATFORM_REPOSITORY,
        issueNumber: pull,
        body: expect.stringMatching(
          /^<!-- forja-cost -->\n## Forja cost estimate/,
        ),
      }),
    ]);
    const page = await (
      await fetch(`${github.url}/${DEMO_PLATFORM_REPOSITORY}/pull/${pull}`)
    ).text();
    expect(page).toContain('<h2>Forja cost estimate</h2>');
    expect(page).toMatch(
      /Monthly cost will increase by <strong>\$[\d,.]+<\/strong>/,
    );
    // prod's node group is the resource that changes.
    expect(page).toMatch(
      /<td><code>terraform\/environments\/prod<\/code><\/td>\s*<td><code>module\.cluster\.aws&#95;eks&#95;node&#95;group\.[^<]*<\/code><\/td>\s*<td>changed<\/td>/,
    );
  }, 120_000);
});
