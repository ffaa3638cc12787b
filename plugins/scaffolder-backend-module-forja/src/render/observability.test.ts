import { loadTerraform, ResourceInstance } from '@forja/plugin-cost-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { FORJA_ROOT } from '../cli/forjaRoot';

const moduleRepositories = {
  'https://github.com/forja-dev/forja.git': FORJA_ROOT,
};
const OBSERVABILITY = path.join(FORJA_ROOT, 'terraform/modules/observability');
const SYSTEMS = path.join(FORJA_ROOT, 'examples/systems');

/** The Helm values of a release, as data (Terraform's yamlencode of known values). */
function helmValues(resources: ResourceInstance[], chart: string): any {
  const release = resources.find(
    r => r.type === 'helm_release' && r.values.chart === chart,
  );
  if (!release) throw new Error(`no ${chart} release`);
  const [text] = release.values.values as string[];
  expect(typeof text).toBe('string');
  return parse(text);
}

/** Loads a root made of `main.tf`, with the observability submodules at `../obs`. */
async function loadRoot(main: string) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-obs-'));
  try {
    await fs.copy(OBSERVABILITY, path.join(root, 'obs'));
    await fs.outputFile(path.join(root, 'root/main.tf'), main);
    return await loadTerraform(path.join(root, 'root'), { root });
  } finally {
    await fs.remove(root);
  }
}

describe('observability the environment template installs', () => {
  it('routes alerts to each receiver by severity, its secret set apart, and adds Loki and Tempo to Grafana', async () => {
    const { resources, problems } = await loadRoot(`
module "stack" {
  source         = "../obs/kube-prometheus-stack"
  storage_class  = ""
  serverless     = true
  alert_receivers = [
    { name = "oncall", type = "pagerduty", severity = "critical" },
    { name = "team", type = "slack", channel = "#orders", severity = "warning" },
  ]
  alert_receiver_secrets = { oncall = "key", team = "https://hooks.slack.test/x" }
  data_sources = [{ name = "Loki", type = "loki", uid = "loki", url = "http://loki.monitoring.svc.cluster.local:3100" }]
}
`);
    expect(problems).toEqual([]);
    const values = helmValues(resources, 'kube-prometheus-stack');
    expect(values.nodeExporter).toEqual({ enabled: false });
    expect(values.prometheus.prometheusSpec.storageSpec).toBeUndefined();
    expect(values.grafana.additionalDataSources).toEqual([
      expect.objectContaining({ type: 'loki', uid: 'loki', access: 'proxy' }),
    ]);
    const config = values.alertmanager.config;
    expect(config.receivers).toEqual([
      { name: 'null' },
      { name: 'oncall', pagerduty_configs: [{ send_resolved: true }] },
      {
        name: 'team',
        slack_configs: [{ send_resolved: true, channel: '#orders' }],
      },
    ]);
    expect(config.route.routes).toEqual([
      { receiver: 'null', matchers: ['alertname = "Watchdog"'] },
      {
        receiver: 'oncall',
        matchers: ['severity =~ "critical"'],
        continue: true,
      },
      {
        receiver: 'team',
        matchers: ['severity =~ "critical|warning"'],
        continue: true,
      },
    ]);
    // The webhook URL and routing key never enter the values text.
    const release = resources.find(r => r.type === 'helm_release')!;
    expect(JSON.stringify(release.values.values)).not.toMatch(
      /hooks\.slack|"key"/,
    );
    expect(release.values.set_sensitive).toEqual([
      expect.objectContaining({
        name: 'alertmanager.config.receivers[1].pagerduty_configs[0].routing_key',
      }),
      expect.objectContaining({
        name: 'alertmanager.config.receivers[2].slack_configs[0].api_url',
      }),
    ]);
  });

  it('keeps logs and traces in S3 with no volume where pods have none (Fargate), on volumes elsewhere', async () => {
    const { resources, problems } = await loadRoot(`
module "loki_fargate" {
  source         = "../obs/loki"
  retention_days = 30
  storage        = { bucket = "orders-prod-logs-1", region = "us-east-1", role_arn = "arn:aws:iam::1:role/orders-prod-logs" }
}
module "tempo_nodes" {
  source         = "../obs/tempo"
  retention_days = 7
  storage        = { storage_class = "managed-csi-premium" }
}
`);
    expect(problems).toEqual([]);
    const loki = helmValues(resources, 'loki');
    expect(loki.deploymentMode).toBe('SingleBinary');
    expect(loki.loki.storage).toEqual({
      type: 's3',
      bucketNames: {
        chunks: 'orders-prod-logs-1',
        ruler: 'orders-prod-logs-1',
        admin: 'orders-prod-logs-1',
      },
      s3: { region: 'us-east-1' },
    });
    expect(loki.loki.limits_config.retention_period).toBe('720h');
    expect(loki.loki.compactor).toEqual({
      retention_enabled: true,
      delete_request_store: 's3',
    });
    expect(loki.singleBinary.persistence).toEqual({ enabled: false });
    expect(loki.serviceAccount.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/orders-prod-logs',
    });
    // Alloy tails pods through the API server: a Deployment, no DaemonSet or host path.
    const alloy = helmValues(resources, 'alloy');
    expect(alloy.controller).toEqual({ type: 'deployment', replicas: 1 });
    expect(alloy.alloy.configMap.content).toContain(
      'loki.source.kubernetes "pods"',
    );
    expect(alloy.alloy.configMap.content).toContain(
      'url = "http://loki.monitoring.svc.cluster.local:3100/loki/api/v1/push"',
    );
    const tempo = helmValues(resources, 'tempo');
    expect(tempo.tempo.storage.trace).toEqual({ backend: 'local' });
    expect(tempo.tempo.retention).toBe('168h');
    expect(tempo.persistence).toEqual({
      enabled: true,
      storageClassName: 'managed-csi-premium',
      size: '20Gi',
    });
  });

  it("puts the orders seed's logs and traces in S3 buckets its Loki and Tempo reach through IRSA", async () => {
    const { resources } = await loadTerraform(
      path.join(SYSTEMS, 'orders/terraform/environments/prod'),
      { moduleRepositories, root: path.join(SYSTEMS, 'orders') },
    );
    const charts = resources
      .filter(r => r.type === 'helm_release')
      .map(r => r.values.chart)
      .sort();
    expect(charts).toEqual(
      expect.arrayContaining([
        'alloy',
        'kube-prometheus-stack',
        'loki',
        'tempo',
      ]),
    );
    // One IRSA role each, trusting the service account its chart creates (telemetry_storage.tf).
    const roles = resources
      .filter(r => r.type === 'aws_iam_role' && r.address.includes('telemetry'))
      .map(r => r.values.name)
      .sort();
    expect(roles).toEqual(['orders-prod-logs', 'orders-prod-traces']);
    const buckets = resources.filter(
      r =>
        r.type === 'aws_s3_bucket' &&
        r.address.startsWith('module.observability'),
    );
    expect(buckets).toHaveLength(2);
    // Each registered service's secret carries where to send its traces.
    const prod = path.join(SYSTEMS, 'orders/terraform/environments/prod');
    expect(
      await fs.readFile(path.join(prod, 'service-orders-backend.tf'), 'utf8'),
    ).toMatch(/telemetry = local\.telemetry_binding/);
    expect(await fs.readFile(path.join(prod, 'main.tf'), 'utf8')).toMatch(
      /OTEL_EXPORTER_OTLP_ENDPOINT = module\.observability\[0\]\.otlp_endpoint/,
    );
    // The video seed asks for neither: no Loki, Tempo or buckets there.
    const video = await loadTerraform(
      path.join(SYSTEMS, 'video-system/terraform/environments/prod'),
      { moduleRepositories, root: path.join(SYSTEMS, 'video-system') },
    );
    expect(
      video.resources
        .filter(r => r.type === 'helm_release')
        .map(r => r.values.chart),
    ).not.toEqual(expect.arrayContaining(['loki']));
  });
});
