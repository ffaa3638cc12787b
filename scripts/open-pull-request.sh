#!/usr/bin/env bash
# Commits the working tree to a new branch and opens a pull request against main.
# usage: open-pull-request.sh <branch> <title>
set -euo pipefail
branch="$1"
title="$2"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --create "$branch"
git commit --all --message "$title"
git push "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "$branch"
gh pr create --base main --head "$branch" --title "$title" --body "Opened by the ${GITHUB_WORKFLOW} workflow (run ${GITHUB_RUN_ID})."
