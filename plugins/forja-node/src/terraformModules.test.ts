import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTerraformModuleRepositories,
  readTerraformModulesConfig,
} from './terraformModules';

const REPOSITORY = 'https://github.example.com/platform/forja.git';

/** A URL reader answering readTree with a folder of modules, counting its reads. */
function treeReader(
  answer: (url: string, signal?: AbortSignal) => Promise<void> = async () => {},
) {
  const urls: string[] = [];
  const reader = {
    readUrl: jest.fn(),
    search: jest.fn(),
    readTree: jest.fn(
      async (url: string, options?: { signal?: AbortSignal }) => {
        urls.push(url);
        await answer(url, options?.signal);
        return {
          etag: 'e1',
          files: async () => [],
          archive: async () => {
            throw new Error('not used');
          },
          dir: async ({ targetDir }: { targetDir?: string } = {}) => {
            // Like Backstage's readers: the target folder must exist.
            await fs.stat(targetDir!);
            await fs.mkdir(path.join(targetDir!, 'dns', 'aws'), {
              recursive: true,
            });
            await fs.writeFile(
              path.join(targetDir!, 'dns', 'aws', 'main.tf'),
              'variable "zone" {}\n',
            );
            return targetDir!;
          },
        };
      },
    ),
  };
  return { reader, urls };
}

const workingDirectory = () =>
  fs.mkdtemp(path.join(os.tmpdir(), 'forja-modules-test-'));

describe('Terraform module repositories', () => {
  it('uses a configured local copy as it is, reading nothing', async () => {
    const { reader } = treeReader();
    const modules = createTerraformModuleRepositories({
      source: { repository: REPOSITORY, ref: 'v1', localPath: '/srv/forja' },
      reader,
      logger: mockServices.logger.mock(),
    });
    expect(await modules.resolve()).toEqual({ [REPOSITORY]: '/srv/forja' });
    expect(reader.readTree).not.toHaveBeenCalled();
  });

  it('reads terraform/modules at the pinned ref once through the URL reader, for every caller', async () => {
    const { reader, urls } = treeReader();
    const modules = createTerraformModuleRepositories({
      source: { repository: REPOSITORY, ref: 'v0.3.0' },
      reader,
      logger: mockServices.logger.mock(),
      workingDirectory: await workingDirectory(),
    });
    const [first, second] = await Promise.all([
      modules.resolve(),
      modules.resolve(),
    ]);
    expect(await modules.resolve()).toEqual(first);
    expect(second).toEqual(first);
    expect(urls).toEqual([
      'https://github.example.com/platform/forja/tree/v0.3.0/terraform/modules',
    ]);
    // The copy has the repository's layout: module sources' subfolders resolve under it.
    const main = path.join(
      first[REPOSITORY],
      'terraform/modules/dns/aws/main.tf',
    );
    expect(await fs.readFile(main, 'utf8')).toContain('variable "zone"');
  });

  it('reads a source once for every plugin of the process that configures it', async () => {
    const { reader, urls } = treeReader();
    const options = {
      source: { repository: REPOSITORY, ref: 'v2' },
      reader,
      logger: mockServices.logger.mock(),
      workingDirectory: await workingDirectory(),
    };
    const scaffolder = createTerraformModuleRepositories(options);
    const cost = createTerraformModuleRepositories(options);
    expect(await cost.resolve()).toEqual(await scaffolder.resolve());
    expect(urls).toHaveLength(1);
  });

  it('leaves the repository out when it cannot be read, says so, and tries again later', async () => {
    let fail = true;
    const { reader, urls } = treeReader(async () => {
      if (fail) throw new Error('401 Bad credentials');
    });
    const logger = mockServices.logger.mock();
    const modules = createTerraformModuleRepositories({
      source: { repository: REPOSITORY, ref: 'v1' },
      local: { 'https://example.com/other.git': '/srv/other' },
      reader,
      logger,
      workingDirectory: await workingDirectory(),
      retryAfterMs: 50,
    });
    expect(await modules.resolve()).toEqual({
      'https://example.com/other.git': '/srv/other',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('401 Bad credentials'),
    );
    // Within the rest period the failure is not repeated upstream.
    await modules.resolve();
    expect(urls).toHaveLength(1);
    fail = false;
    await new Promise(r => setTimeout(r, 60));
    expect(Object.keys(await modules.resolve())).toContain(REPOSITORY);
    expect(urls).toHaveLength(2);
  });

  it('gives up on a read that hangs at its time limit', async () => {
    const { reader } = treeReader(
      (_, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const modules = createTerraformModuleRepositories({
      source: { repository: REPOSITORY, ref: 'v1' },
      reader,
      logger: mockServices.logger.mock(),
      workingDirectory: await workingDirectory(),
      timeoutMs: 100,
    });
    expect(await modules.resolve()).toEqual({});
  });

  it('names the field of a repository or ref it cannot use', () => {
    const read = (terraformModules: object) => () =>
      readTerraformModulesConfig(
        new ConfigReader({ forja: { terraformModules } }),
      );
    expect(read({ repository: 'git@github.com:x/y.git' })).toThrow(
      /forja\.terraformModules\.repository must be an https git URL/,
    );
    expect(read({ ref: '--upload-pack=x' })).toThrow(
      /forja\.terraformModules\.ref must be a tag, branch or commit/,
    );
    expect(read({ localPath: 'modules' })()).toMatchObject({
      repository: 'https://github.com/forja-dev/forja.git',
      localPath: path.resolve('modules'),
    });
  });
});
