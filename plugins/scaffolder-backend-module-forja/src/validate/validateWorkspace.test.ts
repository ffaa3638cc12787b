import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { FORJA_ROOT } from '../cli/forjaRoot';
import { formatFinding } from './types';
import { validateWorkspace } from './validateWorkspace';

const SHA = 'a'.repeat(40);
const deployment = (extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1
${extra}`;

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-validate-'));
  for (const [file, text] of Object.entries(files)) {
    await fs.outputFile(path.join(root, file), text);
  }
  return root;
}

const goodFiles: Record<string, string> = {
  'terraform/modules/thing/variables.tf':
    'variable "name" {\n  type        = string\n  description = "Name."\n}\n',
  'terraform/modules/thing/outputs.tf':
    'output "id" {\n  description = "Id."\n  value       = var.name\n}\n',
  'terraform/env/main.tf':
    'module "thing" {\n  source = "../modules/thing"\n  name   = var.name\n}\n\noutput "id" {\n  value = module.thing.id\n}\n',
  'terraform/env/variables.tf': 'variable "name" {\n  type = string\n}\n',
  'terraform/env/terraform.auto.tfvars.json': '{ "name": "x" }\n',
  'k8s/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'k8s/base/deployment.yaml': deployment(''),
  'k8s/overlays/dev/kustomization.yaml':
    'resources:\n  - ../../base\nnamespace: dev\n',
  '.github/workflows/ci.yml': `name: ci
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4
        with:
          persist-credentials: false
      - run: echo ok
`,
};

describe('validateWorkspace', () => {
  it('accepts a consistent repository and says what it checked', async () => {
    const report = await validateWorkspace(await workspace(goodFiles));
    expect(report.findings.map(formatFinding)).toEqual([]);
    expect(report.checked).toEqual({
      terraformFiles: 4,
      kustomizations: 1,
      kubernetesObjects: 1,
      workflows: 1,
    });
  });

  it('names file and line for every kind of problem', async () => {
    const root = await workspace({
      ...goodFiles,
      'terraform/env/main.tf':
        'module "thing" {\n  source = "../modules/thing"\n  nme    = var.name\n}\n\noutput "id" {\n  value = module.thing.arn\n}\n\noutput "x" {\n  value = var.missing\n}\n',
      'terraform/env/extra.tf': 'locals {\n  a=1\n}\n',
      'terraform/broken/main.tf': 'variable "x" {\n  type = \n}\n',
      'k8s/base/deployment.yaml': deployment(
        '          ports:\n            - containerPort: "http"\n          colour: blue\n',
      ),
      '.github/workflows/ci.yml': goodFiles['.github/workflows/ci.yml']
        .replace(`@${SHA}`, '@v4')
        .replace('permissions:\n  contents: read\n', '')
        .replace('echo ok', 'echo "${{ github.event.issue.title }}"'),
    });
    const messages = (await validateWorkspace(root)).findings.map(
      formatFinding,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^terraform\/env\/extra\.tf:1: \[terraform-fmt\]/,
        ),
        expect.stringMatching(
          /^terraform\/broken\/main\.tf:2:\d+: \[hcl\] .*Invalid expression/,
        ),
        'terraform/env/main.tf:3: [terraform-references] module "thing" has no input variable "nme"',
        'terraform/env/main.tf:1: [terraform-references] module "thing" requires input "name"',
        'terraform/env/main.tf:7: [terraform-references] module "thing" has no output "arn"',
        'terraform/env/main.tf:11: [terraform-references] undeclared variable "var.missing"',
        'k8s/base/deployment.yaml:18: [kubernetes-schema] Deployment/web /spec/template/spec/containers/0/ports/0/containerPort: expected number, got string "http"',
        'k8s/base/deployment.yaml:19: [kubernetes-schema] Deployment/web /spec/template/spec/containers/0/colour: unknown field "colour"',
        expect.stringMatching(
          /^\.github\/workflows\/ci\.yml:\d+:\d+: \[actionlint\] "github\.event\.issue\.title" is potentially untrusted/,
        ),
        '.github/workflows/ci.yml:7: [workflow-policy] "uses: actions/checkout@v4" must be pinned to a full commit SHA',
        '.github/workflows/ci.yml:1: [workflow-policy] top-level "permissions:" must set "contents: read" as the baseline',
      ]),
    );
  });

  it('refuses a kustomization that reaches outside the workspace without fetching it', async () => {
    // Before, validate ran kubectl kustomize on it, which fetches remote resources.
    const root = await workspace({
      ...goodFiles,
      'k8s/overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n',
    });
    expect((await validateWorkspace(root)).findings.map(formatFinding)).toEqual(
      [
        'k8s/overlays/dev/kustomization.yaml: [kustomize] k8s/overlays/dev/kustomization.yaml: resources entry "https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1" is remote; Forja builds only what the folder holds',
      ],
    );
  });

  it('reports a missing required field and a kustomize build failure', async () => {
    const root = await workspace({
      ...goodFiles,
      'k8s/base/deployment.yaml': deployment('').replace(
        '  selector:\n    matchLabels:\n      app: web\n',
        '',
      ),
      'k8s/overlays/dev/kustomization.yaml': 'resources:\n  - ../../nowhere\n',
    });
    const messages = (await validateWorkspace(root)).findings.map(
      formatFinding,
    );
    expect(messages).toEqual([
      'k8s/base/deployment.yaml:6: [kubernetes-schema] Deployment/web /spec/selector: missing required field "selector"',
      'k8s/overlays/dev/kustomization.yaml: [kustomize] k8s/overlays/dev/kustomization.yaml: resources entry "../../nowhere" does not exist in the folder; Forja builds only what the folder holds',
    ]);
    await fs.outputFile(
      path.join(root, 'k8s/overlays/dev/kustomization.yaml'),
      'resources:\n  - ../../base\n',
    );
    expect((await validateWorkspace(root)).findings.map(formatFinding)).toEqual(
      [
        'k8s/base/deployment.yaml:6: [kubernetes-schema] Deployment/web /spec/selector: missing required field "selector"',
      ],
    );
  });

  it('refuses a credential in a URL and a push to main, in workflow steps and .forja/bin scripts', async () => {
    const root = await workspace({
      ...goodFiles,
      '.github/workflows/ci.yml': goodFiles['.github/workflows/ci.yml'].replace(
        '      - run: echo ok\n',
        `      - run: echo ok
      - env:
          GH_TOKEN: \${{ github.token }}
        run: |
          # Comments are not commands: https://x-access-token:\${GH_TOKEN}@github.com
          git commit --all --message bump
          git push "https://x-access-token:\${GH_TOKEN}@github.com/\${GITHUB_REPOSITORY}.git" HEAD:main
      - run: git clone https://\${{ secrets.BOT_TOKEN }}@github.com/acme/other.git
      - run: curl -fsS "https://bot:\${{ secrets.BOT_PASSWORD }}@example.com/hook"
      - run: git remote set-url origin "https://\${{ github.token }}@github.com/acme/x.git"
      - run: >-
          git push origin
          +HEAD:refs/heads/main
      - run: |
          git push \\
            origin :refs/heads/main
      - run: git push origin main
      - run: git push origin "deploy/dev-\${TAG}" && git fetch https://github.com/acme/x.git
`,
      ),
      '.forja/bin/push.sh': [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        'git push "http://x-access-token:${TOKEN}@${HOST}/${REPO}.git" "$branch"',
        'git push origin HEAD:main',
        'git push origin "$branch"',
        '',
      ].join('\n'),
    });
    const policy = (await validateWorkspace(root)).findings
      .filter(f => f.check === 'workflow-policy')
      .map(formatFinding);
    const credential =
      'puts a credential in a URL; authenticate git with "gh auth setup-git" (GH_TOKEN in the environment) and push to origin';
    const toMain =
      'pushes to main; main takes changes only through reviewed pull requests, so push a branch and open one (.forja/bin/open-pull-request.sh)';
    expect(policy).toEqual([
      `.github/workflows/ci.yml:18: [workflow-policy] "run:" ${credential}`,
      `.github/workflows/ci.yml:18: [workflow-policy] "run:" ${toMain}`,
      `.github/workflows/ci.yml:19: [workflow-policy] "run:" ${credential}`,
      `.github/workflows/ci.yml:20: [workflow-policy] "run:" ${credential}`,
      `.github/workflows/ci.yml:21: [workflow-policy] "run:" ${credential}`,
      `.github/workflows/ci.yml:23: [workflow-policy] "run:" ${toMain}`,
      `.github/workflows/ci.yml:26: [workflow-policy] "run:" ${toMain}`,
      `.github/workflows/ci.yml:28: [workflow-policy] "run:" ${toMain}`,
      `.forja/bin/push.sh:3: [workflow-policy] ${credential}`,
      `.forja/bin/push.sh:4: [workflow-policy] ${toMain}`,
    ]);
  });

  it("passes the service skeleton's workflows and scripts: deploys arrive as pull requests, no token in a URL", async () => {
    const skeleton = path.join(FORJA_ROOT, 'templates/service/skeleton');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-skeleton-'));
    for (const part of ['common', 'blue-green']) {
      for (const folder of ['.github', '.forja/bin']) {
        if (await fs.pathExists(path.join(skeleton, part, folder))) {
          await fs.copy(
            path.join(skeleton, part, folder),
            path.join(root, folder),
          );
        }
      }
    }
    const report = await validateWorkspace(root);
    expect(
      report.findings
        .filter(f => f.check === 'workflow-policy')
        .map(formatFinding),
    ).toEqual([]);

    const buildPush = parseDocument(
      await fs.readFile(
        path.join(root, '.github/workflows/build-push.yml'),
        'utf8',
      ),
    ).toJS();
    expect(buildPush.jobs.bump.permissions).toEqual({
      contents: 'write',
      'pull-requests': 'write',
    });
    const bumpRun = buildPush.jobs.bump.steps
      .map((step: { run?: string }) => step.run ?? '')
      .join('\n');
    expect(bumpRun).toMatch(
      /bash \.forja\/bin\/open-pull-request\.sh "deploy\/\$\{first\}-\$\{TAG\}"/,
    );
    const checkouts = Object.values<any>(buildPush.jobs)
      .flatMap(job => job.steps)
      .filter(step => String(step.uses ?? '').startsWith('actions/checkout@'));
    expect(checkouts.map(step => step.with['persist-credentials'])).toEqual([
      false,
      false,
    ]);
    const openPullRequest = await fs.readFile(
      path.join(root, '.forja/bin/open-pull-request.sh'),
      'utf8',
    );
    expect(openPullRequest).toMatch(/^gh auth setup-git$/m);
    expect(openPullRequest).toMatch(/^git push origin "\$branch"$/m);
  });

  it('the service template publishes with no branch-protection bypass', async () => {
    const template = await fs.readFile(
      path.join(FORJA_ROOT, 'templates/service/template.yaml'),
      'utf8',
    );
    expect(template).not.toMatch(/bypassPullRequestApps/);
  });
});
