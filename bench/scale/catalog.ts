// The simulated organisation's catalog, written to a temporary folder the portal reads as
// a file location: departments and teams (Groups, parentOf/childOf), systems, components
// with their Argo CD, Kubernetes and Grafana annotations, and for the department's systems
// and components the Terraform (per environment) and Kustomize overlays cost reads.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COMPONENTS,
  componentName,
  DEPARTMENT_COMPONENTS,
  DEPARTMENTS,
  departmentName,
  ENVIRONMENTS,
  instanceName,
  instanceOf,
  REPLICAS,
  SYSTEMS,
  systemName,
  systemOf,
  TEAMS,
  TEAMS_PER_DEPARTMENT,
  teamName,
  teamOf,
} from './shape';

const write = (file: string, text: string) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
};

/** A system's Terraform: one folder per environment, sized by environment. */
function systemTerraform(dir: string, system: string) {
  for (const env of ENVIRONMENTS) {
    const prod = env === 'prod';
    write(
      join(dir, 'environments', env, 'main.tf'),
      `provider "aws" {
  region = "us-east-1"
}

resource "aws_eks_node_group" "${system}" {
  cluster_name   = "${env}"
  instance_types = ["${prod ? 'm6i.xlarge' : 'm6i.large'}"]
  scaling_config {
    desired_size = ${prod ? 4 : 2}
    min_size     = 1
    max_size     = 8
  }
}

resource "aws_db_instance" "${system}" {
  engine            = "postgres"
  instance_class    = "${prod ? 'db.m6g.large' : 'db.t4g.medium'}"
  allocated_storage = ${prod ? 200 : 50}
  multi_az          = ${prod}
}

resource "aws_elasticache_replication_group" "${system}" {
  replication_group_id = "${system}-${env}"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = ${prod ? 2 : 1}
}

resource "aws_s3_bucket" "${system}" {
  bucket = "${system}-${env}-assets"
}
`,
    );
  }
}

/** A component's Kustomize base and one overlay per environment setting its replicas. */
function componentKustomize(dir: string, name: string, namespace: string) {
  write(
    join(dir, 'base', 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${namespace}
resources:
  - deployment.yaml
`,
  );
  write(
    join(dir, 'base', 'deployment.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    backstage.io/kubernetes-id: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        backstage.io/kubernetes-id: ${name}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: 500m
              memory: 512Mi
`,
  );
  for (const env of ENVIRONMENTS)
    write(
      join(dir, 'overlays', env, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
replicas:
  - name: ${name}
    count: ${REPLICAS[env]}
`,
    );
}

const entity = (
  kind: string,
  name: string,
  spec: object,
  annotations?: Record<string, string>,
) =>
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec,
  });

/** Writes the catalog (and the department's sources); returns the catalog file. */
export function writeCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forja-bench-scale-'));
  const documents: string[] = [];
  for (let d = 0; d < DEPARTMENTS; d++) {
    const teams = Array.from(
      { length: TEAMS_PER_DEPARTMENT },
      (_, k) => d * TEAMS_PER_DEPARTMENT + k,
    ).filter(t => t < TEAMS);
    documents.push(
      entity('Group', departmentName(d), {
        type: 'department',
        children: teams.map(teamName),
      }),
    );
    for (const t of teams)
      documents.push(
        entity('Group', teamName(t), {
          type: 'team',
          parent: departmentName(d),
          children: [],
        }),
      );
  }
  // A system belongs to the team owning its first component; the department's carry Terraform.
  const firstComponent = (s: number) => Math.ceil((s * COMPONENTS) / SYSTEMS);
  for (let s = 0; s < SYSTEMS; s++) {
    const first = firstComponent(s);
    const priced = first < DEPARTMENT_COMPONENTS;
    if (priced)
      systemTerraform(
        join(dir, 'systems', systemName(s), 'terraform'),
        systemName(s),
      );
    documents.push(
      entity(
        'System',
        systemName(s),
        { owner: teamName(teamOf(first)) },
        priced
          ? {
              'forja.dev/cloud': 'aws',
              'forja.dev/region': 'us-east-1',
              'forja.dev/environments': ENVIRONMENTS.join(','),
              'forja.dev/terraform-dir': `dir:./systems/${systemName(
                s,
              )}/terraform`,
            }
          : undefined,
      ),
    );
  }
  for (let i = 0; i < COMPONENTS; i++) {
    const name = componentName(i);
    const priced = i < DEPARTMENT_COMPONENTS;
    if (priced)
      componentKustomize(
        join(dir, 'services', name, 'k8s'),
        name,
        systemName(systemOf(i)),
      );
    documents.push(
      entity(
        'Component',
        name,
        {
          type: 'service',
          lifecycle: 'production',
          owner: teamName(teamOf(i)),
          system: systemName(systemOf(i)),
        },
        {
          'backstage.io/kubernetes-id': name,
          'argocd/app-selector': `backstage.io/kubernetes-id=${name}`,
          'argocd/instance-name': instanceName(instanceOf(i)),
          'grafana/dashboard-selector': `tags @> '${name}'`,
          'grafana/alert-label-selector': `service=${name}`,
          'forja.dev/environments': ENVIRONMENTS.join(','),
          ...(priced
            ? {
                'forja.dev/cloud': 'aws',
                'forja.dev/region': 'us-east-1',
                'forja.dev/kustomize-dir': `dir:./services/${name}/k8s`,
              }
            : {}),
        },
      ),
    );
  }
  const catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(catalogFile, documents.join('\n---\n'));
  return catalogFile;
}
