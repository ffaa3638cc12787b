// What someone else's backend with Forja installed must answer, through HTTP as a signed-in
// user: Argo CD, cost, a template's dry run and the overview, each from the local upstreams.
import {
  ARGOCD_PLUGIN_ID,
  type ApplicationsResponse,
} from '@forja/plugin-argocd-common';
import type { EntityCostResponse } from '@forja/plugin-cost-common';
import type { OverviewResponse } from '@forja/plugin-overview-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const ENTITY = 'component/default/ms-video';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Files of `dir` as the scaffolder's dry run takes them. */
function directoryContents(dir: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.push({
          path: relative(dir, full),
          base64Content: readFileSync(full).toString('base64'),
        });
    }
  };
  walk(dir);
  return files;
}

/**
 * Signs in as guest, waits for the catalog to hold ms-video, then runs every check.
 * `root` holds the template and values (Forja's repository); `repoUrl` is where the
 * dry run would publish.
 */
export async function runChecks(options: {
  baseUrl: string;
  root: string;
  repoUrl: string;
}): Promise<Check[]> {
  const { baseUrl, root } = options;
  const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!refresh.ok) throw new Error(`guest sign-in answered ${refresh.status}`);
  const { backstageIdentity } = await refresh.json();
  const headers = {
    authorization: `Bearer ${backstageIdentity.token}`,
    'content-type': 'application/json',
  };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(120_000),
    });
  for (let i = 0; ; i++) {
    const entity = await call(`/api/catalog/entities/by-name/${ENTITY}`);
    if (entity.ok) break;
    if (i === 240) throw new Error(`the catalog never read ${ENTITY}`);
    await sleep(500);
  }

  const checks: Check[] = [];
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      checks.push({ name, ok: true, detail: await run() });
    } catch (error) {
      checks.push({ name, ok: false, detail: String(error) });
    }
  };
  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok)
      throw new Error(`${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  await check('Argo CD summary of ms-video', async () => {
    const body = await json<ApplicationsResponse>(
      await call(`/api/${ARGOCD_PLUGIN_ID}/entities/${ENTITY}/applications`),
    );
    const apps = body.applications.map(
      app => `${app.name} ${app.syncStatus}/${app.healthStatus}`,
    );
    if (!apps.length) throw new Error(JSON.stringify(body));
    return apps.join(', ');
  });
  await check("cost estimate of ms-video's Terraform", async () => {
    const body = await json<EntityCostResponse>(
      await call(`/api/cost/entities/${ENTITY}`),
    );
    if (!(Number(body.totalMonthlyCost) > 0))
      throw new Error(JSON.stringify(body).slice(0, 2000));
    return `${body.totalMonthlyCost} USD a month over ${body.environments.length} environments`;
  });
  await check('dry run of the service template', async () => {
    const templateDir = join(root, 'templates/service');
    const template = parse(
      readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
    );
    const { platform: _, ...values } = parse(
      readFileSync(
        join(root, 'examples/values/video-system/ms-auth.yaml'),
        'utf8',
      ),
    );
    const body = await json<{
      directoryContents: Array<{ path: string }>;
    }>(
      await call('/api/scaffolder/v2/dry-run', {
        method: 'POST',
        body: JSON.stringify({
          template: {
            ...template,
            metadata: { ...template.metadata, namespace: 'default' },
          },
          values: { ...values, repoUrl: options.repoUrl },
          directoryContents: directoryContents(templateDir),
        }),
      }),
    );
    const paths = body.directoryContents.map(file => file.path);
    for (const expected of [
      'service/k8s/base/deployment.yaml',
      'service/.github/workflows/build-push.yml',
    ])
      if (!paths.includes(expected))
        throw new Error(`no ${expected} among ${paths.join(', ')}`);
    return `${paths.length} files rendered`;
  });
  await check('overview of the portal', async () => {
    // The first answer may go out before a cold source's first read: ask until filled.
    for (let i = 0; ; i++) {
      const body = await json<OverviewResponse>(
        await call('/api/overview/portal'),
      );
      const pending = body.sources.filter(s => s.state === 'pending');
      const row = body.rows.find(r => r.entityRef === ENTITY.replace('/', ':'));
      if (row && !pending.length)
        return `${body.rows.length} rows; sources ${body.sources
          .map(s => `${s.source} ${s.state}`)
          .join(', ')}`;
      if (i === 120)
        throw new Error(
          `ms-video ${row ? 'listed' : 'missing'}, pending: ${pending
            .map(s => s.source)
            .join(', ')}`,
        );
      await sleep(1000);
    }
  });
  return checks;
}
