import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readForjaScaffolderConfig } from '../../config';
import { createRenderAction } from '../../actions/render/createRenderAction';

/** A fourth template, written as files only: a CronJob with its catalog entry. */
const TEMPLATE: Record<string, string> = {
  'template.yaml':
    'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: cron-job\nspec:\n  steps: []\n',
  'skeleton/job/run.sh': '#!/bin/sh\necho "${JOB_NAME}"\n',
  'forja/cron-job.yaml': `apiVersion: forja.dev/v1alpha1
kind: TemplateRender
values:
  schema:
    type: object
    additionalProperties: false
    required: [name, schedule, owner]
    properties:
      name: { type: string, pattern: '^[a-z][a-z0-9-]{1,40}$' }
      schedule: { type: string, maxLength: 100 }
      owner: { type: string, maxLength: 100 }
      retries: { type: integer, minimum: 0, maximum: 10, default: 2 }
      note: { type: string, maxLength: 500, default: '' }
githubEnvironments: \${{ ['prod'] }}
let:
  labels:
    app.kubernetes.io/name: \${{ values.name }}
files:
  - copy: job
  - template: k8s/cronjob.yaml
    to: k8s/\${{ values.name }}.yaml
  - template: catalog-info.yaml
  - template: settings.json.yaml
    to: .forja/settings.json
  - template: README.md.yaml
`,
  'forja/files/k8s/cronjob.yaml': `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${{ values.name }}
  labels: \${{ labels }}
spec:
  schedule: \${{ values.schedule }}
  jobTemplate:
    spec:
      backoffLimit: \${{ values.retries }}
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: busybox
              env:
                - name: JOB_NAME
                  value: \${{ values.name }}
`,
  'forja/files/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name }}
  description: Runs \${{ values.schedule }}. \${{ values.note }}
spec:
  type: job
  lifecycle: experimental
  owner: \${{ values.owner }}
`,
  'forja/files/settings.json.yaml':
    'name: ${{ values.name }}\nretries: ${{ values.retries }}\n',
  'forja/files/README.md.yaml':
    "- '# ${{ values.name }}'\n- ''\n- ${{ values.note }}\n",
};

async function setup() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-data-template-'));
  const templateDir = path.join(root, 'cron-job');
  for (const [file, content] of Object.entries(TEMPLATE))
    await fs.outputFile(path.join(templateDir, file), content);
  const workspacePath = path.join(root, 'workspace');
  await fs.mkdirp(workspacePath);
  const action = createRenderAction({
    reader: {} as never,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    config: readForjaScaffolderConfig(new ConfigReader({})),
  });
  const run = (values: object) => {
    const ctx = createMockActionContext({
      input: { template: 'cron-job', values } as never,
      workspacePath,
      templateInfo: {
        baseUrl: `file://${templateDir}/template.yaml`,
        entityRef: 'template:default/cron-job',
      },
    });
    return action.handler(ctx).then(() => ctx);
  };
  const read = (file: string) =>
    fs.readFile(path.join(workspacePath, file), 'utf8');
  return { root, workspacePath, run, read };
}

describe('data templates', () => {
  it('renders a template added as files alone, values typed', async () => {
    const { root, run, read } = await setup();
    try {
      const ctx = await run({
        name: 'nightly',
        schedule: '0 3 * * *',
        owner: 'group:ops',
      });
      expect(ctx.output).toHaveBeenCalledWith('githubEnvironments', ['prod']);
      const [job] = parseAllDocuments(await read('k8s/nightly.yaml')).map(d =>
        d.toJS(),
      );
      expect(job.spec.jobTemplate.spec.backoffLimit).toBe(2);
      expect(job.metadata.labels).toEqual({
        'app.kubernetes.io/name': 'nightly',
      });
      expect(await read('run.sh')).toBe(TEMPLATE['skeleton/job/run.sh']);
      expect(JSON.parse(await read('.forja/settings.json'))).toEqual({
        name: 'nightly',
        retries: 2,
      });
      expect(await read('README.md')).toBe('# nightly\n');
    } finally {
      await fs.remove(root);
    }
  });

  it('keeps hostile values scalars: no YAML, JSON, Markdown or placeholder injection', async () => {
    const { root, run, read } = await setup();
    try {
      const note =
        'x\nkind: Secret\n---\napiVersion: v1\n"}, "evil": 1, "a": {"' +
        ' ${{ values.owner }} <script>alert(1)</script> ${file("/etc/passwd")}';
      await run({
        name: 'nightly',
        schedule: '* * * * *\nkind: Secret',
        owner: 'o',
        note,
      });
      const docs = parseAllDocuments(await read('catalog-info.yaml')).map(d =>
        d.toJS(),
      );
      expect(docs).toHaveLength(1);
      expect(docs[0].kind).toBe('Component');
      // The value is text: the placeholder inside it is not evaluated again.
      expect(docs[0].metadata.description).toBe(
        `Runs * * * * *\nkind: Secret. ${note}`,
      );
      const [job] = parseAllDocuments(await read('k8s/nightly.yaml')).map(d =>
        d.toJS(),
      );
      expect(job.spec.schedule).toBe('* * * * *\nkind: Secret');
      expect(
        Object.keys(JSON.parse(await read('.forja/settings.json'))),
      ).toEqual(['name', 'retries']);
      expect(await read('README.md')).toContain('&lt;script&gt;');
    } finally {
      await fs.remove(root);
    }
  });

  it('refuses bad values field by field and writes nothing', async () => {
    const { root, run, workspacePath } = await setup();
    try {
      const error = await run({
        name: '../../etc',
        schedule: 'x',
        owner: 'o',
        extra: 1,
        note: 'AKIAABCDEFGHIJKLMNOP',
      }).catch(e => e);
      expect(error.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'name',
            message: expect.stringMatching(/must match pattern/),
          },
          { field: 'extra', message: 'is not a field of this template' },
          {
            field: 'note',
            message: expect.stringMatching(/looks like an AWS access key/),
          },
        ]),
      );
      expect(await fs.readdir(workspacePath)).toEqual([]);
    } finally {
      await fs.remove(root);
    }
  });
});
