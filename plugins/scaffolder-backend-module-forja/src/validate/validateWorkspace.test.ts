import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
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
      expect.stringMatching(
        /^k8s\/overlays\/dev\/kustomization\.yaml: \[kustomize\] accumulating resources: .*nowhere/,
      ),
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
});
