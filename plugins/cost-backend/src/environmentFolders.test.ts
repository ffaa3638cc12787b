import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  discoverEnvironments,
  environmentFolder,
  environmentFolders,
  folderIdentity,
} from './environmentFolders';

let root: string;

const write = async (file: string, content = '') => {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), content);
};

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-folders-'));
  await write('tf/environments/dev/main.tf');
  await write('tf/environments/prod/main.tf');
  await write('tf/environments/notes/README.md');
  await write('k8s/overlays/dev/kustomization.yml');
  await write('k8s/overlays/qa/kustomization.yaml');
  await write('flat/main.tf');
  await write('flat/kustomization.yaml');
});

afterEach(() => fs.rm(root, { recursive: true, force: true }));

describe('environmentFolder', () => {
  it('prefers the environment folder, else the source itself', async () => {
    const tf = path.join(root, 'tf');
    expect(await environmentFolder('terraform', tf, 'dev')).toBe(
      path.join('environments', 'dev'),
    );
    expect(await environmentFolder('terraform', tf, 'notes')).toBeUndefined();
    expect(
      await environmentFolder('kustomize', path.join(root, 'k8s'), 'dev'),
    ).toBe(path.join('overlays', 'dev'));
    expect(
      await environmentFolder('terraform', path.join(root, 'flat'), 'dev'),
    ).toBe('');
    expect(
      await environmentFolder('kustomize', path.join(root, 'flat'), 'prod'),
    ).toBe('');
    expect(
      await environmentFolder('kustomize', path.join(root, 'missing'), 'dev'),
    ).toBeUndefined();
  });
});

describe('environmentFolders', () => {
  it('lists the folders holding Terraform or a kustomization', async () => {
    expect(
      (await environmentFolders('terraform', path.join(root, 'tf'))).sort(),
    ).toEqual(['dev', 'prod']);
    expect(
      (await environmentFolders('kustomize', path.join(root, 'k8s'))).sort(),
    ).toEqual(['dev', 'qa']);
    expect(
      await environmentFolders('terraform', path.join(root, 'flat')),
    ).toEqual([]);
  });
});

describe('discoverEnvironments', () => {
  it('unites the sources’ folders, sorted, skipping unreadable sources', async () => {
    const found = await discoverEnvironments(
      [
        ['terraform', { type: 'file', dir: path.join(root, 'tf') }],
        ['kustomize', { type: 'file', dir: path.join(root, 'k8s') }],
        ['terraform', { type: 'url', url: 'https://example.com/broken' }],
      ],
      async source => {
        if (source.type === 'url') throw new Error('502');
        return source.dir;
      },
    );
    expect(found).toEqual(['dev', 'prod', 'qa']);
  });

  it('names the folder itself default when it holds no environment folders', async () => {
    expect(
      await discoverEnvironments(
        [['terraform', { type: 'file', dir: path.join(root, 'flat') }]],
        async source => (source.type === 'file' ? source.dir : undefined),
      ),
    ).toEqual(['default']);
  });
});

describe('folderIdentity', () => {
  it('names the same folder the same way from either annotation form', () => {
    expect(
      folderIdentity(
        { type: 'file', dir: '/repo/tf' },
        path.join('environments', 'dev'),
      ),
    ).toBe('file:/repo/tf/environments/dev');
    expect(
      folderIdentity(
        { type: 'url', url: 'https://github.com/acme/infra/tree/main/tf/' },
        path.join('environments', 'dev'),
      ),
    ).toBe('url:https://github.com/acme/infra/tree/main/tf/environments/dev');
    expect(
      folderIdentity({ type: 'url', url: 'https://example.com/tf//' }, ''),
    ).toBe('url:https://example.com/tf');
  });
});
