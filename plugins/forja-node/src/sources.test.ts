import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertEnvironmentName,
  environmentNameProblem,
} from './environmentName';
import {
  readSource,
  resolveSource,
  revalidateSource,
  SourceCheck,
} from './sources';

const source = {
  type: 'url' as const,
  url: 'https://github.com/acme/shop/tree/main/k8s',
};

/** A UrlReader whose readTree never answers, whatever signal it is given. */
function hangingReader() {
  const signals: AbortSignal[] = [];
  const reader = {
    readTree: async (_url: string, options?: { signal?: AbortSignal }) => {
      signals.push(options!.signal!);
      return new Promise<never>(() => {});
    },
  } as unknown as UrlReaderService;
  return { reader, signals };
}

describe('readSource', () => {
  it('gives up on a folder read that never answers, and aborts it', async () => {
    const { reader, signals } = hangingReader();
    await expect(
      readSource(source, reader, undefined, { timeoutMs: 200 }),
    ).rejects.toThrow(
      'reading https://github.com/acme/shop/tree/main/k8s took longer than 0.2 s',
    );
    expect(signals[0].aborted).toBe(true);
  });

  it('removes the folder it made when extracting the tree fails', async () => {
    let target = '';
    const reader = {
      readTree: async () => ({
        etag: 'e1',
        dir: async ({ targetDir }: { targetDir: string }) => {
          target = targetDir;
          throw new Error('archive truncated');
        },
      }),
    } as unknown as UrlReaderService;
    await expect(readSource(source, reader)).rejects.toThrow(
      'archive truncated',
    );
    expect(target).not.toBe('');
    expect(existsSync(target)).toBe(false);
  });
});

describe('revalidateSource', () => {
  it('lets the next view read again after a read that never answered', async () => {
    const { reader, signals } = hangingReader();
    const check: SourceCheck = { checkedAt: 0 };
    const options = {
      source,
      reader,
      revalidateMs: 0,
      timeoutMs: 200,
      onChange: async () => {},
    };
    await expect(revalidateSource(check, options)).rejects.toThrow(
      /took longer than 0.2 s/,
    );
    expect(check.checking).toBeUndefined();
    await expect(revalidateSource(check, options)).rejects.toThrow(
      /took longer than 0.2 s/,
    );
    expect(signals).toHaveLength(2);
  });
});

const entityAt = (location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'x',
    annotations: { 'backstage.io/managed-by-location': location },
  },
});

/** `parent/tree` is a checkout (it has `.git`) holding `services/a/catalog-info.yaml`. */
async function checkout(options: { git?: boolean } = {}) {
  const parent = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'forja-sources-')),
  );
  const tree = path.join(parent, 'tree');
  await fs.mkdir(path.join(tree, 'services/a/k8s'), { recursive: true });
  await fs.mkdir(path.join(tree, 'terraform'), { recursive: true });
  await fs.mkdir(path.join(parent, 'outside'), { recursive: true });
  if (options.git !== false) await fs.mkdir(path.join(tree, '.git'));
  const catalogFile = path.join(tree, 'services/a/catalog-info.yaml');
  return { parent, tree, entity: entityAt(`file:${catalogFile}`) };
}

describe('resolveSource', () => {
  it('resolves dir: inside the checkout of a file location, up to its root', async () => {
    const { tree, entity } = await checkout();
    expect(resolveSource(entity, 'dir:./k8s')).toEqual({
      type: 'file',
      dir: path.join(tree, 'services/a/k8s'),
    });
    expect(resolveSource(entity, 'dir:../../terraform')).toEqual({
      type: 'file',
      dir: path.join(tree, 'terraform'),
    });
  });

  it('refuses dir: outside the checkout, dir:/ among them, naming the value', async () => {
    const { parent, tree, entity } = await checkout();
    expect(() => resolveSource(entity, 'dir:../../../outside')).toThrow(
      `dir:../../../outside resolves to ${parent}/outside, outside the checkout ${tree} the entity's catalog file is in`,
    );
    expect(() => resolveSource(entity, 'dir:/')).toThrow(
      /^dir:\/ resolves to \/, outside the checkout/,
    );
    expect(() => resolveSource(entity, `dir:${parent}/outside`)).toThrow(
      /outside the checkout/,
    );
  });

  it("without a .git, keeps dir: inside the catalog file's own folder", async () => {
    const { entity } = await checkout({ git: false });
    expect(resolveSource(entity, 'dir:./k8s')).toMatchObject({ type: 'file' });
    expect(() => resolveSource(entity, 'dir:../../terraform')).toThrow(
      /outside the checkout .*services\/a the entity's catalog file is in/,
    );
  });

  it('follows a symlink before deciding', async () => {
    const { parent, tree, entity } = await checkout();
    await fs.symlink(
      path.join(parent, 'outside'),
      path.join(tree, 'services/a/linked'),
    );
    expect(() => resolveSource(entity, 'dir:./linked')).toThrow(
      `dir:./linked resolves to ${parent}/outside, outside the checkout`,
    );
  });

  it('keeps dir: and url: of a URL location in its repository and ref', () => {
    const entity = entityAt(
      'url:https://github.com/acme/infra/blob/main/services/a/catalog-info.yaml',
    );
    expect(resolveSource(entity, 'dir:./k8s')).toEqual({
      type: 'url',
      url: 'https://github.com/acme/infra/blob/main/services/a/k8s',
    });
    expect(resolveSource(entity, 'dir:../../terraform')).toEqual({
      type: 'url',
      url: 'https://github.com/acme/infra/blob/main/terraform',
    });
    expect(
      resolveSource(
        entity,
        'url:https://github.com/acme/infra/tree/main/terraform',
      ),
    ).toEqual({
      type: 'url',
      url: 'https://github.com/acme/infra/tree/main/terraform',
    });
    for (const value of [
      'dir:../../../../other/repo/blob/main/x',
      'dir:../../../prod/terraform',
      'url:https://github.com/acme/other/tree/main/terraform',
      'url:https://github.com/acme/infra/tree/release/terraform',
      'url:https://gitlab.example.com/acme/infra/tree/main/terraform',
      'url:http://127.0.0.1:8080/acme/infra/tree/main/terraform',
    ]) {
      expect(() => resolveSource(entity, value)).toThrow(
        `${value} resolves to`,
      );
      expect(() => resolveSource(entity, value)).toThrow(
        /outside the repository and ref https:\/\/github\.com\/acme\/infra\/blob\/main\/ the entity's catalog file is in/,
      );
    }
  });

  it("keeps other URL locations in the catalog file's folder", () => {
    const entity = entityAt(
      'url:https://git.example.com/raw/acme/infra/catalog/catalog-info.yaml',
    );
    expect(resolveSource(entity, 'dir:./terraform')).toEqual({
      type: 'url',
      url: 'https://git.example.com/raw/acme/infra/catalog/terraform',
    });
    expect(() => resolveSource(entity, 'dir:../terraform')).toThrow(
      /outside the repository and ref https:\/\/git\.example\.com\/raw\/acme\/infra\/catalog\//,
    );
  });
});

describe('environment names', () => {
  it('takes names and refuses paths', () => {
    for (const name of ['dev', 'staging', 'prod-eu', 'qa.1', 'a_b', '1'])
      expect(environmentNameProblem(name)).toBeUndefined();
    for (const name of [
      '../../../x',
      '..',
      'a..b',
      'dev/x',
      '/dev',
      'Dev',
      '-dev',
      'dev-',
      '',
      'a'.repeat(64),
      'dev\\x',
    ]) {
      expect(environmentNameProblem(name)).toContain(
        `${JSON.stringify(name)} is not an environment name`,
      );
    }
    expect(() => assertEnvironmentName('../x')).toThrow(
      '"../x" is not an environment name',
    );
  });
});
