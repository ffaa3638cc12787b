import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FORJA_ROOT, renderCommand } from '../cli/renderCommand';
import {
  listSeeds,
  renderExamplesCommand,
  SYSTEMS_DIR,
} from '../cli/renderExamples';

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
  it('examples/systems is the current render of every seed, and each validates', async () => {
    const errors: string[] = [];
    const code = await renderExamplesCommand(true, {
      ...silent,
      error: (m: string) => errors.push(m),
    });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  }, 180_000);

  // The GCP platform is a seed of its own (gcpdemo); its service is a variant.
  it.each([['service', 'variants/gcp-service.yaml']])(
    '%s %s (GCP) renders and validates',
    async (template, file) => {
      const result = await render(template, file);
      expect(result.errors).toEqual([]);
      expect(result.code).toBe(0);
    },
  );

  it('services carry the Forja annotations and labels', async () => {
    for (const { seed, services } of await listSeeds()) {
      for (const service of services) {
        const dir = path.join(SYSTEMS_DIR, seed, 'services', service);
        const catalog = yamlDocs(
          await fs.readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
        )[0];
        expect(catalog.metadata.annotations).toMatchObject({
          'backstage.io/kubernetes-id': service,
          'argocd/app-selector': `backstage.io/kubernetes-id=${service}`,
          'grafana/alert-label-selector': `service=${service}`,
        });
        const deployments = yamlDocs(
          await fs.readFile(path.join(dir, 'k8s/base/deployment.yaml'), 'utf8'),
        );
        const strategy =
          catalog.metadata.annotations['forja.dev/deploy-strategy'];
        expect(deployments).toHaveLength(strategy === 'blue-green' ? 2 : 1);
        expect(
          deployments.map(
            d => d.spec.template.metadata.labels['backstage.io/kubernetes-id'],
          ),
        ).toEqual(deployments.map(() => service));
        // The labels the cost backend reads the service's actual spend by (OpenCost reads
        // them on the pods: templates included).
        const base = yamlDocs(
          await fs.readFile(
            path.join(dir, 'k8s/base/kustomization.yaml'),
            'utf8',
          ),
        )[0];
        expect(base.labels).toContainEqual({
          pairs: { 'forja.dev/entity': service },
          includeSelectors: false,
          includeTemplates: true,
        });
        for (const env of catalog.metadata.annotations[
          'forja.dev/environments'
        ].split(',')) {
          const overlay = yamlDocs(
            await fs.readFile(
              path.join(dir, `k8s/overlays/${env}/kustomization.yaml`),
              'utf8',
            ),
          )[0];
          expect(overlay.labels).toContainEqual({
            pairs: { 'forja.dev/environment': env },
            includeSelectors: false,
            includeTemplates: true,
          });
        }
        // Workflow skeletons are copied byte for byte, never templated.
        expect(
          await fs.readFile(
            path.join(dir, '.github/workflows/build-push.yml'),
            'utf8',
          ),
        ).toBe(
          await fs.readFile(
            path.join(
              FORJA_ROOT,
              'templates/service/skeleton/common/.github/workflows/build-push.yml',
            ),
            'utf8',
          ),
        );
      }
    }
  });

  it("resources carry their entity and environment in their cloud's tag charset", async () => {
    const keys: Record<string, string[]> = {
      aws: [
        '"forja.dev/entity"      = var.name',
        '"forja.dev/environment" = var.environment',
      ],
      azure: [
        '"forja-dev-entity"      = var.name',
        '"forja-dev-environment" = var.environment',
      ],
      gcp: [
        '"forja-dev-entity"      = var.name',
        '"forja-dev-environment" = var.environment',
      ],
    };
    let checked = 0;
    for (const { seed, services } of await listSeeds()) {
      for (const service of services) {
        const resources = path.join(
          SYSTEMS_DIR,
          seed,
          'services',
          service,
          'terraform/resources',
        );
        if (!(await fs.pathExists(resources))) continue;
        for (const resource of await fs.readdir(resources)) {
          const providers = await fs.readFile(
            path.join(resources, resource, 'providers.tf'),
            'utf8',
          );
          const cloud = /provider "(aws|azurerm|google)"/.exec(providers)![1];
          const expected =
            keys[{ aws: 'aws', azurerm: 'azure', google: 'gcp' }[cloud]!];
          for (const line of expected) expect(providers).toContain(line);
          expect(
            await fs.readFile(
              path.join(resources, resource, 'remote_state.tf'),
              'utf8',
            ),
          ).toContain('local.cost_tags');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("every generated repository prices its pull requests with the cost engine's own version", async () => {
    const version = JSON.parse(
      await fs.readFile(
        path.join(FORJA_ROOT, 'plugins/cost-node/package.json'),
        'utf8',
      ),
    ).version;
    for (const template of ['service', 'environment']) {
      const skeleton = await fs.readFile(
        path.join(
          FORJA_ROOT,
          `templates/${template}/skeleton/common/.github/workflows/cost.yml`,
        ),
        'utf8',
      );
      expect(skeleton).toContain(
        `FORJA_COST: "@forja/plugin-cost-node@${version}"`,
      );
      for (const { seed, services } of await listSeeds()) {
        const dirs =
          template === 'environment'
            ? [path.join(SYSTEMS_DIR, seed)]
            : services.map(s => path.join(SYSTEMS_DIR, seed, 'services', s));
        for (const dir of dirs) {
          // Copied byte for byte: the workflow's ${{ }} are GitHub's, never templated.
          expect(
            await fs.readFile(
              path.join(dir, '.github/workflows/cost.yml'),
              'utf8',
            ),
          ).toBe(skeleton);
        }
      }
    }
  });

  it('environments pin Forja modules for their cloud', async () => {
    for (const { seed } of await listSeeds()) {
      const settings = JSON.parse(
        await fs.readFile(
          path.join(SYSTEMS_DIR, seed, '.forja/environment.json'),
          'utf8',
        ),
      );
      for (const env of settings.environments) {
        const dir = path.join(SYSTEMS_DIR, seed, 'terraform/environments', env);
        expect(await fs.readFile(path.join(dir, 'main.tf'), 'utf8')).toContain(
          `source = "git::https://github.com/forja-dev/forja.git//terraform/modules/kubernetes-cluster/${settings.cloud}?ref=v0.1.0"`,
        );
        expect(
          JSON.parse(
            await fs.readFile(
              path.join(dir, 'terraform.auto.tfvars.json'),
              'utf8',
            ),
          ).environment,
        ).toBe(env);
      }
    }
  });

  it('refuses bad values field by field and writes nothing', async () => {
    const valuesFile = path.join(os.tmpdir(), `forja-bad-${process.pid}.yaml`);
    await fs.writeFile(
      valuesFile,
      (
        await fs.readFile(
          path.join(VALUES_DIR, 'video-system/ms-auth.yaml'),
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
