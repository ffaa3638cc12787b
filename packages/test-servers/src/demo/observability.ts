import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FakeGrafanaDashboard, FakeGrafanaRule } from '../grafana';

/** The demo Grafana's live state that services' observability files are loaded into. */
export interface DemoGrafanaState {
  dashboards: FakeGrafanaDashboard[];
  /** Rules of data sources with a ruler, keyed by data source uid. */
  datasourceRules: Record<string, FakeGrafanaRule[]>;
  /** The Prometheus whose ruler evaluates the services' PrometheusRules. */
  prometheusUid: string;
}

/** The files of a generated service this reads, relative to its repository. */
export const OBSERVABILITY_FILES = [
  'k8s/base/dashboard.json',
  'k8s/base/prometheusrule.yaml',
];

/**
 * What Grafana's dashboard sidecar and the Prometheus operator make of a generated
 * service's base manifests: its dashboard (`k8s/base/dashboard.json`) and the alerting
 * rules of its PrometheusRules, inactive. Loading the same service twice adds nothing.
 */
export function loadServiceObservability(
  files: Map<string, string>,
  grafana: DemoGrafanaState,
) {
  const dashboard = files.get('k8s/base/dashboard.json');
  if (dashboard) {
    const model = JSON.parse(dashboard);
    if (!grafana.dashboards.some(d => d.uid === model.uid))
      grafana.dashboards.push({
        uid: model.uid,
        title: model.title,
        tags: model.tags ?? [],
        folderTitle: 'Services',
        panels: model.panels ?? [],
        variables: model.templating?.list ?? [],
      });
  }
  const rules = (grafana.datasourceRules[grafana.prometheusUid] ??= []);
  for (const document of parseAllDocuments(
    files.get('k8s/base/prometheusrule.yaml') ?? '',
  )) {
    const resource = document.toJS();
    if (resource?.kind !== 'PrometheusRule') continue;
    for (const group of resource.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (!rule.alert) continue;
        if (rules.some(r => r.group === group.name && r.name === rule.alert))
          continue;
        rules.push({
          name: rule.alert,
          group: group.name,
          folder: resource.metadata?.name ?? group.name,
          state: 'inactive',
          labels: rule.labels ?? {},
          annotations: rule.annotations ?? {},
        });
      }
    }
  }
}

/** A generated service's observability files from a directory on disk. */
export function readObservabilityFiles(serviceDir: string) {
  const files = new Map<string, string>();
  for (const file of OBSERVABILITY_FILES) {
    const full = path.join(serviceDir, file);
    if (fs.existsSync(full)) files.set(file, fs.readFileSync(full, 'utf8'));
  }
  return files;
}
