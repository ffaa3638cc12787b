#!/usr/bin/env bash
# Commits the working tree to a new branch and opens a pull request against main:
# main takes changes only through reviewed pull requests, never a push.
# git authenticates through gh (GH_TOKEN in the environment), so no token is in a URL
# or in .git/config; the checkout keeps persist-credentials: false.
# usage: open-pull-request.sh <branch> <title>
set -euo pipefail
branch="$1"
title="$2"
gh auth setup-git
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --create "$branch"
git commit --all --message "$title"
git push origin "$branch"
gh pr create --base main --head "$branch" --title "$title" --body "Opened by the ${GITHUB_WORKFLOW} workflow (run ${GITHUB_RUN_ID})."
