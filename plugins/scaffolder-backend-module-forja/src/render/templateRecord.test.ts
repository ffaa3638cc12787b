import { execFile } from 'node:child_process';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { renderTemplate } from './renderTemplate';
import {
  gitBlobSha,
  TEMPLATE_RECORD_FILE,
  templateDigest,
  templateRecordSchema,
} from './templateRecord';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const service = {
  skeletonDir: path.join(ROOT, 'templates/service/skeleton'),
  forjaDir: path.join(ROOT, 'templates/service/forja'),
};

describe('every render records its template', () => {
  it('names the template, its version and digest, the values as given and each file by git blob id', async () => {
    const values = parse(
      await fs.readFile(
        path.join(ROOT, 'examples/values/video-system/ms-auth.yaml'),
        'utf8',
      ),
    );
    const files = await renderTemplate('service', values, service);
    const record = templateRecordSchema.parse(
      JSON.parse(files.get(TEMPLATE_RECORD_FILE)!),
    );
    expect(record).toMatchObject({
      template: 'service',
      version: '1',
      digest: await templateDigest(service),
      values,
    });
    expect(Object.keys(record.files).sort()).toEqual(
      [...files.keys()].filter(f => f !== TEMPLATE_RECORD_FILE).sort(),
    );
    expect(record.files['catalog-info.yaml']).toBe(
      gitBlobSha(files.get('catalog-info.yaml')!),
    );
  });

  it('computes blob ids as git does', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-blob-'));
    const content = 'héllo\nwörld\n';
    await fs.writeFile(path.join(dir, 'f'), content);
    const { stdout } = await run('git', ['hash-object', path.join(dir, 'f')]);
    expect(gitBlobSha(content)).toBe(stdout.trim());
    await fs.remove(dir);
  });

  it('changes the digest with any file of forja/ or skeleton/', async () => {
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-digest-'));
    await fs.copy(path.join(ROOT, 'templates/service'), copy);
    const dirs = {
      skeletonDir: path.join(copy, 'skeleton'),
      forjaDir: path.join(copy, 'forja'),
    };
    const before = await templateDigest(dirs);
    expect(before).toBe(await templateDigest(service));
    await fs.appendFile(path.join(copy, 'template.yaml'), '# form only\n');
    expect(await templateDigest(dirs)).toBe(before);
    await fs.appendFile(
      path.join(copy, 'forja/files/k8s/base/deployment.yaml'),
      '# changed\n',
    );
    expect(await templateDigest(dirs)).not.toBe(before);
    await fs.remove(copy);
  });

  it('refuses a record whose file names leave the tree', () => {
    const record = {
      template: 'service',
      version: '1',
      digest: `sha256:${'0'.repeat(64)}`,
      values: {},
    };
    for (const name of ['../x', '/etc/passwd', 'a/../../b', 'a//b', './a']) {
      expect(
        templateRecordSchema.safeParse({
          ...record,
          files: { [name]: '0'.repeat(40) },
        }).success,
      ).toBe(false);
    }
    expect(
      templateRecordSchema.safeParse({
        ...record,
        files: { 'k8s/base/deployment.yaml': '0'.repeat(40) },
      }).success,
    ).toBe(true);
  });
});
