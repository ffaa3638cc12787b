import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UNKNOWN } from './expression';
import {
  loadTerraform,
  MAX_INSTANCES,
  MAX_TERRAFORM_FILE_BYTES,
} from './loadTerraform';

const ROOT = path.resolve(__dirname, '../../../..');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'forja-cost-tf-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('loadTerraform', () => {
  it('expands variables, tfvars, locals in any order, modules, count and for_each', async () => {
    const dir = tree({
      'main.tf': `
provider "aws" {
  region = var.region
}
variable "region" {
  default = "us-east-1"
}
variable "env" {}
variable "workers" {
  default = 1
}
locals {
  size  = local.sizes[var.env]
  sizes = { dev = "t3.small", prod = "m6i.large" }
}
resource "aws_instance" "worker" {
  count         = var.workers
  instance_type = local.size
  tags          = { Name = "worker-\${count.index}" }
  root_block_device {
    volume_size = var.env == "prod" ? 100 : 20
  }
}
resource "aws_ebs_volume" "data" {
  for_each          = toset(["a", "b"])
  availability_zone = "\${var.region}\${each.key}"
  size              = 50
  type              = "gp3"
}
module "db" {
  source = "./modules/db"
  count  = 1
  class  = "db.t4g.medium"
  vpc_id = aws_vpc.main.id
}
`,
      'terraform.tfvars': 'env = "prod"\n',
      'workers.auto.tfvars.json': '{ "workers": 2 }',
      'modules/db/main.tf': `
variable "class" {}
variable "vpc_id" {}
resource "aws_db_instance" "this" {
  instance_class    = var.class
  allocated_storage = 100
  multi_az          = true
  vpc_security_group_ids = [var.vpc_id]
}
output "class" {
  value = var.class
}
`,
    });
    const { resources, problems } = await loadTerraform(dir);
    expect(problems).toEqual([]);
    expect(resources.map(r => r.address)).toEqual([
      'aws_ebs_volume.data["a"]',
      'aws_ebs_volume.data["b"]',
      'aws_instance.worker[0]',
      'aws_instance.worker[1]',
      'module.db[0].aws_db_instance.this',
    ]);
    expect(resources[3].values).toMatchObject({
      instance_type: 'm6i.large',
      tags: { Name: 'worker-1' },
      root_block_device: [{ volume_size: 100 }],
    });
    expect(resources[1].values.availability_zone).toBe('us-east-1b');
    expect(resources[4]).toMatchObject({
      providerRegion: 'us-east-1',
      values: {
        instance_class: 'db.t4g.medium',
        vpc_security_group_ids: [UNKNOWN],
      },
    });
  });

  it('reports a syntax error with its file and line, and unknown counts', async () => {
    const dir = tree({
      'broken.tf': 'resource "aws_instance" "a" {\n  instance_type = \n}\n',
      'main.tf':
        'resource "aws_instance" "b" {\n  count = length(aws_subnet.all)\n  instance_type = "t3.micro"\n}\n',
    });
    const { resources, problems } = await loadTerraform(dir);
    expect(problems).toEqual([
      {
        file: path.join(dir, 'broken.tf'),
        line: 2,
        message: expect.stringMatching(/^Invalid expression/),
      },
      {
        file: path.join(dir, 'main.tf'),
        message:
          'aws_instance.b: count is not known before apply; counted once',
      },
    ]);
    expect(resources.map(r => r.address)).toEqual(['aws_instance.b[0]']);
  });

  it('fills optional() type defaults, orders modules by their reads, expands dynamic blocks and resolves configured references', async () => {
    const dir = tree({
      'a_consumer.tf': `
module "consumer" {
  source = "./modules/consumer"
  pool   = { size = "m6i.large" }
  net    = module.net
}
`,
      'b_net.tf': `
module "net" {
  source = "./modules/net"
}
`,
      'modules/net/main.tf': `
output "cidr" {
  value = "10.0.0.0/16"
}
`,
      'modules/consumer/main.tf': `
variable "pool" {
  type = object({
    size    = string
    disk_gb = optional(number, 50)
  })
}
variable "net" {}
locals {
  sku = regex("^(Standard)_([CP])([0-6])$", "Standard_C1")
}
resource "aws_eks_node_group" "this" {
  disk_size = var.pool.disk_gb
  labels    = { cidr = var.net.cidr, family = local.sku[1] }
  dynamic "taint" {
    for_each = ["a", "b"]
    content {
      key = taint.value
    }
  }
}
resource "aws_rds_cluster" "c" {
  engine = "aurora-postgresql"
}
resource "aws_rds_cluster_instance" "i" {
  engine = aws_rds_cluster.c.engine
  arn    = aws_rds_cluster.c.arn
}
`,
    });
    const { resources, problems } = await loadTerraform(dir);
    expect(problems).toEqual([]);
    const byAddress = Object.fromEntries(
      resources.map(r => [r.address, r.values]),
    );
    expect(byAddress['module.consumer.aws_eks_node_group.this']).toEqual({
      disk_size: 50,
      labels: { cidr: '10.0.0.0/16', family: 'C' },
      taint: [{ key: 'a' }, { key: 'b' }],
    });
    // What the cluster configures is known; what the provider computes (arn) is not.
    expect(byAddress['module.consumer.aws_rds_cluster_instance.i']).toEqual({
      engine: 'aurora-postgresql',
      arn: UNKNOWN,
    });
  });

  it("reads a generated environment through this repository's modules", async () => {
    const { resources } = await loadTerraform(
      path.join(
        ROOT,
        'examples/systems/video-system/terraform/environments/dev',
      ),
      {
        moduleRepositories: { 'https://github.com/forja-dev/forja.git': ROOT },
      },
    );
    const types = new Set(resources.map(r => r.type));
    for (const type of [
      'aws_eks_cluster',
      'aws_eks_node_group',
      'aws_mq_broker',
      'aws_nat_gateway',
    ]) {
      expect(types).toContain(type);
    }
    expect(resources.every(r => r.providerRegion === 'us-east-1')).toBe(true);
  });

  it('reads no local module outside the root, by a relative path or a symlink', async () => {
    const parent = tree({
      'outside/main.tf':
        'resource "aws_instance" "other" {\n  instance_type = "m6i.large"\n}\n',
      'tree/main.tf': [
        'module "escape" {\n  source = "../outside"\n}',
        'module "linked" {\n  source = "./linked"\n}',
        'module "inside" {\n  source = "./modules/own"\n}',
      ].join('\n'),
      'tree/modules/own/main.tf':
        'resource "aws_instance" "own" {\n  instance_type = "t3.small"\n}\n',
    });
    const dir = path.join(parent, 'tree');
    symlinkSync(path.join(parent, 'outside'), path.join(dir, 'linked'));

    // The control: unbounded, both modules outside are read.
    const unbounded = await loadTerraform(dir);
    expect(unbounded.resources.map(r => r.address).sort()).toEqual([
      'module.escape.aws_instance.other',
      'module.inside.aws_instance.own',
      'module.linked.aws_instance.other',
    ]);

    const bounded = await loadTerraform(dir, { root: dir });
    expect(bounded.resources.map(r => r.address)).toEqual([
      'module.inside.aws_instance.own',
    ]);
    expect(bounded.problems.map(p => p.message).sort()).toEqual([
      'module "escape": source ../outside is outside the folder read; not priced',
      'module "linked": source ./linked is outside the folder read; not priced',
    ]);
  });

  it('reads no .tf or tfvars file that is a symlink out of the root, nor one past MAX_TERRAFORM_FILE_BYTES', async () => {
    const parent = tree({
      'secret/credentials.tf':
        'resource "aws_instance" "secret" {\n  instance_type = "m6i.large"\n}\n',
      'secret/values.tfvars.json': '{"size": "m6i.24xlarge"}',
      'tree/main.tf':
        'variable "size" {\n  default = "t3.small"\n}\nresource "aws_instance" "own" {\n  instance_type = var.size\n}\n',
    });
    const dir = path.join(parent, 'tree');
    symlinkSync(
      path.join(parent, 'secret/credentials.tf'),
      path.join(dir, 'linked.tf'),
    );
    symlinkSync(
      path.join(parent, 'secret/values.tfvars.json'),
      path.join(dir, 'linked.auto.tfvars.json'),
    );
    writeFileSync(
      path.join(dir, 'huge.tf'),
      `# ${'x'.repeat(MAX_TERRAFORM_FILE_BYTES)}\n`,
    );

    const bounded = await loadTerraform(dir, { root: dir });
    expect(
      bounded.resources.map(r => [r.address, r.values.instance_type]),
    ).toEqual([['aws_instance.own', 't3.small']]);
    expect(
      bounded.problems.map(p => [path.basename(p.file), p.message]),
    ).toEqual([
      ['linked.auto.tfvars.json', 'a link out of the folder read; not read'],
      ['huge.tf', `larger than ${MAX_TERRAFORM_FILE_BYTES} bytes; not read`],
      ['linked.tf', 'a link out of the folder read; not read'],
    ]);
  });

  it('expands no more than MAX_INSTANCES per resource or module: a problem, not priced', async () => {
    const started = Date.now();
    const dir = tree({
      'main.tf': `
provider "aws" {
  region = "us-east-1"
}
resource "aws_instance" "fleet" {
  count         = 50000000
  instance_type = "m6i.large"
}
resource "aws_instance" "ok" {
  count         = ${MAX_INSTANCES}
  instance_type = "t3.micro"
}
locals {
  many = flatten([for a in range(101) : [for b in range(100) : "\${a}-\${b}"]])
}
resource "aws_ebs_volume" "each" {
  for_each = toset(local.many)
  size     = 10
}
resource "aws_security_group" "rules" {
  dynamic "ingress" {
    for_each = local.many
    content {
      from_port = 443
    }
  }
}
module "many" {
  source = "./modules/m"
  count  = 1e9
}
resource "aws_eks_cluster" "main" {}
`,
      'modules/m/main.tf': 'resource "aws_instance" "m" {}\n',
    });
    const { resources, problems } = await loadTerraform(dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    const messages = problems.map(p => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'aws_instance.fleet: count is 50000000, more than 10000 instances; not priced',
        'aws_ebs_volume.each: for_each has 10100 elements, more than 10000 instances; not priced',
        'module "many": count is 1000000000, more than 10000 instances; not priced',
        expect.stringMatching(
          /^aws_security_group\.rules: .*dynamic "ingress" for_each has 10100 elements, more than 10000/,
        ),
      ]),
    );
    const count = (prefix: string) =>
      resources.filter(r => r.address.startsWith(prefix)).length;
    expect(count('aws_instance.fleet')).toBe(0);
    expect(count('aws_ebs_volume.each')).toBe(0);
    expect(count('module.many')).toBe(0);
    expect(count('aws_instance.ok')).toBe(MAX_INSTANCES);
    expect(count('aws_eks_cluster.main')).toBe(1);
  });
});
