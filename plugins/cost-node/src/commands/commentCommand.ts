import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { upsertCostComment } from '../comment/upsertCostComment';

export const COMMENT_USAGE = `Usage: forja-cost comment --repo <owner/repo> --pull <number> --body-file <file>
         [--timeout <seconds>]

Creates the pull request's cost comment (marked <!-- forja-cost -->) or updates the one
an earlier run left. GitHub's API from GITHUB_API_URL (default https://api.github.com),
the token from GITHUB_TOKEN, as in GitHub Actions.`;

export async function commentCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      pull: { type: 'string' },
      'body-file': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const repo = /^([\w.-]+)\/([\w.-]+)$/.exec(values.repo ?? '');
  const pull = Number(values.pull);
  if (
    values.help ||
    !repo ||
    !Number.isInteger(pull) ||
    pull < 1 ||
    !values['body-file']
  ) {
    process.stderr.write(`${COMMENT_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const token = process.env.GITHUB_TOKEN;
  if (!token) {
    process.stderr.write('forja-cost comment: GITHUB_TOKEN is not set\n');
    return 2;
  }
  const timeout = Number(values.timeout ?? 30);
  if (!(timeout > 0)) {
    process.stderr.write('--timeout must be a number of seconds\n');
    return 2;
  }
  const result = await upsertCostComment({
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    token,
    owner: repo[1],
    repo: repo[2],
    pull,
    body: readFileSync(values['body-file'], 'utf8'),
    timeoutMs: timeout * 1000,
  });
  process.stdout.write(`${result.action} ${result.url}\n`);
  return 0;
}
