import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { FORJA_ROOT } from '../../config';
import { formatFinding } from '../types';
import { checkDeployability } from './checkDeployability';
import { readEnvironmentFacts } from './environmentFacts';

const moduleRepositories = {
  'https://github.com/forja-dev/forja.git': FORJA_ROOT,
};
const SYSTEMS = path.join(FORJA_ROOT, 'examples/systems');

async function findings(system: string, service: string, env: string) {
  const facts = await readEnvironmentFacts(path.join(SYSTEMS, system), env, {
    moduleRepositories,
  });
  const repoUrl = `https://github.com/forja-demo/${service}.git`;
  return {
    facts,
    findings: (
      await checkDeployability(
        path.join(SYSTEMS, system, 'services', service),
        facts,
        { repoUrl },
      )
    ).map(formatFinding),
  };
}

describe('deployability of a service in its environment', () => {
  it("finds what keeps today's orders backend from running in orders' prod", async () => {
    const { facts, findings: found } = await findings(
      'orders',
      'orders-backend',
      'prod',
    );
    expect(facts).toMatchObject({ cloud: 'aws', fargateOnly: true });
    expect(facts.workloadIdentity).toMatch(/^IRSA/);
    // The cluster module installs metrics-server as an EKS add-on: HPAs have their metrics.
    expect(facts.metricsApi).toMatch(/aws_eks_addon\.metrics_server/);
    // On Fargate there is no EBS: no storage class.
    expect(facts.storageClasses.size).toBe(0);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^k8s\/base\/ingress\.yaml:\d+: \[deployability\] Ingress orders-backend uses the ingress class "alb", which no controller of the prod environment serves \(it serves: none\)$/,
        ),
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-blue reads the Secret "orders-backend-secrets", which no manifest or ExternalSecret of the service creates$/,
        ),
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-blue calls a cloud API but has no workload identity: its ServiceAccount "orders-backend" needs the eks.amazonaws.com\/role-arn annotation$/,
        ),
        expect.stringMatching(
          /^argocd\/application-prod\.yaml:\d+: \[deployability\] Application orders-backend-prod belongs to the Argo CD project "orders", which the prod environment does not declare \(it has: platform\)$/,
        ),
        expect.stringMatching(
          /^argocd\/application-prod\.yaml:\d+: \[deployability\] no Argo CD of the prod environment reads argocd\/ of https:\/\/github.com\/forja-demo\/orders-backend.git: Application orders-backend-prod is never created$/,
        ),
      ]),
    );
  }, 60_000);

  it("serves hubs' AKS ingress class through application routing", async () => {
    const { facts, findings: found } = await findings('hubs', 'hubs', 'prod');
    expect(facts.cloud).toBe('azure');
    expect(facts.metricsApi).toMatch(/^AKS's metrics-server/);
    expect(
      facts.ingressClasses.get('webapprouting.kubernetes.azure.com'),
    ).toMatch(/^application routing \(.*azurerm_kubernetes_cluster\.this\)$/);
    expect(found.join('\n')).not.toMatch(/ingress class|metrics-server/);
    // What the environment still lacks for it: the Secret it reads, its Argo CD wiring.
    expect(found.length).toBeGreaterThan(0);
  }, 60_000);

  it('passes a service whose environment provides everything it needs', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-deployable-'));
    try {
      const env = path.join(root, 'platform');
      const svc = path.join(root, 'api');
      await fs.outputFile(
        path.join(env, 'terraform/environments/prod/main.tf'),
        `provider "aws" {
  region = "us-east-1"
}
resource "aws_eks_cluster" "this" {
  name = "prod"
}
resource "aws_eks_node_group" "nodes" {
  instance_types = ["m6i.large"]
  scaling_config {
    desired_size = 2
  }
}
resource "aws_iam_openid_connect_provider" "this" {
  url = "https://oidc.eks.us-east-1.amazonaws.com/id/X"
}
resource "aws_eks_addon" "ebs" {
  addon_name = "aws-ebs-csi-driver"
}
resource "helm_release" "alb" {
  chart = "aws-load-balancer-controller"
}
resource "helm_release" "metrics" {
  chart = "metrics-server"
}
resource "helm_release" "eso" {
  chart = "external-secrets"
}
`,
      );
      await fs.outputFile(
        path.join(env, 'argocd/apps/prod/services.yaml'),
        `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: services, namespace: argocd }
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: services, namespace: argocd }
spec:
  generators:
    - git:
        repoURL: https://github.com/acme/api.git
        revision: main
        directories:
          - path: argocd
---
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata: { name: aws-secrets-manager }
`,
      );
      await fs.outputFile(
        path.join(svc, 'k8s/base/kustomization.yaml'),
        'resources: [app.yaml]\nnamespace: api\n',
      );
      await fs.outputFile(
        path.join(svc, 'k8s/base/app.yaml'),
        `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/api" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: api-config }
data: { FORJA_USES_QUEUE: "true" }
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: { name: api-db }
spec:
  secretStoreRef: { name: aws-secrets-manager, kind: ClusterSecretStore }
  target: { name: api-secrets }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      serviceAccountName: api
      containers:
        - name: api
          image: api
          envFrom:
            - configMapRef: { name: api-config }
            - secretRef: { name: api-secrets }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  maxReplicas: 3
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: api }
spec:
  ingressClassName: alb
  rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }] } }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data }
spec:
  storageClassName: gp2
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
`,
      );
      await fs.outputFile(
        path.join(svc, 'k8s/overlays/prod/kustomization.yaml'),
        'resources: [../../base]\n',
      );
      await fs.outputFile(
        path.join(svc, 'argocd/application-prod.yaml'),
        `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: api-prod
  namespace: argocd
  labels: { forja.dev/environment: prod }
spec:
  project: services
  source: { repoURL: https://github.com/acme/api.git, targetRevision: main, path: k8s/overlays/prod }
  destination: { server: https://kubernetes.default.svc, namespace: api }
`,
      );
      const facts = await readEnvironmentFacts(env, 'prod');
      expect(
        (
          await checkDeployability(svc, facts, {
            repoUrl: 'https://github.com/acme/api.git',
          })
        ).map(formatFinding),
      ).toEqual([]);

      // The same service against an environment missing each piece: one finding each.
      await fs.outputFile(
        path.join(env, 'terraform/environments/prod/main.tf'),
        'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_eks_cluster" "this" {\n  name = "prod"\n}\n',
      );
      await fs.remove(path.join(env, 'argocd'));
      const bare = await readEnvironmentFacts(env, 'prod');
      const messages = (
        await checkDeployability(svc, bare, {
          repoUrl: 'https://github.com/acme/api.git',
        })
      ).map(f => f.message);
      expect(messages).toEqual([
        'ExternalSecret api-db: the prod environment installs no External Secrets Operator',
        'PersistentVolumeClaim data claims storage class "gp2", which the prod environment does not provide (it has: none)',
        'Deployment api calls a cloud API but has no workload identity: its ServiceAccount "api" needs the eks.amazonaws.com/role-arn annotation, and the prod environment offers no workload identity',
        'HorizontalPodAutoscaler api scales on CPU or memory, but the prod environment installs no metrics-server',
        'Ingress api uses the ingress class "alb", which no controller of the prod environment serves (it serves: none)',
        'Application api-prod belongs to the Argo CD project "services", which the prod environment does not declare (it has: none)',
        'no Argo CD of the prod environment reads argocd/ of https://github.com/acme/api.git: Application api-prod is never created',
      ]);
    } finally {
      await fs.remove(root);
    }
  }, 60_000);
});
