import path from 'node:path';
import { GithubRepository } from './githubRepository';
import { UpgradePlan } from './planUpgrade';

/** A path of the entity's folder as a path of the repository. */
const inFolder = (folder: string, file: string) =>
  folder === '.' ? file : path.posix.join(folder, file);

function body(plan: UpgradePlan & { templateRef: string }): string {
  const lines = [
    `Upgrades this repository from \`${plan.templateRef}\` v${plan.record.version} to v${plan.next.version}: a three-way merge of the old render, the new render and the repository as it is. Opened from Forja's template upgrade card.`,
    '',
    ...plan.files.map(
      f =>
        `- \`${f.path}\` ${f.change}${f.conflict ? `: **${f.conflict}**` : ''}`,
    ),
  ];
  if (plan.conflicts)
    lines.push(
      '',
      `${plan.conflicts} file(s) need a person: resolve the \`<<<<<<< repository\` / \`>>>>>>> template v${plan.next.version}\` regions before merging.`,
    );
  return lines.join('\n');
}

/**
 * Writes an upgrade: the new render alone as a commit kept by the tag
 * `forja-template/<commit>` (so the blobs `.forja/template.json` now names stay in the
 * repository: the next upgrade's old render), then one commit on `branch` over the
 * default branch with the merged files, and the pull request. Returns its URL.
 */
export async function createUpgradePullRequest(options: {
  repository: GithubRepository;
  folder: string;
  plan: UpgradePlan & { templateRef: string };
  branch: string;
}): Promise<string> {
  const { repository, folder, plan, branch } = options;
  const { octokit, owner, repo } = repository;
  const { data: pristineTree } = await octokit.rest.git.createTree({
    owner,
    repo,
    tree: [...plan.render].map(([file, content]) => ({
      path: inFolder(folder, file),
      mode: '100644' as const,
      type: 'blob' as const,
      content,
    })),
  });
  const { data: pristine } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `forja: ${plan.templateRef} v${plan.next.version} as rendered for this repository`,
    tree: pristineTree.sha,
    parents: [],
  });
  await octokit.rest.git.createRef({
    owner,
    repo,
    ref: `refs/tags/forja-template/${pristine.sha}`,
    sha: pristine.sha,
  });

  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: repository.headTree,
    tree: plan.writes.map(write => ({
      path: inFolder(folder, write.path),
      mode: write.mode ?? ('100644' as const),
      type: 'blob' as const,
      ...(write.content === null ? { sha: null } : { content: write.content }),
    })),
  });
  const title = `chore: upgrade to ${plan.templateRef} v${plan.next.version}`;
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: title,
    tree: tree.sha,
    parents: [repository.headSha],
  });
  await octokit.rest.git.createRef({
    owner,
    repo,
    ref: `refs/heads/${branch}`,
    sha: commit.sha,
  });
  const { data: pull } = await octokit.rest.pulls.create({
    owner,
    repo,
    head: branch,
    base: repository.defaultBranch,
    title,
    body: body(plan),
  });
  return pull.html_url;
}
