// What someone else's app shows with Forja's frontend installed, in Chromium as the guest:
// the cards of ms-video's catalog page and the on-call overview page, each with the data
// its backend serves from the local upstreams.
import {
  ARGOCD_PLUGIN_ID,
  type ApplicationsResponse,
} from '@forja/plugin-argocd-common';
import type { EntityCostResponse } from '@forja/plugin-cost-common';
import {
  GRAFANA_PLUGIN_ID,
  type AlertsResponse,
  type DashboardsResponse,
} from '@forja/plugin-grafana-common';
import type { EnvironmentsResponse } from '@forja/plugin-overview-common';
import { ensureTestPackages } from '@forja/test-servers';
import { chromium, type Locator, type Page } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './checks';

const ENTITY = 'component/default/ms-video';
const CARD_TIMEOUT_MS = 60_000;

/** A Forja card (or page) on the app and the texts it must show. */
interface Expected {
  /** The frontend package it comes from. */
  pkg: string;
  name: string;
  find: (page: Page) => Locator;
  /** How to find it, for the message when it is missing. */
  described: string;
  texts: string[];
}

/** Waits until `locator` shows every one of `texts`; throws naming what is missing. */
async function shown(locator: Locator, described: string, texts: string[]) {
  try {
    await locator.waitFor({ timeout: CARD_TIMEOUT_MS });
  } catch {
    throw new Error(`missing: no ${described} in ${CARD_TIMEOUT_MS / 1000} s`);
  }
  let text = '';
  for (const deadline = Date.now() + CARD_TIMEOUT_MS; ; ) {
    text = (await locator.innerText()).replace(/\s+/g, ' ');
    const absent = texts.filter(t => !text.includes(t));
    if (!absent.length) return `shows ${texts.join(', ')}`;
    if (Date.now() > deadline)
      throw new Error(
        `${described} lacks ${absent.join(', ')}; it shows: ${text.slice(
          0,
          500,
        )}`,
      );
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Opens the app the temporary backend serves at `baseUrl`, signs in as guest and checks
 * Forja's cards on ms-video's page and the on-call overview. Forja's packages are kept out
 * of `app.packages` discovery in this browser (`window.__APP_CONFIG__`, read after the
 * served configuration), so what shows comes from the READMEs' lines in App.tsx alone;
 * what discovery would load is checked in the same page. Screenshots and the browser's
 * errors go to `out`.
 */
export async function runFrontendChecks(options: {
  baseUrl: string;
  out: string;
  /** The Forja frontend packages: those that are discovered by `app.packages: all`. */
  discovered: string[];
  frontendPackages: string[];
}): Promise<Check[]> {
  const { baseUrl, out } = options;
  const checks: Check[] = [];
  const record = (name: string, run: () => Promise<string>) =>
    run().then(
      detail => checks.push({ name, ok: true, detail }),
      error =>
        checks.push({
          name,
          ok: false,
          detail: error instanceof Error ? error.message : String(error),
        }),
    );

  // What the cards must show: the backend's answers through HTTP, as the guest.
  const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!refresh.ok) throw new Error(`guest sign-in answered ${refresh.status}`);
  const { backstageIdentity } = await refresh.json();
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${backstageIdentity.token}` },
      signal: AbortSignal.timeout(120_000),
    });
    if (!response.ok)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const [applications, cost, dashboards, alerts, environments] =
    await Promise.all([
      get<ApplicationsResponse>(
        `/api/${ARGOCD_PLUGIN_ID}/entities/${ENTITY}/applications`,
      ),
      get<EntityCostResponse>(`/api/cost/entities/${ENTITY}`),
      get<DashboardsResponse>(
        `/api/${GRAFANA_PLUGIN_ID}/entities/${ENTITY}/dashboards`,
      ),
      get<AlertsResponse>(
        `/api/${GRAFANA_PLUGIN_ID}/entities/${ENTITY}/alerts`,
      ),
      get<EnvironmentsResponse>(
        `/api/overview/entities/${ENTITY}/environments`,
      ),
    ]);
  const usd = (amount: string) =>
    `$${Number(amount).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    })}`;
  const entityCards: Expected[] = [
    {
      pkg: '@forja/plugin-argocd',
      name: 'Argo CD card',
      find: page => page.getByRole('table', { name: 'Argo CD applications' }),
      described: 'table "Argo CD applications"',
      texts: applications.applications.map(app => app.name),
    },
    {
      pkg: '@forja/plugin-grafana',
      name: 'Grafana dashboards card',
      find: page => page.getByRole('list', { name: 'Grafana dashboards' }),
      described: 'list "Grafana dashboards"',
      texts: dashboards.dashboards.map(d => d.title),
    },
    {
      pkg: '@forja/plugin-grafana',
      name: 'Grafana alerts card',
      find: page => page.getByRole('table', { name: 'Grafana alerts' }),
      described: 'table "Grafana alerts"',
      texts: alerts.alerts.map(a => a.name),
    },
    {
      pkg: '@forja/plugin-cost',
      name: 'monthly cost card',
      find: page => page.getByLabel('monthly total'),
      described: '"monthly total" of the cost card',
      texts: [`${usd(cost.totalMonthlyCost)} a month`],
    },
    {
      pkg: '@forja/plugin-overview',
      name: 'Environments card',
      find: page => page.getByRole('table', { name: 'environments' }),
      described: 'table "environments"',
      texts: environments.environments.map(c => c.environment),
    },
  ];
  for (const card of entityCards)
    if (!card.texts.length)
      throw new Error(`the backend gave the ${card.name} nothing to show`);
  const overviewPage: Expected = {
    pkg: '@forja/plugin-overview',
    name: 'on-call overview page',
    find: page => page.getByRole('table', { name: 'on-call overview' }),
    described: 'table "on-call overview" at /forja/overview',
    texts: ['ms-video'],
  };

  ensureTestPackages('chromium');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const browserLog = join(out, 'browser.log');
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1600 },
    });
    page.on('pageerror', error =>
      appendFileSync(browserLog, `pageerror ${error.stack ?? error}\n`),
    );
    page.on('console', message => {
      if (message.type() === 'error')
        appendFileSync(browserLog, `console ${message.text()}\n`);
    });
    await page.addInitScript(exclude => {
      (window as any).__APP_CONFIG__ = { app: { packages: { exclude } } };
    }, options.frontendPackages);

    const [kind, namespace, name] = ENTITY.split('/');
    await page.goto(`${baseUrl}/catalog/${namespace}/${kind}/${name}`);
    await record('the app signs in the guest', async () => {
      try {
        await page
          .getByRole('button', { name: 'Enter' })
          .click({ timeout: CARD_TIMEOUT_MS });
        await page
          .getByRole('heading', { name: 'ms-video' })
          .first()
          .waitFor({ timeout: CARD_TIMEOUT_MS });
      } catch (error) {
        const body = await page.locator('body').innerText();
        throw new Error(
          `${error}; the page shows: ${body
            .replace(/\s+/g, ' ')
            .slice(0, 500)}`,
        );
      }
      return `ms-video's page at ${page.url()}`;
    });

    // What `app.packages: all` would load: each package's default export of ./alpha.
    const discovered: Array<{ name: string; type?: string; id?: string }> =
      await page.evaluate(() =>
        ((window as any)['__@backstage/discovered__']?.modules ?? []).map(
          (m: any) => ({
            name: m.name,
            export: m.export,
            type: m.default?.$$type,
            id: m.default?.id ?? m.default?.pluginId,
          }),
        ),
      );
    for (const pkg of options.discovered)
      await record(`${pkg} discovered by app.packages: all`, async () => {
        const plugin = discovered.find(
          m =>
            m.name === pkg &&
            (m.type === '@backstage/FrontendPlugin' ||
              m.type === '@backstage/FrontendModule'),
        );
        if (!plugin)
          throw new Error(
            `not among the discovered plugins (${discovered
              .map(m => `${m.name} ${m.type}`)
              .join(', ')})`,
          );
        return `${plugin.type?.replace('@backstage/Frontend', '')} ${
          plugin.id
        }`;
      });

    await Promise.all(
      entityCards.map(card =>
        record(`${card.name} on ms-video's page (${card.pkg})`, () =>
          shown(card.find(page).first(), card.described, card.texts),
        ),
      ),
    );
    await page.screenshot({ path: join(out, 'ms-video.png'), fullPage: true });

    await page.goto(`${baseUrl}/forja/overview`);
    await record(`${overviewPage.name} (${overviewPage.pkg})`, () =>
      shown(
        overviewPage.find(page).first(),
        overviewPage.described,
        overviewPage.texts,
      ),
    );
    await page.screenshot({ path: join(out, 'overview.png'), fullPage: true });
  } finally {
    await browser.close();
  }
  return checks;
}
