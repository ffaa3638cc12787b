import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { estimatePath } from '../estimatePath';
import { testPrices } from './__fixtures__/testPrices';
import { parseUsageFile, readUsageFileIn } from './usageFile';

describe('usage files', () => {
  it("reads Infracost's shape: usage per address and per resource type", () => {
    expect(
      parseUsageFile(
        `version: 0.1
resource_usage:
  module.bucket.aws_s3_bucket.this: { storage_gb: 500 }
resource_type_default_usage:
  aws_lb: { capacity_units: 7 }
`,
        'infracost-usage.yml',
      ),
    ).toEqual({
      version: '0.1',
      resource_usage: {
        'module.bucket.aws_s3_bucket.this': { storage_gb: 500 },
      },
      resource_type_default_usage: { aws_lb: { capacity_units: 7 } },
    });
  });

  it('refuses anything but numbers, unknown keys, aliases and oversized files, by field', () => {
    expect(() =>
      parseUsageFile('resource_usage: { x: { storage_gb: lots } }', 'u.yml'),
    ).toThrow(/u\.yml: resource_usage\.x\.storage_gb: /);
    expect(() => parseUsageFile('script: rm -rf /', 'u.yml')).toThrow(
      /u\.yml: \(root\)/,
    );
    expect(() =>
      parseUsageFile('a: &a { x: 1 }\nresource_usage: { r: *a }', 'u.yml'),
    ).toThrow();
    expect(() =>
      parseUsageFile(`version: "${'x'.repeat(70_000)}"`, 'u.yml'),
    ).toThrow(/larger than/);
  });

  it('reads the file in the folder only, never through a link', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forja-usage-'));
    const outside = path.join(dir, 'outside.yml');
    fs.writeFileSync(
      outside,
      'resource_type_default_usage: { aws_lb: { capacity_units: 3 } }',
    );
    const folder = path.join(dir, 'overlay');
    fs.mkdirSync(folder);
    expect(await readUsageFileIn(folder)).toBeUndefined();
    fs.symlinkSync(outside, path.join(folder, 'infracost-usage.yml'));
    expect(await readUsageFileIn(folder)).toBeUndefined();
    fs.rmSync(path.join(folder, 'infracost-usage.yml'));
    fs.copyFileSync(outside, path.join(folder, 'infracost-usage.yml'));
    expect(await readUsageFileIn(folder)).toEqual({
      resource_type_default_usage: { aws_lb: { capacity_units: 3 } },
    });
  });

  it("prices a folder with its own usage file: the bucket's expected 500 GB, not the default", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forja-usage-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "backups" {\n  bucket = "kv-backups"\n}\n',
    );
    const catalog = {
      version: 'test',
      prices: { aws: { 'us-east-1': testPrices({ 's3:standard': 0.023 }) } },
    };
    const storage = async () =>
      (await estimatePath(dir, { catalog })).projects[0].breakdown.resources[0]
        .costComponents[0];
    expect((await storage()).monthlyQuantity).toBe('50');
    fs.writeFileSync(
      path.join(dir, 'infracost-usage.yml'),
      'resource_type_default_usage:\n  aws_s3_bucket: { storage_gb: 500 }\n',
    );
    expect((await storage()).monthlyQuantity).toBe('500');
  });
});
