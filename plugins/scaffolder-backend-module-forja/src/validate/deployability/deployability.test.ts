import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { FORJA_ROOT } from '../../cli/forjaRoot';
import { renderCommand } from '../../cli/renderCommand';
import { formatFinding } from '../types';
import { checkDeployability } from './checkDeployability';
import { readEnvironmentFacts } from './environmentFacts';

const moduleRepositories = {
  'https://github.com/forja-dev/forja.git': FORJA_ROOT,
};
const SYSTEMS = path.join(FORJA_ROOT, 'examples/systems');
/** A logger for ./forja render: quiet, and an error fails the test. */
const silent: any = {
  info() {},
  warn() {},
  debug() {},
  error: (m: string) => {
    throw new Error(m);
  },
  child: () => silent,
};

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
  it('finds nothing keeping a seed service from running in any environment of its platform', async () => {
    const checked: string[] = [];
    for (const system of await fs.readdir(SYSTEMS)) {
      const servicesDir = path.join(SYSTEMS, system, 'services');
      if (!(await fs.pathExists(servicesDir))) continue;
      for (const service of await fs.readdir(servicesDir)) {
        const overlays = path.join(servicesDir, service, 'k8s/overlays');
        for (const env of await fs.readdir(overlays)) {
          const { findings: found } = await findings(system, service, env);
          expect({ at: `${system}/${service}/${env}`, found }).toEqual({
            at: `${system}/${service}/${env}`,
            found: [],
          });
          checked.push(`${service}/${env}`);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  }, 180_000);

  it("wires a resource add-resource adds: its ExternalSecret reads the secret the resource's Terraform writes", async () => {
    const root = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-add-resource-'),
    );
    try {
      const out = path.join(root, 'orders-backend');
      const values = path.join(root, 'values.json');
      await fs.writeJson(values, {
        repoUrl: 'github.com?owner=forja-demo&repo=orders-backend',
        kind: 'queue',
        name: 'orders-events',
        platform: 'orders',
        cloud: 'aws',
        region: 'us-east-1',
        environments: ['staging', 'prod'],
        queue: { queues: ['created', 'shipped'] },
      });
      expect(
        await renderCommand({
          template: 'add-resource',
          valuesFile: values,
          outDir: out,
          fromDir: path.join(SYSTEMS, 'orders', 'services', 'orders-backend'),
          logger: silent,
        }),
      ).toBe(0);
      const facts = await readEnvironmentFacts(
        path.join(SYSTEMS, 'orders'),
        'prod',
        { moduleRepositories },
      );
      const check = () =>
        checkDeployability(out, facts, {
          repoUrl: 'https://github.com/forja-demo/orders-backend.git',
        }).then(f => f.map(formatFinding));
      expect(await check()).toEqual([]);
      // Without the resource's Terraform, nothing writes the secret its ExternalSecret reads.
      await fs.remove(path.join(out, 'terraform/resources/orders-events'));
      expect(await check()).toEqual([
        expect.stringMatching(
          /^k8s\/overlays\/prod\/externalsecret-orders-events\.yaml:\d+: \[deployability\] ExternalSecret orders-events-connection reads the secret "orders-prod-orders-backend-orders-events", which the prod environment does not write/,
        ),
      ]);
    } finally {
      await fs.remove(root);
    }
  }, 120_000);

  it("gives a bucket to the service's workload identity: deployability requires it once add-resource flags the bucket", async () => {
    // ms-video's render carries the seed's video-frames bucket (examples/values/video-system).
    const service = path.join(SYSTEMS, 'video-system', 'services', 'ms-video');
    const config = await fs.readFile(
      path.join(service, 'k8s/overlays/prod/kustomization.yaml'),
      'utf8',
    );
    expect(config).toContain('/data/FORJA_USES_BUCKET');
    const wiring = await fs.readFile(
      path.join(service, 'terraform/resources/video-frames/wiring.tf'),
      'utf8',
    );
    expect(wiring).toMatch(/resource "aws_iam_role_policy" "buckets"/);
    const facts = await readEnvironmentFacts(
      path.join(SYSTEMS, 'video-system'),
      'prod',
      { moduleRepositories },
    );
    const repoUrl = 'https://github.com/forja-demo/ms-video.git';
    expect(
      (await checkDeployability(service, facts, { repoUrl })).map(
        formatFinding,
      ),
    ).toEqual([]);
    // Without the identity the platform binds to ms-video, the bucket is out of reach.
    const unbound = { ...facts, identities: new Map<string, string>() };
    expect(
      (await checkDeployability(service, unbound, { repoUrl })).map(
        formatFinding,
      ),
    ).toEqual([
      expect.stringMatching(
        /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment ms-video calls a cloud API but has no workload identity/,
      ),
    ]);
  }, 60_000);

  it('asks of an ALB Ingress what the AWS Load Balancer Controller needs: ip targets on Fargate or for a ClusterIP Service, a public scheme for public hosts', async () => {
    const service = path.join(SYSTEMS, 'orders', 'services', 'orders-backend');
    const facts = await readEnvironmentFacts(
      path.join(SYSTEMS, 'orders'),
      'prod',
      { moduleRepositories },
    );
    expect(facts.fargateOnly).toBeTruthy();
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-alb-'));
    try {
      await fs.copy(service, root);
      const repoUrl = 'https://github.com/forja-demo/orders-backend.git';
      expect(
        (await checkDeployability(root, facts, { repoUrl })).map(formatFinding),
      ).toEqual([]);
      // The Ingress as the template wrote it before: no scheme, no target type.
      const ingress = path.join(root, 'k8s/base/ingress.yaml');
      const text = await fs.readFile(ingress, 'utf8');
      await fs.writeFile(
        ingress,
        text.replace(
          /\n\s+alb\.ingress\.kubernetes\.io\/(scheme|target-type): [a-z-]+/g,
          '',
        ),
      );
      expect(
        (await checkDeployability(root, facts, { repoUrl })).map(
          f => f.message,
        ),
      ).toEqual([
        'Ingress orders-backend: the ALB\'s default target type "instance" cannot reach pods on Fargate; set alb.ingress.kubernetes.io/target-type: ip',
        'Ingress orders-backend serves public hosts, but without alb.ingress.kubernetes.io/scheme: internet-facing its ALB is internal, reachable only from inside the VPC',
      ]);
    } finally {
      await fs.remove(root);
    }
  }, 60_000);

  it("needs the platform's dns option for a service's host and certificate", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-dns-'));
    try {
      await fs.copy(path.join(SYSTEMS, 'video-system'), root);
      const service = path.join(root, 'services', 'ms-video');
      const repoUrl = 'https://github.com/forja-demo/ms-video.git';
      const check = async () =>
        (
          await checkDeployability(
            service,
            await readEnvironmentFacts(root, 'prod', { moduleRepositories }),
            { repoUrl },
          )
        ).map(f => f.message);
      expect(await check()).toEqual([]);
      // The platform as it was before its dns option: no external-dns, no certificate.
      await fs.remove(path.join(root, 'terraform/environments/prod/dns.tf'));
      expect(await check()).toEqual([
        'Ingress ms-video: nothing creates a DNS record for ms-video.video.example.com: the prod environment runs external-dns for no zone (its dns option)',
        'Ingress ms-video: no certificate of the prod environment covers ms-video.video.example.com, so its ALB has nothing to serve HTTPS with (ACM certificates for: none)',
      ]);
    } finally {
      await fs.remove(root);
    }
  }, 60_000);

  it('runs the GCP variant on GKE Autopilot: the Ingress names its class the way GKE honours', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-gcp-pair-'));
    try {
      const render = (template: string, file: string, out: string) =>
        renderCommand({
          template,
          valuesFile: path.join(FORJA_ROOT, 'examples/values/variants', file),
          outDir: path.join(root, out),
          logger: silent,
        });
      expect(
        await render('environment', '../gcpdemo/platform.yaml', 'platform'),
      ).toBe(0);
      expect(await render('service', 'gcp-service.yaml', 'api')).toBe(0);
      await fs.copy(
        path.join(root, 'api/platform'),
        path.join(root, 'platform'),
      );
      for (const env of ['dev', 'prod']) {
        const facts = await readEnvironmentFacts(
          path.join(root, 'platform'),
          env,
          {
            moduleRepositories,
          },
        );
        expect(facts.cloud).toBe('gcp');
        expect(
          (
            await checkDeployability(path.join(root, 'api/service'), facts, {
              repoUrl: 'https://github.com/forja-demo/api.git',
            })
          ).map(formatFinding),
        ).toEqual([]);
      }
    } finally {
      await fs.remove(root);
    }
  }, 120_000);

  it("finds what keeps orders' backend from running when it is not registered on the platform", async () => {
    const root = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-unregistered-'),
    );
    try {
      // The platform without the registration pull request, the service without its ExternalSecret.
      const env = path.join(root, 'orders');
      await fs.copy(path.join(SYSTEMS, 'orders'), env, {
        filter: src => !/service-[a-z0-9-]+\.tf$/.test(src),
      });
      const svc = path.join(env, 'services', 'orders-backend');
      const overlay = path.join(svc, 'k8s/overlays/prod');
      await fs.remove(path.join(overlay, 'externalsecret.yaml'));
      const kustomization = path.join(overlay, 'kustomization.yaml');
      await fs.writeFile(
        kustomization,
        (
          await fs.readFile(kustomization, 'utf8')
        ).replace('  - externalsecret.yaml\n', ''),
      );
      const facts = await readEnvironmentFacts(env, 'prod', {
        moduleRepositories,
      });
      // What the platform itself provides stays: the ALB controller, metrics-server.
      expect(facts.ingressClasses.get('alb')).toMatch(
        /aws_load_balancer_controller/,
      );
      expect(facts.externalSecrets).toMatch(/external_secrets/);
      const found = (
        await checkDeployability(svc, facts, {
          repoUrl: 'https://github.com/forja-demo/orders-backend.git',
        })
      ).map(formatFinding);
      expect(found).toEqual([
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-blue reads the Secret "orders-backend-secrets", which no manifest or ExternalSecret of the service creates$/,
        ),
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-blue calls a cloud API but has no workload identity: its ServiceAccount "orders-backend" needs the eks.amazonaws.com\/role-arn annotation$/,
        ),
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-green reads the Secret "orders-backend-secrets"/,
        ),
        expect.stringMatching(
          /^k8s\/base\/deployment\.yaml:\d+: \[deployability\] Deployment orders-backend-green calls a cloud API but has no workload identity/,
        ),
        'k8s/overlays/prod: [deployability] no Argo CD Application of the prod environment deploys k8s/overlays/prod of https://github.com/forja-demo/orders-backend.git, and the repository has none of its own: register the service on the platform',
      ]);
    } finally {
      await fs.remove(root);
    }
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
metadata:
  name: api
  annotations: { alb.ingress.kubernetes.io/target-type: ip }
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
