import { promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  kustomizeBuild,
  MAX_KUSTOMIZATION_BYTES,
  MAX_KUSTOMIZATIONS,
} from './kustomizeBuild';
import { stopKustomizeRunner } from './kustomizeRunner';

jest.setTimeout(60_000);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

const temporary: string[] = [];
afterAll(async () => {
  await stopKustomizeRunner();
  for (const dir of temporary)
    await fs.rm(dir, { recursive: true, force: true });
});

/**
 * `parent/tree/k8s` (the root, with `base/` and whatever `files` add) beside `parent/outside`,
 * a kustomization the tree must not reach.
 */
async function tree(files: Record<string, string | { link: string }>) {
  const parent = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'forja-kustomize-test-')),
  );
  temporary.push(parent);
  const root = path.join(parent, 'tree/k8s');
  const all: Record<string, string | { link: string }> = {
    'tree/k8s/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'tree/k8s/base/deployment.yaml': DEPLOYMENT,
    'outside/kustomization.yaml':
      'configMapGenerator:\n  - name: other-team\n    literals: [PASSWORD=hunter2]\n',
    'outside/secret.txt': 'hunter2\n',
    ...Object.fromEntries(
      Object.entries(files).map(([file, content]) => [
        `tree/k8s/${file}`,
        content,
      ]),
    ),
  };
  for (const [file, content] of Object.entries(all)) {
    const full = path.join(parent, file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    if (typeof content === 'string') await fs.writeFile(full, content);
    else await fs.symlink(content.link, full);
  }
  return { parent, root, dev: path.join(root, 'overlays/dev') };
}

/** A 127.0.0.1 server counting the requests it gets. */
async function countingServer() {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\n');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** Puts a fake `kubectl` first on PATH for one test. */
async function withFakeKubectl<T>(script: string, run: () => Promise<T>) {
  const bin = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-fake-kubectl-'));
  temporary.push(bin);
  await fs.writeFile(path.join(bin, 'kubectl'), `#!/bin/sh\n${script}\n`, {
    mode: 0o755,
  });
  const saved = process.env.PATH;
  process.env.PATH = `${bin}:${saved}`;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
}

describe('kustomizeBuild', () => {
  it('builds an overlay that stays in its folder', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\nconfigMapGenerator:\n  - name: settings\n    files: [app.properties, key=app.properties]\n    envs: [app.env]\npatches:\n  - path: replicas.yaml\n',
      'overlays/dev/app.properties': 'a=b\n',
      'overlays/dev/app.env': 'X=1\n',
      'overlays/dev/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    });
    const out = await kustomizeBuild(dev, { root });
    expect(out).toContain('kind: Deployment');
    expect(out).toContain('replicas: 3');
    expect(out).toContain('kind: ConfigMap');
    // Relative paths are the caller's: from its working directory.
    expect(
      await kustomizeBuild(path.relative(process.cwd(), dev), {
        root: path.relative(process.cwd(), root),
      }),
    ).toBe(out);
  });

  it('fetches no remote resource: refused before kubectl runs, the server gets nothing', async () => {
    const upstream = await countingServer();
    try {
      const { root, dev } = await tree({
        'overlays/dev/kustomization.yaml': `resources:\n  - ../../base\n  - ${upstream.url}/configmap.yaml\n`,
      });
      await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
        `overlays/dev/kustomization.yaml: resources entry "${upstream.url}/configmap.yaml" is remote; Forja builds only what the folder holds`,
      );
      expect(upstream.requests).toEqual([]);
    } finally {
      await upstream.close();
    }
  });

  it('refuses git references and missing entries without running kubectl', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\ncomponents:\n  - github.com/acme/k8s//components/x?ref=v1\n',
      'overlays/staging/kustomization.yaml':
        'resources:\n  - ../../base\n  - deploymnt.yaml\n',
    });
    await withFakeKubectl('echo ran >&2; exit 1', async () => {
      await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
        'overlays/dev/kustomization.yaml: components entry "github.com/acme/k8s//components/x?ref=v1" is remote',
      );
      await expect(
        kustomizeBuild(path.join(root, 'overlays/staging'), { root }),
      ).rejects.toThrow(
        'overlays/staging/kustomization.yaml: resources entry "deploymnt.yaml" does not exist in the folder',
      );
      await expect(
        kustomizeBuild(path.join(root, 'overlays/qa'), { root }),
      ).rejects.toThrow('overlays/qa does not exist in the folder');
    });
  });

  it('loads no base outside the folder, by a relative or an absolute path', async () => {
    const { parent, root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\n  - ../../../../outside\n',
      'overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\n',
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      'overlays/dev/kustomization.yaml: resources entry "../../../../outside" is outside the folder',
    );
    const staging = path.join(root, 'overlays/staging');
    await fs.writeFile(
      path.join(staging, 'kustomization.yaml'),
      `bases:\n  - ${parent}/outside\n`,
    );
    await expect(kustomizeBuild(staging, { root })).rejects.toThrow(
      `overlays/staging/kustomization.yaml: bases entry "${parent}/outside" is outside the folder`,
    );
  });

  it('follows symlinks: a folder or a file pointing out of the root is refused', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\n  - linked\n',
      'overlays/dev/linked': { link: '../../../../outside' },
      'overlays/staging/kustomization.yaml':
        'resources:\n  - ../../base\n  - other.yaml\n',
      'overlays/staging/other.yaml': { link: '../../../../outside/secret.txt' },
      'overlays/prod/kustomization.yaml': {
        link: '../../../../outside/kustomization.yaml',
      },
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      'resources entry "linked" is outside the folder',
    );
    await expect(
      kustomizeBuild(path.join(root, 'overlays/staging'), { root }),
    ).rejects.toThrow('resources entry "other.yaml" is outside the folder');
    await expect(
      kustomizeBuild(path.join(root, 'overlays/prod'), { root }),
    ).rejects.toThrow('overlays/prod/kustomization.yaml is outside the folder');
  });

  it('reads no generator file outside the folder', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\nsecretGenerator:\n  - name: stolen\n    files:\n      - password=../../../../outside/secret.txt\n',
      'overlays/staging/kustomization.yaml':
        'configMapGenerator:\n  - name: stolen\n    envs: [/etc/passwd]\n',
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      'overlays/dev/kustomization.yaml: secretGenerator files entry "password=../../../../outside/secret.txt" is outside the folder',
    );
    await expect(
      kustomizeBuild(path.join(root, 'overlays/staging'), { root }),
    ).rejects.toThrow(
      'configMapGenerator envs entry "/etc/passwd" is outside the folder',
    );
  });

  it('checks the paths of transformer configurations, inline or in a file', async () => {
    const upstream = await countingServer();
    try {
      const { root, dev } = await tree({
        'overlays/dev/kustomization.yaml': `resources:\n  - ../../base\ntransformers:\n  - |\n    apiVersion: builtin\n    kind: PatchTransformer\n    metadata:\n      name: p\n    path: ${upstream.url}/patch.yaml\n`,
        'overlays/staging/kustomization.yaml':
          'resources:\n  - ../../base\ngenerators:\n  - generator.yaml\n',
        'overlays/staging/generator.yaml':
          'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: stolen\nfiles:\n  - ../../../../outside/secret.txt\n',
      });
      await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
        `transformers path entry "${upstream.url}/patch.yaml" is remote`,
      );
      await expect(
        kustomizeBuild(path.join(root, 'overlays/staging'), { root }),
      ).rejects.toThrow(
        'overlays/staging/kustomization.yaml: generators "generator.yaml" files entry "../../../../outside/secret.txt" is outside the folder',
      );
      expect(upstream.requests).toEqual([]);
    } finally {
      await upstream.close();
    }
  });

  it('refuses Helm, which downloads charts', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml':
        'helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n',
      'overlays/staging/kustomization.yaml':
        'generators:\n  - |\n    apiVersion: builtin\n    kind: HelmChartInflationGenerator\n    metadata:\n      name: x\n    chartName: redis\n',
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      'overlays/dev/kustomization.yaml: helmCharts is refused; Forja does not run Helm',
    );
    await expect(
      kustomizeBuild(path.join(root, 'overlays/staging'), { root }),
    ).rejects.toThrow('declares HelmChartInflationGenerator');
  });

  it('ends on a cycle with kubectl saying so, and bounds the kustomizations it visits', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml': 'resources:\n  - ../staging\n',
      'overlays/staging/kustomization.yaml': 'resources:\n  - ../dev\n',
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      /kubectl kustomize failed: .*cycle/,
    );

    const chain: Record<string, string> = {};
    for (let i = 0; i <= MAX_KUSTOMIZATIONS; i++)
      chain[`chain/${i}/kustomization.yaml`] = `resources:\n  - ../${i + 1}\n`;
    const long = await tree(chain);
    await expect(
      kustomizeBuild(path.join(long.root, 'chain/0'), { root: long.root }),
    ).rejects.toThrow(`more than ${MAX_KUSTOMIZATIONS} kustomizations`);
  });

  it('refuses a kustomization too large to read', async () => {
    const { root, dev } = await tree({
      'overlays/dev/kustomization.yaml': `# ${'x'.repeat(
        MAX_KUSTOMIZATION_BYTES,
      )}\nresources: [../../base]\n`,
    });
    await expect(kustomizeBuild(dev, { root })).rejects.toThrow(
      'overlays/dev/kustomization.yaml is 1 MiB, more than the 1 MiB Forja reads',
    );
  });

  it('stops a build that takes too long', async () => {
    const { root } = await tree({});
    const started = Date.now();
    await withFakeKubectl('sleep 30', async () => {
      await expect(
        kustomizeBuild(path.join(root, 'base'), { root, timeoutMs: 300 }),
      ).rejects.toThrow('kubectl kustomize took longer than 0.3 s; stopped');
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a build that prints too much', async () => {
    const { root } = await tree({});
    await expect(
      kustomizeBuild(path.join(root, 'base'), { root, maxOutputBytes: 100 }),
    ).rejects.toThrow('kubectl kustomize printed more than 100 bytes; stopped');
  });

  it('runs kubectl with no HOME, no proxy bypass and git refusing every protocol', async () => {
    const { root } = await tree({});
    const printed = await withFakeKubectl('env', () =>
      kustomizeBuild(path.join(root, 'base'), { root }),
    );
    const env = Object.fromEntries(
      printed
        .trim()
        .split('\n')
        .map(line => [
          line.slice(0, line.indexOf('=')),
          line.slice(line.indexOf('=') + 1),
        ]),
    );
    expect(env).toMatchObject({
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      http_proxy: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'protocol.allow',
      GIT_CONFIG_VALUE_0: 'never',
    });
    expect(env.HOME).toMatch(/forja-kustomize-/);
    expect(env.KUBECONFIG).toBeUndefined();
    expect(
      Object.keys(env).filter(k => /TOKEN|SECRET|PASSWORD/i.test(k)),
    ).toEqual([]);
  });
});
