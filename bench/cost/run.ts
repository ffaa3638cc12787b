/* eslint-disable no-console */
// Prices a generated Terraform tree of 10,000 resources with Forja's cost engine, against
// a bare HCL parse (hcl2json) of the same files, side by side in one run. The engine
// parses on a worker pool (one thread per core); the ratio is taken against a bare parse
// on that same pool, and the one-thread parse is printed too. Targets: at most 1.5 times
// the parse time, at least 10,000 resources per second.
import { parse } from '@cdktf/hcl2json';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { estimatePath } from '../../plugins/cost-node/src/estimatePath';
import { parseHcl } from '../../plugins/cost-node/src/hcl/parsePool';
import { loadCatalog } from '../../plugins/cost-node/src/price/catalog';
import { median } from '../lib/stats';

const FILES = Number(process.env.FILES ?? 100);
const PER_FILE = Number(process.env.RESOURCES_PER_FILE ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TARGET_RATIO = 1.5;
const TARGET_RESOURCES_PER_SECOND = 10_000;

/** One of ten resource shapes, as generated environments write them. */
function resource(file: number, i: number): string {
  const name = `r${file}_${i}`;
  switch (i % 10) {
    case 0:
      return `resource "aws_instance" "${name}" {\n  instance_type = var.instance_type\n  tags          = local.tags\n  root_block_device {\n    volume_size = 20\n  }\n}\n`;
    case 1:
      return `resource "aws_ebs_volume" "${name}" {\n  availability_zone = "\${var.region}a"\n  size              = var.disk_gb * 2\n  type              = "gp3"\n}\n`;
    case 2:
      return `resource "aws_db_instance" "${name}" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.medium"\n  allocated_storage = 50\n  multi_az          = var.environment == "prod"\n}\n`;
    case 3:
      return `resource "aws_elasticache_replication_group" "${name}" {\n  replication_group_id = "${name}"\n  node_type            = "cache.t4g.small"\n  num_cache_clusters   = 2\n}\n`;
    case 4:
      return `resource "aws_security_group" "${name}" {\n  name   = "${name}"\n  vpc_id = "vpc-123"\n  tags   = merge(local.tags, { Name = "${name}" })\n}\n`;
    case 5:
      return `resource "aws_s3_bucket" "${name}" {\n  bucket = "\${local.prefix}-${name}"\n}\n`;
    case 6:
      return `resource "aws_nat_gateway" "${name}" {\n  subnet_id = "subnet-1"\n}\n`;
    case 7:
      return `resource "aws_sqs_queue" "${name}" {\n  name = format("%s-%s", local.prefix, "${name}")\n}\n`;
    case 8:
      return `resource "aws_eks_node_group" "${name}" {\n  instance_types = [var.instance_type]\n  scaling_config {\n    desired_size = 3\n    min_size     = 1\n    max_size     = 5\n  }\n}\n`;
    default:
      return `resource "aws_cloudwatch_log_group" "${name}" {\n  name              = "/forja/${name}"\n  retention_in_days = lookup(local.retention, var.environment, 7)\n}\n`;
  }
}

async function generate(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-bench-cost-'));
  await fs.writeFile(
    path.join(dir, 'main.tf'),
    `provider "aws" {
  region = var.region
}
variable "region" {
  default = "us-east-1"
}
variable "environment" {
  default = "prod"
}
variable "instance_type" {
  default = "m6i.large"
}
variable "disk_gb" {
  default = 50
}
locals {
  prefix    = "forja-\${var.environment}"
  tags      = { environment = var.environment, managed-by = "forja" }
  retention = { prod = 30, dev = 7 }
}
`,
  );
  for (let file = 0; file < FILES; file++) {
    const body = Array.from({ length: PER_FILE }, (_, i) =>
      resource(file, i),
    ).join('\n');
    await fs.writeFile(
      path.join(dir, `resources_${String(file).padStart(3, '0')}.tf`),
      body,
    );
  }
  return dir;
}

const tfFiles = async (dir: string) =>
  (await fs.readdir(dir)).filter(n => n.endsWith('.tf'));

async function bareParse(dir: string): Promise<void> {
  for (const name of await tfFiles(dir)) {
    await parse(name, await fs.readFile(path.join(dir, name), 'utf8'));
  }
}

async function bareParseOnPool(dir: string): Promise<void> {
  await Promise.all(
    (
      await tfFiles(dir)
    ).map(async name =>
      parseHcl(name, await fs.readFile(path.join(dir, name), 'utf8')),
    ),
  );
}

async function main() {
  const dir = await generate();
  const total = FILES * PER_FILE;
  const catalog = loadCatalog();
  // Warm up both (wasm compilation, JIT), then alternate so neither gets a quieter machine.
  await bareParse(dir);
  await bareParseOnPool(dir);
  const warm = await estimatePath(dir, { catalog });
  const priced =
    warm.projects[0].breakdown.resources.length + warm.coverage.freeResources;
  if (priced !== total)
    throw new Error(`priced ${priced} of ${total} resources`);
  const parseMs: number[] = [];
  const poolParseMs: number[] = [];
  const priceMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    await bareParse(dir);
    parseMs.push(performance.now() - start);
    start = performance.now();
    await bareParseOnPool(dir);
    poolParseMs.push(performance.now() - start);
    start = performance.now();
    await estimatePath(dir, { catalog });
    priceMs.push(performance.now() - start);
  }
  const parse50 = median(parseMs);
  const poolParse50 = median(poolParseMs);
  const price50 = median(priceMs);
  const ratio = price50 / poolParse50;
  const perSecond = total / (price50 / 1000);
  console.log(
    `${total} resources in ${FILES} files, median of ${ROUNDS} rounds`,
  );
  console.log(
    `bare HCL parse (hcl2json), one thread:        ${parse50.toFixed(0)} ms`,
  );
  console.log(
    `bare HCL parse (hcl2json), ${os.availableParallelism()} worker threads: ${poolParse50.toFixed(
      0,
    )} ms`,
  );
  console.log(
    `Forja estimate (parse, evaluate, price, compare): ${price50.toFixed(
      0,
    )} ms`,
  );
  console.log(
    `ratio ${ratio.toFixed(
      2,
    )}x the parse on the same threads (target <= ${TARGET_RATIO}x): ${
      ratio <= TARGET_RATIO ? 'met' : 'MISSED'
    }`,
  );
  console.log(
    `${Math.round(
      perSecond,
    )} resources per second (target >= ${TARGET_RESOURCES_PER_SECOND}): ${
      perSecond >= TARGET_RESOURCES_PER_SECOND ? 'met' : 'MISSED'
    }`,
  );
  console.log(`monthly total of the tree: $${warm.totalMonthlyCost}`);
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
