import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import forjaScaffolderModule from '@forja/plugin-scaffolder-backend-module-forja';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const TOKEN = 'ghp_forjascaffoldertesttoken0123456789abc';

function templateEntity(name: string): Entity {
  const file = path.join(ROOT, 'templates', name, 'template.yaml');
  const entity = parse(fs.readFileSync(file, 'utf8')) as Entity;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': `file:${file}` },
    },
  };
}

/** Files of a directory tree, path to content (the .git directory excluded). */
function readTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && entry.name !== '.git') walk(full);
      else if (entry.isFile())
        tree.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return tree;
}

/** What `./forja render` produces for the same values: the expected repository. */
function renderLocally(
  template: string,
  values: object,
  fromDir?: string,
  /** The part of the output to read (the service template renders service/ and platform/). */
  part = '.',
): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forja-expected-'));
  const valuesFile = path.join(dir, 'values.json');
  fs.writeFileSync(valuesFile, JSON.stringify(values));
  const out = path.join(dir, 'out');
  execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(
        ROOT,
        'plugins/scaffolder-backend-module-forja/src/cli/main.ts',
      ),
      'render',
      template,
      '--values',
      valuesFile,
      '--out',
      out,
      ...(fromDir ? ['--from', fromDir] : []),
    ],
    { stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return readTree(path.join(out, part));
}

/**
 * A template, as anyone could get one into a catalog, that plants a git directory in the
 * workspace before publishing: with `core.fsmonitor` set to a command, or with a
 * pre-commit hook. Either writes the backend's environment to `marker` if git runs it.
 */
function plantingTemplate(variant: 'fsmonitor' | 'hook') {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), `forja-planting-${variant}-`),
  );
  const marker = path.join(dir, 'ran');
  const command = `env > ${marker}`;
  const write = (file: string, content: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content, { mode });
  };
  write('files/README.md', '# planted\n');
  write('planted/HEAD', 'ref: refs/heads/main\n');
  write(
    'planted/config',
    `[core]\n\trepositoryformatversion = 0\n\tbare = false\n${
      variant === 'fsmonitor' ? `\tfsmonitor = "${command}"\n` : ''
    }`,
  );
  if (variant === 'hook') {
    write('planted/hooks/pre-commit', `#!/bin/sh\n${command}\n`, 0o755);
  }
  const name = `planting-${variant}`;
  write(
    'template.yaml',
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
spec:
  owner: user:default/mock
  type: service
  parameters:
    - properties:
        repoUrl: { type: string }
  steps:
    - id: files
      name: Files
      action: fetch:plain
      input: { url: ./files }
    - id: plant
      name: Plant a git directory
      action: fetch:plain
      input: { url: ./planted, targetPath: .git }
    - id: publish
      name: Publish
      action: forja:github:publish
      input:
        repoUrl: \${{ parameters.repoUrl }}
`,
  );
  const entity = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  return {
    ref: `template:default/${name}`,
    marker,
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(
            dir,
            'template.yaml',
          )}`,
        },
      },
    } as Entity,
  };
}

describe('scaffolder tasks publish to GitHub', () => {
  const planting = {
    fsmonitor: plantingTemplate('fsmonitor'),
    hook: plantingTemplate('hook'),
  };
  let github: FakeGitHub;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const addLocation = jest.fn(async (location: { target: string }) => ({
    location: { id: '1', type: 'url', target: location.target },
    entities: [],
  }));

  beforeAll(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { 'forja-demo': 'Organization' },
      existingRepositories: ['forja-demo/taken'],
    });
    // The in-memory catalog, recording the locations forja:catalog:register adds.
    const catalog = createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => {
        const client = catalogServiceMock({
          entities: [
            templateEntity('service'),
            templateEntity('environment'),
            templateEntity('add-resource'),
            planting.fsmonitor.entity,
            planting.hook.entity,
          ],
        });
        client.addLocation = addLocation as never;
        return client;
      },
    });
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        forjaScaffolderModule,
        catalog,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: {
              github: [
                {
                  host: github.host,
                  apiBaseUrl: github.apiBaseUrl,
                  token: TOKEN,
                },
              ],
            },
            forja: {
              terraformModules: { localPath: ROOT },
              publish: { retry: { attempts: 2, initialDelay: '10ms' } },
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => github.close());
  beforeEach(() => {
    github.requests.length = 0;
  });

  /** ms-auth's seed values, published to the local GitHub, without a platform. */
  const serviceValues = (repo: string) => {
    const { platform: _, ...values } = parse(
      fs.readFileSync(
        path.join(ROOT, 'examples/values/video-system/ms-auth.yaml'),
        'utf8',
      ),
    );
    return {
      ...values,
      repoUrl: `${github.host}?owner=forja-demo&repo=${repo}`,
    };
  };

  async function runTask(templateRef: string, values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header())
      .send({ templateRef, values });
    if (created.status !== 201) return { created, status: undefined, log: '' };
    // Generous: the suite runs other CPU-heavy tests alongside.
    for (let i = 0; i < 1800; i++) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('authorization', mockCredentials.user.header());
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('authorization', mockCredentials.user.header());
        return {
          created,
          status: task.body.status as string,
          log: JSON.stringify(events.body),
        };
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('task did not finish');
  }

  it('renders, validates, publishes and registers a service; the pushed tree is the rendered output', async () => {
    const values = serviceValues('ms-auth');
    const { status, log } = await runTask(
      'template:default/forja-service',
      values,
    );
    expect(status).toBe('completed');
    const pushed = await github.readTree('forja-demo/ms-auth');
    const expected = renderLocally('service', values, undefined, 'service');
    // The rendered tree plus forja:cost:estimate's COST.md.
    expect([...pushed.keys()].sort()).toEqual(
      [...expected.keys(), 'COST.md'].sort(),
    );
    for (const [file, content] of expected)
      expect(pushed.get(file)).toBe(content);
    expect(pushed.get('COST.md')).toMatch(
      /^# Monthly cost of ms-auth\n[\s\S]*## dev \(pods\): \$/,
    );
    expect(log).toMatch(/OVERALL TOTAL \$[0-9.,]+ a month/);
    const repo = github.repositories.get('forja-demo/ms-auth')!;
    expect(repo.environments).toEqual(['registry', 'dev', 'staging', 'prod']);
    expect(repo.protection.main).toBeDefined();
    expect(addLocation).toHaveBeenCalledWith(
      expect.objectContaining({
        target: `${github.url}/forja-demo/ms-auth/tree/main/catalog-info.yaml`,
      }),
      expect.anything(),
    );
    expect(log).toContain('forja:validate checked');
    expect(log).not.toContain(TOKEN);
  }, 300_000);

  it('registers a service on its platform: the platform pull request holds its wiring, and the pair passes the deployability checks', async () => {
    const platform = {
      ...parse(
        fs.readFileSync(
          path.join(ROOT, 'examples/values/video-system/platform.yaml'),
          'utf8',
        ),
      ),
      repoUrl: `${github.host}?owner=forja-demo&repo=video-platform`,
    };
    expect(
      (await runTask('template:default/forja-environment', platform)).status,
    ).toBe('completed');
    const platformMain = await github.readTree('forja-demo/video-platform');
    const values = {
      ...serviceValues('ms-video'),
      name: 'ms-video',
      platform: {
        name: platform.name,
        repoUrl: platform.repoUrl,
      },
    };
    github.pullRequests.length = 0;
    const { status, log } = await runTask(
      'template:default/forja-service',
      values,
    );
    expect({ status, log: status === 'completed' ? '' : log }).toEqual({
      status: 'completed',
      log: '',
    });
    // The service checked against the platform it was fetched from, before publishing.
    expect(log).toMatch(/forja:validate checked/);
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        repository: 'forja-demo/video-platform',
        head: 'forja-demo:forja/register-ms-video',
        base: 'main',
        title: 'Register ms-video',
      }),
    ]);
    const branch = await github.readTree(
      'forja-demo/video-platform',
      'forja/register-ms-video',
    );
    const registration = renderLocally(
      'service',
      values,
      undefined,
      'platform',
    );
    expect(
      new Map([...branch].filter(([file]) => !platformMain.has(file))),
    ).toEqual(registration);
    expect([...registration.keys()]).toEqual(
      expect.arrayContaining([
        'terraform/environments/prod/service-ms-video.tf',
      ]),
    );
    const pushed = await github.readTree('forja-demo/ms-video');
    expect(pushed.get('k8s/overlays/prod/externalsecret.yaml')).toContain(
      'key: video-prod-ms-video',
    );
    github.pullRequests.length = 0;
  }, 300_000);

  it('publishes an environment the same way', async () => {
    const values = {
      ...parse(
        fs.readFileSync(
          path.join(ROOT, 'examples/values/hubs/platform.yaml'),
          'utf8',
        ),
      ),
      repoUrl: `${github.host}?owner=forja-demo&repo=hubs-platform`,
    };
    const { status, log } = await runTask(
      'template:default/forja-environment',
      values,
    );
    expect({ status, log: status === 'completed' ? '' : log }).toEqual({
      status: 'completed',
      log: '',
    });
    const pushed = await github.readTree('forja-demo/hubs-platform');
    const expected = renderLocally('environment', values);
    const { 'COST.md': cost, ...rest } = Object.fromEntries(pushed);
    expect(new Map(Object.entries(rest))).toEqual(expected);
    expect(cost).toMatch(/^# Monthly cost of hubs\n[\s\S]*## prod: \$/);
    expect(
      github.repositories.get('forja-demo/hubs-platform')!.environments,
    ).toEqual(['staging', 'prod']);
  }, 300_000);

  it('opens a pull request adding a database to a service: Terraform, overlay patches, catalog Resource', async () => {
    const values = serviceValues('orders-backend');
    // The service repository, as the service template publishes it.
    const { platform: _, ...seed } = parse(
      fs.readFileSync(
        path.join(ROOT, 'examples/values/orders/orders-backend.yaml'),
        'utf8',
      ),
    );
    const service = {
      ...seed,
      repoUrl: `${github.host}?owner=forja-demo&repo=orders-backend`,
    };
    expect(
      (await runTask('template:default/forja-service', service)).status,
    ).toBe('completed');
    const before = await github.readTree('forja-demo/orders-backend');

    const addValues = {
      ...parse(
        fs.readFileSync(
          path.join(
            ROOT,
            'examples/values/variants/add-postgres-to-orders-backend.yaml',
          ),
          'utf8',
        ),
      ),
      repoUrl: values.repoUrl,
    };
    github.requests.length = 0;
    const { status, log } = await runTask(
      'template:default/forja-add-resource',
      addValues,
    );
    expect({
      status,
      log: status === 'completed' ? '' : log,
      requests: status === 'completed' ? [] : github.requests,
    }).toEqual({ status: 'completed', log: '', requests: [] });
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        repository: 'forja-demo/orders-backend',
        head: 'forja-demo:forja/add-orders-db',
        base: 'main',
        title: 'Add postgres orders-db',
      }),
    ]);
    // main is untouched; the branch holds exactly what ./forja render produces from main.
    expect(await github.readTree('forja-demo/orders-backend')).toEqual(before);
    const branch = await github.readTree(
      'forja-demo/orders-backend',
      'forja/add-orders-db',
    );
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'forja-main-'));
    for (const [file, content] of before) {
      fs.mkdirSync(path.dirname(path.join(checkout, file)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(checkout, file), content);
    }
    const expected = renderLocally('add-resource', addValues, checkout);
    expect(branch).toEqual(expected);
    expect(branch.get('k8s/overlays/prod/patch-orders-db.yaml')).toContain(
      'orders-db-connection',
    );
    expect(branch.get('catalog-info.yaml')).toContain('resource:orders-db');
  }, 300_000);

  it('dry-runs a template without publishing and without secrets in the result', async () => {
    const templateDir = path.join(ROOT, 'templates/service');
    const directoryContents = [...readTree(templateDir)].map(
      ([file, content]) => ({
        path: file,
        base64Content: Buffer.from(content).toString('base64'),
      }),
    );
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({
        template: templateEntity('service'),
        values: serviceValues('dry-run'),
        directoryContents,
      });
    expect(response.status).toBe(200);
    const rendered = response.body.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    // The service template renders the service under service/ (platform/ for its registration).
    expect(rendered).toEqual(
      expect.arrayContaining([
        'service/k8s/base/deployment.yaml',
        'service/.github/workflows/build-push.yml',
      ]),
    );
    expect(github.requests).toEqual([]);
    expect(JSON.stringify(response.body)).not.toContain(TOKEN);
  }, 180_000);

  it('refuses a bad name field by field before any step runs; nothing is published', async () => {
    const { created } = await runTask('template:default/forja-service', {
      ...serviceValues('bad'),
      name: 'Bad_Name',
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toMatch(
      /name.*does not match pattern/,
    );
    expect(github.requests).toEqual([]);
  });

  it('fails at render with a field-level error for a key-like value; nothing is published', async () => {
    const values = serviceValues('leaky');
    values.ciIdentity = { awsRoleArn: 'AKIAIOSFODNN7EXAMPLE' };
    const { status, log } = await runTask(
      'template:default/forja-service',
      values,
    );
    expect(status).toBe('failed');
    expect(log).toContain(
      'ciIdentity.awsRoleArn: looks like an AWS access key',
    );
    expect(log).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(github.requests).toEqual([]);
  }, 180_000);

  it.each(['fsmonitor', 'hook'] as const)(
    'fails a template that plants a .git directory (%s): git runs nothing of it, nothing is published',
    async variant => {
      const { ref, marker } = planting[variant];
      const { status, log } = await runTask(ref, {
        repoUrl: `${github.host}?owner=forja-demo&repo=planted-${variant}`,
      });
      expect(fs.existsSync(marker)).toBe(false);
      expect(status).toBe('failed');
      expect(log).toContain('The workspace contains \\".git\\"');
      expect(github.requests).toEqual([]);
      expect(github.repositories.has(`forja-demo/planted-${variant}`)).toBe(
        false,
      );
    },
    180_000,
  );

  it('fails naming an existing repository, and pushes nothing into it', async () => {
    const { status, log } = await runTask(
      'template:default/forja-service',
      serviceValues('taken'),
    );
    expect(status).toBe('failed');
    expect(log).toContain('Repository forja-demo/taken already exists');
    expect(github.requests.filter(r => r.includes('.git/'))).toEqual([]);
  }, 180_000);
});
