import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FORJA_ROOT, renderCommand } from '../cli/renderCommand';

const VALUES_DIR = path.join(FORJA_ROOT, 'examples/values');
const silent = {
  info: () => {},
  warn: () => {},
  debug: () => {},
  child: () => silent,
} as any;

async function render(template: string, valuesFile: string) {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-example-'));
  const errors: string[] = [];
  const code = await renderCommand({
    template,
    valuesFile: path.join(VALUES_DIR, valuesFile),
    outDir,
    logger: { ...silent, error: (m: string) => errors.push(m) },
  });
  return {
    code,
    errors,
    outDir,
    read: (f: string) => fs.readFile(path.join(outDir, f), 'utf8'),
  };
}

const yamlDocs = (text: string) =>
  parseAllDocuments(text).map(d => (d as any).toJS());

describe('seed systems render and validate', () => {
  const files = fs.readdirSync(VALUES_DIR);

  it.each(files.filter(f => !f.endsWith('-platform.yaml')))(
    'service %s',
    async file => {
      const result = await render('service', file);
      expect(result.errors).toEqual([]);
      expect(result.code).toBe(0);
      const catalog = yamlDocs(await result.read('catalog-info.yaml'))[0];
      expect(catalog.metadata.annotations).toMatchObject({
        'backstage.io/kubernetes-id': catalog.metadata.name,
        'argocd/app-selector': `backstage.io/kubernetes-id=${catalog.metadata.name}`,
      });
      const deployments = yamlDocs(
        await result.read('k8s/base/deployment.yaml'),
      );
      for (const deployment of deployments) {
        expect(
          deployment.spec.template.metadata.labels[
            'backstage.io/kubernetes-id'
          ],
        ).toBe(catalog.metadata.name);
      }
      const strategy =
        catalog.metadata.annotations['forja.dev/deploy-strategy'];
      expect(deployments).toHaveLength(strategy === 'blue-green' ? 2 : 1);
      // Workflow skeletons are copied byte for byte, never templated.
      const skeleton = path.join(
        FORJA_ROOT,
        'templates/service/skeleton/common/.github/workflows/build-push.yml',
      );
      expect(await result.read('.github/workflows/build-push.yml')).toBe(
        await fs.readFile(skeleton, 'utf8'),
      );
    },
  );

  it.each(files.filter(f => f.endsWith('-platform.yaml')))(
    'environment %s',
    async file => {
      const result = await render('environment', file);
      expect(result.errors).toEqual([]);
      expect(result.code).toBe(0);
      const settings = JSON.parse(await result.read('.forja/environment.json'));
      for (const env of settings.environments) {
        const main = await result.read(`terraform/environments/${env}/main.tf`);
        expect(main).toContain(
          `source = "git::https://github.com/forja-dev/forja.git//terraform/modules/kubernetes-cluster/${settings.cloud}?ref=v0.1.0"`,
        );
        const tfvars = JSON.parse(
          await result.read(
            `terraform/environments/${env}/terraform.auto.tfvars.json`,
          ),
        );
        expect(tfvars.environment).toBe(env);
      }
    },
  );

  it('refuses bad values field by field and writes nothing', async () => {
    const valuesFile = path.join(os.tmpdir(), `forja-bad-${process.pid}.yaml`);
    await fs.writeFile(
      valuesFile,
      (
        await fs.readFile(
          path.join(VALUES_DIR, 'video-system-ms-auth.yaml'),
          'utf8',
        )
      )
        .replace('name: ms-auth', 'name: MS_Auth')
        .replace(
          'arn:aws:iam::123456789012:role/video-github',
          'AKIAIOSFODNN7EXAMPLE',
        ),
    );
    const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-bad-'));
    const errors: string[] = [];
    const code = await renderCommand({
      template: 'service',
      valuesFile,
      outDir,
      logger: { ...silent, error: (m: string) => errors.push(m) },
    });
    expect(code).toBe(1);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: name: must be a DNS-1123 label/),
        expect.stringMatching(
          /: ciIdentity\.awsRoleArn: looks like an AWS access key/,
        ),
      ]),
    );
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
