import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createOverlayReader } from './overlays';

const KUSTOMIZATION = (extra = '') =>
  `resources:\n  - ../../base\nconfigMapGenerator:\n  - name: settings\n    literals: [ENVIRONMENT=dev]\n${extra}`;

/** A checkout (with `.git`) holding a catalog file and `k8s/`, beside a folder outside it. */
async function checkout(files: Record<string, string>) {
  const parent = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'forja-overlays-')),
  );
  const tree = path.join(parent, 'tree');
  const all: Record<string, string> = {
    'tree/.git/HEAD': 'ref: refs/heads/main\n',
    'tree/k8s/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'tree/k8s/base/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n',
    'outside/kustomization.yaml':
      'configMapGenerator:\n  - name: other-team\n    literals: [PASSWORD=hunter2]\n',
    ...Object.fromEntries(
      Object.entries(files).map(([file, text]) => [`tree/${file}`, text]),
    ),
  };
  for (const [file, text] of Object.entries(all)) {
    await fs.mkdir(path.dirname(path.join(parent, file)), { recursive: true });
    await fs.writeFile(path.join(parent, file), text);
  }
  return { parent, tree };
}

const entityIn = (tree: string, kustomizeDir: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'web',
    annotations: {
      'backstage.io/managed-by-location': `file:${tree}/catalog-info.yaml`,
      'forja.dev/kustomize-dir': kustomizeDir,
    },
  },
});

describe('createOverlayReader', () => {
  const reader = mockServices.urlReader.mock();

  it('renders each overlay; a remote or outside entry and a path for a name each say why', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.end('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\n');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { tree } = await checkout({
        'k8s/overlays/dev/kustomization.yaml': KUSTOMIZATION(),
        'k8s/overlays/staging/kustomization.yaml': `resources:\n  - ../../base\n  - ${url}/configmap.yaml\n`,
        'k8s/overlays/prod/kustomization.yaml':
          'resources:\n  - ../../base\n  - ../../../../outside\n',
      });
      const overlays = await createOverlayReader(reader, 60_000)(
        entityIn(tree, 'dir:./k8s'),
        ['dev', 'staging', 'prod', '../../../x'],
      );
      expect(overlays!.dev).toMatchObject({
        images: { 'web/app': 'nginx:1.27' },
        config: { 'settings/ENVIRONMENT': 'dev' },
      });
      expect(overlays!.staging).toEqual({
        error: `overlays/staging does not build: overlays/staging/kustomization.yaml: resources entry "${url}/configmap.yaml" is remote; Forja builds only what the folder holds`,
      });
      expect(overlays!.prod).toEqual({
        error:
          'overlays/prod does not build: overlays/prod/kustomization.yaml: resources entry "../../../../outside" is outside the folder',
      });
      expect((overlays!['../../../x'] as { error: string }).error).toMatch(
        /^"\.\.\/\.\.\/\.\.\/x" is not an environment name/,
      );
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('refuses a folder outside the checkout before reading anything', async () => {
    const { tree } = await checkout({});
    const overlays = createOverlayReader(reader, 60_000);
    await expect(
      overlays(entityIn(tree, 'dir:../outside'), ['dev']),
    ).rejects.toThrow(
      /^dir:\.\.\/outside resolves to .*, outside the checkout/,
    );
    await expect(overlays(entityIn(tree, 'dir:/'), ['dev'])).rejects.toThrow(
      /^dir:\/ resolves to \/, outside the checkout/,
    );
  });

  it('keeps the rendered overlays of at most maxEntries sources', async () => {
    const { tree } = await checkout({
      'k8s/overlays/dev/kustomization.yaml': KUSTOMIZATION(),
    });
    const overlays = createOverlayReader(reader, 60_000, 2);
    const entity = entityIn(tree, 'dir:./k8s');
    const first = await overlays(entity, ['dev']);
    // Two other keys push the first out: it is rendered again (a new object).
    await overlays(entity, ['dev', 'staging']);
    await overlays(entity, ['staging']);
    const again = await overlays(entity, ['dev']);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    // While kept, the same rendering is returned.
    expect(await overlays(entity, ['dev'])).toBe(again);
  });
});
