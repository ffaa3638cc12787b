import { PricingCatalog, UsageFile } from './types';
import { priceTerraform, testPrices } from './__fixtures__/testPrices';

// Round test prices, so each bill below can be checked with a pencil.
const catalog: PricingCatalog = {
  version: 'test',
  prices: {
    aws: {
      'us-east-1': testPrices({
        'ec2:t3.medium': 0.04,
        'ec2:m6i.large': 0.1,
        'ebs:gp2': 0.1,
        'ebs:gp3': 0.08,
        'ipv4:hour': 0.005,
        'eks:cluster': 0.1,
        'fargate:vcpu': 0.04,
        'fargate:gb': 0.004,
        'nat:hour': 0.045,
        'nat:gb': 0.045,
        'alb:hour': 0.0225,
        'alb:lcu': 0.008,
        'rds:postgres:multi-az:db.m6g.large': 0.3,
        'rds:storage:gp3:multi-az': 0.2,
        'aurora:storage': 0.1,
        'aurora:io': 0.2,
        'aurora:aurora-postgresql:db.r6g.large': 0.26,
        'elasticache:cache.t4g.small': 0.03,
        'elasticache:cache.m6g.large': 0.15,
        'mq:rabbitmq:mq.m5.large': 0.3,
        'mq:activemq:mq.t3.micro': 0.03,
        'mq:storage': 0.3,
        'dynamodb:wru': 0.625,
        'dynamodb:rru': 0.125,
        'dynamodb:storage': 0.25,
        'dynamodb:wcu': 0.00065,
        'dynamodb:rcu': 0.00013,
        's3:standard': 0.023,
        's3:tier1': 0.005,
        's3:tier2': 0.0004,
        'ecr:storage': 0.1,
        'logs:ingest': 0.5,
        'logs:storage': 0.03,
        'sqs:standard': 0.4,
      }),
    },
    azure: {
      eastus: testPrices({
        'aks:standard': 0.1,
        'vm:Standard_D4s_v5': 0.2,
        'vm:Standard_D2a_v4': 0.09,
        'vm:Standard_B2s': 0.04,
        'disk:P10': 20,
        'disk:P15': 38,
        'disk:E10': 10,
        'disk:S10': 5,
        'disk:S4': 1.5,
        'pgflex:GP_Standard_D2ds_v5': 0.18,
        'pgflex:storage': 0.115,
        'redis:Premium:P1': 0.55,
        'servicebus:standard': 0.0135,
        'servicebus:standard:ops': 0.8,
        'servicebus:premium': 0.9,
        'acr:premium': 1.5,
        'acr:storage': 0.1,
        'lb:standard:rules': 0.025,
        'lb:standard:gb': 0.005,
        'ip:standard:static': 0.005,
        'nat:hour': 0.045,
        'nat:gb': 0.045,
        'privatelink:hour': 0.01,
        'blob:hot:lrs': 0.02,
      }),
    },
    gcp: {
      'us-central1': testPrices({
        'gke:cluster': 0.1,
        'gce:e2-medium': 0.03,
        'gce:e2-standard-4': 0.13,
        'gce:n2-standard-2': 0.1,
        'disk:pd-balanced': 0.1,
        'disk:pd-ssd': 0.17,
        'disk:pd-standard': 0.04,
        'cloudsql:vcpu:regional': 0.08,
        'cloudsql:ram:regional': 0.014,
        'cloudsql:storage:ssd:regional': 0.34,
        'cloudsql:db-f1-micro:zonal': 0.01,
        'cloudsql:storage:ssd:zonal': 0.17,
        'memorystore:standard:M2': 0.05,
        'memorystore:basic:M1': 0.05,
        'pubsub:tib': 40,
        'artifactregistry:storage': 0.1,
        'nat:vm-hour': 0.0014,
        'nat:gb': 0.045,
        'gcs:standard': 0.02,
        'lb:rule': 0.025,
        'lb:gb': 0.008,
      }),
    },
  },
};

async function bill(tf: string, usage: UsageFile) {
  const result = await priceTerraform(tf, catalog, usage);
  return {
    result,
    byResource: Object.fromEntries(
      result.projects[0].breakdown.resources.map(r => [r.name, r.monthlyCost]),
    ),
  };
}

describe('hand-computed bills', () => {
  it('AWS', async () => {
    const { result, byResource } = await bill(
      `
provider "aws" {
  region = "us-east-1"
}
resource "aws_instance" "web" {
  instance_type = "t3.medium"
  root_block_device {
    volume_size = 20
  }
}
resource "aws_ebs_volume" "data" {
  type = "gp2"
  size = 100
}
resource "aws_eip" "nat" {}
resource "aws_eks_cluster" "main" {}
resource "aws_eks_node_group" "workers" {
  instance_types = ["m6i.large"]
  disk_size      = 50
  scaling_config {
    desired_size = 3
  }
}
resource "aws_eks_fargate_profile" "all" {}
resource "aws_nat_gateway" "nat" {}
resource "aws_lb" "web" {
  load_balancer_type = "application"
}
resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  multi_az          = true
  storage_type      = "gp3"
  allocated_storage = 100
}
resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
resource "aws_rds_cluster_instance" "aurora" {
  count              = 2
  engine             = aws_rds_cluster.aurora.engine
  instance_class     = "db.r6g.large"
  cluster_identifier = aws_rds_cluster.aurora.id
}
resource "aws_elasticache_cluster" "small" {
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}
resource "aws_elasticache_replication_group" "sharded" {
  node_type               = "cache.m6g.large"
  num_node_groups         = 2
  replicas_per_node_group = 1
}
resource "aws_mq_broker" "rabbit" {
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.m5.large"
  deployment_mode    = "CLUSTER_MULTI_AZ"
}
resource "aws_mq_broker" "active" {
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
}
resource "aws_dynamodb_table" "on_demand" {
  billing_mode = "PAY_PER_REQUEST"
}
resource "aws_dynamodb_table" "provisioned" {
  read_capacity  = 10
  write_capacity = 5
}
resource "aws_s3_bucket" "assets" {}
resource "aws_ecr_repository" "app" {}
resource "aws_cloudwatch_log_group" "app" {}
resource "aws_sqs_queue" "events" {}
`,
      {
        resource_usage: {
          'aws_eks_fargate_profile.all': {
            monthly_vcpu_hours: 1000,
            monthly_gb_hours: 2000,
          },
          'aws_nat_gateway.nat': { monthly_data_processed_gb: 200 },
          'aws_lb.web': { capacity_units: 2 },
          'aws_rds_cluster.aurora': {
            storage_gb: 50,
            monthly_io_requests: 20_000_000,
          },
          'aws_mq_broker.active': { storage_gb: 10 },
          'aws_dynamodb_table.on_demand': {
            monthly_write_request_units: 2_000_000,
            monthly_read_request_units: 4_000_000,
            storage_gb: 10,
          },
          'aws_s3_bucket.assets': {
            storage_gb: 100,
            monthly_tier_1_requests: 10_000,
            monthly_tier_2_requests: 1_000_000,
          },
          'aws_ecr_repository.app': { storage_gb: 20 },
          'aws_cloudwatch_log_group.app': {
            monthly_data_ingested_gb: 30,
            storage_gb: 100,
          },
          'aws_sqs_queue.events': { monthly_requests: 5_000_000 },
        },
      },
    );
    expect(byResource).toEqual({
      // 730 x 0.04 + 20 GB x 0.10 (gp2 root by default, as Infracost)
      'aws_instance.web': '31.2',
      'aws_ebs_volume.data': '10', // 100 x 0.10
      'aws_eip.nat': '3.65', // 730 x 0.005
      'aws_eks_cluster.main': '73',
      'aws_eks_node_group.workers': '234', // 3 x 730 x 0.10 + 150 GB x 0.10 (gp2)
      'aws_eks_fargate_profile.all': '48', // 1000 x 0.04 + 2000 x 0.004
      'aws_nat_gateway.nat': '41.85', // 730 x 0.045 + 200 x 0.045
      'aws_lb.web': '28.105', // 730 x 0.0225 + 2 x 730 x 0.008
      'aws_db_instance.db': '239', // 730 x 0.30 + 100 x 0.20
      'aws_rds_cluster.aurora': '9', // 50 x 0.10 + 20 x 0.20
      // The instances read their engine from the cluster: 730 x 0.26.
      'aws_rds_cluster_instance.aurora[0]': '189.8',
      'aws_rds_cluster_instance.aurora[1]': '189.8',
      'aws_elasticache_cluster.small': '43.8', // 2 x 730 x 0.03
      'aws_elasticache_replication_group.sharded': '438', // 2 x 2 x 730 x 0.15
      'aws_mq_broker.rabbit': '657', // 3 x 730 x 0.30
      'aws_mq_broker.active': '24.9', // 730 x 0.03 + 10 x 0.30
      'aws_dynamodb_table.on_demand': '4.25', // 2 x 0.625 + 4 x 0.125 + 10 x 0.25
      // 5 x 730 x 0.00065 + 10 x 730 x 0.00013 + the assumed 1 GB x 0.25
      'aws_dynamodb_table.provisioned': '3.5715',
      'aws_s3_bucket.assets': '2.75', // 100 x 0.023 + 10 x 0.005 + 1000 x 0.0004
      'aws_ecr_repository.app': '2', // 20 x 0.10
      'aws_cloudwatch_log_group.app': '18', // 30 x 0.5 + 100 x 0.03
      'aws_sqs_queue.events': '2', // 5 x 0.40
    });
    expect(result.coverage.missingPrices).toEqual([]);
    expect(result.coverage.assumedUsage).toEqual([
      {
        address: 'aws_dynamodb_table.provisioned',
        key: 'storage_gb',
        value: 1,
      },
    ]);
  });

  it('Azure', async () => {
    const { result, byResource } = await bill(
      `
resource "azurerm_kubernetes_cluster" "aks" {
  location = "East US"
  sku_tier = "Standard"
  default_node_pool {
    vm_size              = "Standard_D4s_v5"
    auto_scaling_enabled = true
    min_count            = 1
    node_count           = 2
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  location   = "eastus"
  vm_size    = "Standard_D2a_v4"
  node_count = 3
}
resource "azurerm_managed_disk" "data" {
  location             = "eastus"
  storage_account_type = "Premium_LRS"
  disk_size_gb         = 200
}
resource "azurerm_linux_virtual_machine" "bastion" {
  location = "eastus"
  size     = "Standard_B2s"
  os_disk {
    storage_account_type = "Standard_LRS"
    disk_size_gb         = 30
  }
}
resource "azurerm_postgresql_flexible_server" "db" {
  location   = "eastus"
  sku_name   = "GP_Standard_D2ds_v5"
  storage_mb = 65536
  dynamic "high_availability" {
    for_each = [1]
    content {
      mode = "ZoneRedundant"
    }
  }
}
resource "azurerm_redis_cache" "cache" {
  location             = "eastus"
  sku_name             = "Premium"
  family               = "P"
  capacity             = 1
  shard_count          = 2
  replicas_per_primary = 1
}
resource "azurerm_servicebus_namespace" "standard" {
  location = "eastus"
  sku      = "Standard"
}
resource "azurerm_servicebus_namespace" "premium" {
  location = "eastus"
  sku      = "Premium"
  capacity = 2
}
resource "azurerm_container_registry" "acr" {
  location = "eastus"
  sku      = "Premium"
}
resource "azurerm_lb" "lb" {
  location = "eastus"
  sku      = "Standard"
}
resource "azurerm_public_ip" "ip" {
  location          = "eastus"
  sku               = "Standard"
  allocation_method = "Static"
}
resource "azurerm_nat_gateway" "nat" {
  location = "eastus"
}
resource "azurerm_private_endpoint" "pe" {
  location = "eastus"
}
resource "azurerm_storage_account" "blobs" {
  location = "eastus"
}
`,
      {
        resource_usage: {
          'azurerm_servicebus_namespace.standard': {
            monthly_operations: 20_000_000,
          },
          'azurerm_container_registry.acr': { storage_gb: 600 },
          'azurerm_lb.lb': { monthly_data_processed_gb: 1000 },
          'azurerm_nat_gateway.nat': { monthly_data_processed_gb: 50 },
          'azurerm_storage_account.blobs': { storage_gb: 1000 },
        },
      },
    );
    expect(byResource).toEqual({
      // 730 x 0.10 + 2 x 730 x 0.20 + 2 OS disks of 128 GiB as P10 (premium-capable size)
      'azurerm_kubernetes_cluster.aks': '405',
      // 3 x 730 x 0.09 + 3 OS disks as S10 (the size takes no premium disks: Standard HDD)
      'azurerm_kubernetes_cluster_node_pool.batch': '212.1',
      'azurerm_managed_disk.data': '38', // 200 GiB bills as P15 (256 GiB)
      'azurerm_linux_virtual_machine.bastion': '30.7', // 730 x 0.04 + S4
      // Zone-redundant HA doubles compute and storage: 2 x 730 x 0.18 + 128 GB x 0.115
      'azurerm_postgresql_flexible_server.db': '277.52',
      'azurerm_redis_cache.cache': '803', // 2 shards x 730 x 0.55
      'azurerm_servicebus_namespace.standard': '15.455', // 730 x 0.0135 + (20 - 13) x 0.8
      'azurerm_servicebus_namespace.premium': '1314', // 2 MUs x 730 x 0.9
      // 30 days x 1.5 + (600 - 500 included) GB x 0.10
      'azurerm_container_registry.acr': '55',
      'azurerm_lb.lb': '23.25', // 730 x 0.025 + 1000 x 0.005
      'azurerm_public_ip.ip': '3.65',
      'azurerm_nat_gateway.nat': '35.1', // 730 x 0.045 + 50 x 0.045
      'azurerm_private_endpoint.pe': '7.3',
      'azurerm_storage_account.blobs': '20', // 1000 x 0.02
    });
    expect(result.coverage.missingPrices).toEqual([]);
  });

  it('GCP', async () => {
    const { result, byResource } = await bill(
      `
provider "google" {
  region = "us-central1"
}
resource "google_container_cluster" "autopilot_less" {
  location                 = "us-central1"
  remove_default_node_pool = true
  initial_node_count       = 1
}
resource "google_container_cluster" "zonal" {
  location           = "us-central1-a"
  initial_node_count = 2
}
resource "google_container_node_pool" "regional" {
  location   = "us-central1"
  node_count = 2
  node_config {
    machine_type = "e2-standard-4"
    disk_size_gb = 50
    disk_type    = "pd-ssd"
  }
}
resource "google_compute_instance" "vm" {
  zone         = "us-central1-b"
  machine_type = "n2-standard-2"
  boot_disk {
    initialize_params {
      size = 20
      type = "pd-balanced"
    }
  }
}
resource "google_compute_disk" "data" {
  zone = "us-central1-b"
  size = 500
}
resource "google_sql_database_instance" "ha" {
  region = "us-central1"
  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
    disk_size         = 100
  }
}
resource "google_sql_database_instance" "micro" {
  region = "us-central1"
  settings {
    tier = "db-f1-micro"
  }
}
resource "google_redis_instance" "ha" {
  region         = "us-central1"
  tier           = "STANDARD_HA"
  memory_size_gb = 5
}
resource "google_redis_instance" "basic" {
  region         = "us-central1"
  memory_size_gb = 1
}
resource "google_pubsub_topic" "events" {}
resource "google_artifact_registry_repository" "images" {
  location = "us-central1"
}
resource "google_compute_router_nat" "nat" {
  region = "us-central1"
}
resource "google_storage_bucket" "assets" {
  location = "US-CENTRAL1"
}
resource "google_compute_forwarding_rule" "web" {
  region = "us-central1"
}
`,
      {
        resource_usage: {
          'google_pubsub_topic.events': { monthly_message_data_tib: 0.5 },
          'google_artifact_registry_repository.images': { storage_gb: 10.5 },
          'google_compute_router_nat.nat': {
            assigned_vms: 40,
            monthly_data_processed_gb: 100,
          },
          'google_storage_bucket.assets': { storage_gb: 200 },
          'google_compute_forwarding_rule.web': {
            monthly_data_processed_gb: 500,
          },
        },
      },
    );
    expect(byResource).toEqual({
      'google_container_cluster.autopilot_less': '73', // the fee only
      // fee + 2 x 730 x 0.03 + 2 x 100 GB pd-balanced x 0.10
      'google_container_cluster.zonal': '136.8',
      // A regional pool runs 2 nodes in each of 3 zones: 6 x 730 x 0.13 + 300 GB x 0.17
      'google_container_node_pool.regional': '620.4',
      'google_compute_instance.vm': '75', // 730 x 0.10 + 20 x 0.10
      'google_compute_disk.data': '20', // 500 x 0.04 (pd-standard by default)
      // 2 vCPU x 730 x 0.08 + 7.5 GB x 730 x 0.014 + 100 GB x 0.34
      'google_sql_database_instance.ha': '227.45',
      'google_sql_database_instance.micro': '9', // 730 x 0.01 + 10 GB x 0.17
      'google_redis_instance.ha': '182.5', // 5 GB (M2) x 730 x 0.05
      'google_redis_instance.basic': '36.5', // 1 GB (M1) x 730 x 0.05
      'google_pubsub_topic.events': '20', // 0.5 TiB x 40
      // 10.5 x 0.10: the free 0.5 GB is the billing account's, not the repository's
      'google_artifact_registry_repository.images': '1.05',
      // min(40, 32) VMs x 730 x 0.0014 + 100 GB x 0.045
      'google_compute_router_nat.nat': '37.204',
      'google_storage_bucket.assets': '4', // 200 x 0.02
      'google_compute_forwarding_rule.web': '22.25', // 730 x 0.025 + 500 x 0.008
    });
    expect(result.coverage.missingPrices).toEqual([]);
    expect(result.coverage.unsupportedResources).toEqual([]);
  });
});
