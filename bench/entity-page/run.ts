/* eslint-disable no-console */
// An entity page with Forja's cards on the production build, served by the backend (see
// README.md). Targets: the first Forja card's data within 1.5 s of navigation in Chromium;
// Forja's JavaScript at most 250 KB gzip, none of its components loaded on pages without
// its cards. The peer, in the same run: a stock catalog entity page.
import { startDemoUpstreams } from '@forja/test-servers';
import { Browser, chromium, Locator, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from '../lib/stats';
import {
  buildApp,
  BuildSizes,
  ChunkMap,
  forjaIn,
  forjaPlugins,
  measureBuild,
  readChunkMap,
} from './bundle';
import { delayedProxy } from './latency';

const ROOT = resolve(__dirname, '../..');
const OUTPUT = join(ROOT, 'output', 'bench', 'entity-page');
const PORT = Number(process.env.PORT ?? 7417);
const BASE = `http://localhost:${PORT}`;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const LATENCY_MS = Number(process.env.UPSTREAM_LATENCY_MS ?? 200);
const ENTITY = process.env.ENTITY ?? 'component/ms-video';
/** A page of the stock catalog only: an API, on which Forja shows no card. */
const STOCK_ENTITY = process.env.STOCK_ENTITY ?? 'api/ms-video-api';
/** Every backend cache in a Forja card's path lives this long, so a round starts cold. */
const CACHE_SECONDS = 4;
const TARGET_FIRST_CARD_MS = 1500;
const TARGET_FORJA_GZIP_KB = 250;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const cold = () => sleep(CACHE_SECONDS * 1000 + 500);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const entityPath = (ref: string) => `/catalog/default/${ref}`;

/** Builds the app without Forja's plugins, then with them (left in dist); or reuses both. */
function builds() {
  const withoutFile = join(OUTPUT, 'without-forja.json');
  const mapFile = join(OUTPUT, 'chunk-map.json');
  if (process.env.BUILD === '0' && existsSync(withoutFile)) {
    console.log('BUILD=0: the builds of the previous run');
  } else {
    const exclude = join(OUTPUT, 'app-config.without-forja.json');
    writeFileSync(
      exclude,
      JSON.stringify({
        app: { packages: { exclude: forjaPlugins(ROOT) } },
      }),
    );
    const dist = buildApp(
      ROOT,
      [exclude],
      join(OUTPUT, 'build-without-forja.log'),
    );
    const leftIn = Object.keys(readChunkMap(dist).forjaModules);
    if (leftIn.length)
      throw new Error(`the build without Forja still holds it: ${leftIn}`);
    writeFileSync(withoutFile, JSON.stringify(measureBuild(dist)));
    buildApp(ROOT, [], join(OUTPUT, 'build.log'));
    writeFileSync(mapFile, JSON.stringify(readChunkMap(dist)));
  }
  const without = JSON.parse(readFileSync(withoutFile, 'utf8')) as BuildSizes;
  const withForja = measureBuild(join(ROOT, 'packages/app/dist'));
  return {
    without,
    withForja,
    chunkMap: JSON.parse(readFileSync(mapFile, 'utf8')) as ChunkMap,
  };
}

/** The backend (`backstage-cli package start`), serving packages/app/dist on `PORT`. */
async function startBackend(configFile: string) {
  const log = openSync(join(OUTPUT, 'backend.log'), 'w');
  const backend = spawn(
    'yarn',
    [
      'workspace',
      '@forja/backend',
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    },
  );
  let exited: number | null | undefined;
  backend.on('exit', code => {
    exited = code;
  });
  const stop = () => {
    if (exited === undefined && backend.pid)
      process.kill(-backend.pid, 'SIGTERM');
  };
  process.once('exit', stop);
  const until = async (ready: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 6 * 60_000; Date.now() < deadline; ) {
      if (exited !== undefined)
        throw new Error(`the backend exited (${exited}); see backend.log`);
      if (await ready().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error('the backend was not ready in time; see backend.log');
  };
  await until(
    async () =>
      (await fetch(`${BASE}/.backstage/health/v1/readiness`)).ok &&
      (await (await fetch(BASE)).text()).includes('/static/main.'),
  );
  return { stop, until };
}

/** The demo's upstreams, each behind a proxy holding requests LATENCY_MS. */
async function upstreams() {
  const demo = await startDemoUpstreams(ROOT, join(OUTPUT, 'demo'));
  const proxies = await Promise.all(
    (
      ['argocd', 'grafana', 'kubernetes', 'opencost', 'costExplorer'] as const
    ).map(async name => {
      const target = demo.urls[name];
      return { target, proxy: await delayedProxy(target, LATENCY_MS) };
    }),
  );
  const github = await delayedProxy(demo.urls.github, LATENCY_MS);
  let text = JSON.stringify(demo.config);
  for (const { target, proxy } of proxies)
    text = text.split(`"${target}`).join(`"${proxy.url}`);
  // GitHub's API through the proxy; its host (which the catalog's URLs name) unchanged.
  text = text
    .split(`"apiBaseUrl":"${demo.urls.github}`)
    .join(`"apiBaseUrl":"${github.url}`);
  return {
    config: JSON.parse(text),
    close: async () => {
      await Promise.all(
        [...proxies.map(p => p.proxy), github].map(p => p.close()),
      );
      await demo.close();
    },
  };
}

/** Forja's cards on ENTITY, each located by its data (a row, an item, a figure). */
const forjaCards = (page: Page): Record<string, Locator> => ({
  'Argo CD': page
    .getByRole('table', { name: 'Argo CD applications' })
    .getByRole('row')
    .nth(1),
  'Grafana dashboards': page
    .getByRole('list', { name: 'Grafana dashboards' })
    .getByRole('listitem')
    .first(),
  'Grafana alerts': page
    .getByRole('table', { name: 'Grafana alerts' })
    .getByRole('row')
    .nth(1),
  environments: page
    .getByRole('table', { name: 'environments' })
    .getByRole('row')
    .nth(1),
  cost: page.getByLabel('monthly total').first(),
  'actual cost': page
    .getByRole('table', { name: 'estimate vs actual' })
    .getByRole('row')
    .nth(1),
});

const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;

/** One way of navigating: the first Forja card beside the stock page; whether it met the target. */
function report(how: string, entity: Load[], stock: Load[]) {
  const first = median(entity.map(l => l.firstForja));
  const peer = median(stock.map(l => l.about));
  const p = (loads: Load[], key: keyof Profile) =>
    ms(loads.map(l => l.profile[key]));
  console.log(
    `  ${how}: first Forja card's data ${first.toFixed(0)} ms (${[
      ...new Set(entity.map(l => l.firstName)),
    ].join(', ')}), ${(first / TARGET_FIRST_CARD_MS).toFixed(
      2,
    )}x the 1.5 s target (${verdict(
      first <= TARGET_FIRST_CARD_MS,
    )}); every Forja card's data ${ms(
      entity.map(l => l.everyForja),
    )}; the stock About card on the same page ${ms(
      entity.map(l => l.about),
    )}, on the stock page ${peer.toFixed(
      0,
    )} ms: first Forja card / stock page ${(first / peer).toFixed(2)}x`,
  );
  console.log(
    `    profile of ${ENTITY}: the app ${p(entity, 'app')}, entity ${p(
      entity,
      'entity',
    )}, Forja asked ${p(entity, 'forjaAsked')}, answered ${p(
      entity,
      'forjaAnswered',
    )}; of the stock page: the app ${p(stock, 'app')}, entity ${p(
      stock,
      'entity',
    )}`,
  );
  return first <= TARGET_FIRST_CARD_MS;
}

/** The stock About card's data: the entity's description, as the catalog holds it. */
async function description(ref: string, token: string) {
  const [kind, name] = ref.split('/');
  const res = await fetch(
    `${BASE}/api/catalog/entities/by-name/${kind}/default/${name}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok) return undefined;
  return (await res.json()).metadata.description as string;
}

/** Milliseconds from `start` until `locator` is visible. */
const after = (start: number, locator: Locator) =>
  locator.waitFor({ timeout: 60_000 }).then(() => performance.now() - start);

interface Load {
  firstForja: number;
  firstName: string;
  everyForja: number;
  about: number;
  scripts: string[];
  /** Where the time went, in ms from the navigation (the browser's resource timing). */
  profile: Profile;
}

interface Profile {
  /** The app's bundle loaded and run (DOMContentLoaded; a full page load only). */
  app: number;
  /** The catalog's answer with the entity. */
  entity: number;
  /** The first request of a Forja card to its backend, and its answer. */
  forjaAsked: number;
  forjaAnswered: number;
}

/** Resource timing since `since` (the page's clock), for the profile. */
function profile(since: number): Profile {
  const resources = window.performance
    .getEntriesByType('resource')
    .filter(r => r.startTime >= since) as PerformanceResourceTiming[];
  const first = (pattern: RegExp) => resources.find(r => pattern.test(r.name));
  const navigation = window.performance
    .getEntries()
    .find(e => e.entryType === 'navigation') as
    | (PerformanceEntry & { domContentLoadedEventEnd: number })
    | undefined;
  const forja = first(/\/api\/(argocd|grafana|overview|cost)\//);
  return {
    app: since === 0 ? navigation?.domContentLoadedEventEnd ?? 0 : 0,
    entity:
      (first(/\/api\/catalog\/entities\/by-name\//)?.responseEnd ?? since) -
      since,
    forjaAsked: (forja?.startTime ?? since) - since,
    forjaAnswered: (forja?.responseEnd ?? since) - since,
  };
}

/**
 * `path` in a fresh browser context (signed in, nothing cached), timed to its cards:
 * loaded from the address bar, or (`inApp`) reached from the catalog's index as a link
 * does, the app already loaded.
 */
async function load(
  browser: Browser,
  storageState: string,
  path: string,
  about: string,
  withForja: boolean,
  inApp = false,
): Promise<Load> {
  const context = await browser.newContext({
    storageState,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', r => {
      const m = /\/(static\/[^/?]+\.js)$/.exec(new URL(r.url()).pathname);
      if (m) scripts.push(m[1]);
    });
    let since = 0;
    let start = performance.now();
    if (inApp) {
      await page.goto(BASE);
      await page.getByText('ms-video', { exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      start = performance.now();
      since = await page.evaluate(to => {
        const now = window.performance.now();
        window.history.pushState({}, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
        return now;
      }, path);
    } else {
      await page.goto(`${BASE}${path}`, { waitUntil: 'commit' });
    }
    const aboutMs = after(
      start,
      page.getByText(about, { exact: true }).first(),
    );
    let firstForja = 0;
    let firstName = '';
    let everyForja = 0;
    if (withForja) {
      const cards = Object.entries(forjaCards(page)).map(([name, card]) =>
        after(start, card).then(ms => ({ name, ms })),
      );
      const first = await Promise.race(cards);
      firstForja = first.ms;
      firstName = first.name;
      everyForja = Math.max(...(await Promise.all(cards)).map(c => c.ms));
    }
    const aboutDone = await aboutMs;
    // Whatever the page still loads once it is complete.
    await page.waitForLoadState('networkidle');
    return {
      firstForja,
      firstName,
      everyForja,
      about: aboutDone,
      scripts: [...new Set(scripts)],
      profile: await page.evaluate(profile, since),
    };
  } finally {
    await context.close();
  }
}

async function main() {
  mkdirSync(OUTPUT, { recursive: true });
  const taken = await fetch(BASE).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`${BASE} is in use; set PORT`);
  const { without, withForja, chunkMap } = builds();

  const demo = await upstreams();
  const configFile = join(OUTPUT, 'app-config.bench.json');
  const cache = {
    cacheFresh: { seconds: CACHE_SECONDS },
    cacheStale: { seconds: CACHE_SECONDS },
  };
  const config = demo.config;
  writeFileSync(
    configFile,
    JSON.stringify({
      ...config,
      app: { baseUrl: BASE },
      backend: {
        baseUrl: BASE,
        listen: { port: PORT },
        cors: { origin: BASE },
      },
      argocd: { ...config.argocd, ...cache },
      grafana: { ...config.grafana, ...cache },
      overview: { ...config.overview, ...cache },
    }),
  );
  let browser: Browser | undefined;
  const backend = await startBackend(configFile).catch(async error => {
    await demo.close();
    throw error;
  });
  let met = true;
  try {
    // Signed in as guest, once the catalog holds both entities.
    let token = '';
    let entityAbout: string | undefined;
    let stockAbout: string | undefined;
    await backend.until(async () => {
      const refresh = await fetch(`${BASE}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      token = (await refresh.json()).backstageIdentity.token;
      entityAbout = await description(ENTITY, token);
      stockAbout = await description(STOCK_ENTITY, token);
      return Boolean(entityAbout && stockAbout);
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    });
    const signIn = await browser.newPage();
    await signIn.goto(BASE);
    await signIn.getByRole('button', { name: 'Enter' }).click();
    await signIn
      .getByRole('link', { name: 'On-call overview' })
      .waitFor({ timeout: 60_000 });
    const storageState = join(OUTPUT, 'signed-in.json');
    await signIn.context().storageState({ path: storageState });
    await signIn.close();

    // The catalog's index: no Forja card on it, so none of Forja's components may load.
    const index = await load(browser, storageState, '/', 'ms-video', false);
    const onIndex = forjaIn(chunkMap, index.scripts);

    const entity: Load[] = [];
    const stock: Load[] = [];
    const entityInApp: Load[] = [];
    const stockInApp: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await cold();
      entity.push(
        await load(
          browser,
          storageState,
          entityPath(ENTITY),
          entityAbout!,
          true,
        ),
      );
      await cold();
      stock.push(
        await load(
          browser,
          storageState,
          entityPath(STOCK_ENTITY),
          stockAbout!,
          false,
        ),
      );
      await cold();
      entityInApp.push(
        await load(
          browser,
          storageState,
          entityPath(ENTITY),
          entityAbout!,
          true,
          true,
        ),
      );
      await cold();
      stockInApp.push(
        await load(
          browser,
          storageState,
          entityPath(STOCK_ENTITY),
          stockAbout!,
          false,
          true,
        ),
      );
    }
    const onEntity = forjaIn(chunkMap, entity[0].scripts);

    console.log(
      `${ENTITY} beside ${STOCK_ENTITY}, production build served by the backend, upstreams answering after ${LATENCY_MS} ms; median of ${ROUNDS} navigations, each in a fresh browser context with backend caches cold:`,
    );
    met = report('from the address bar', entity, stock) && met;
    met =
      report('from the catalog, the app loaded', entityInApp, stockInApp) &&
      met;
    console.log(
      '  (profile: the app = its bundle loaded and run, DOMContentLoaded; entity = the catalog answered; Forja = its first card asked its backend, answered)',
    );

    const forjaBytes = withForja.total - without.total;
    const initialBytes = withForja.initialTotal - without.initialTotal;
    console.log(
      `JavaScript (gzip): the app ${kb(
        withForja.total,
      )} with Forja's plugins, ${kb(without.total)} without (${forjaPlugins(
        ROOT,
      ).join(', ')} excluded): Forja adds ${kb(forjaBytes)}, ${(
        forjaBytes /
        1024 /
        TARGET_FORJA_GZIP_KB
      ).toFixed(2)}x the 250 KB target (${verdict(
        forjaBytes <= TARGET_FORJA_GZIP_KB * 1024,
      )})`,
    );
    console.log(
      `  of it in what index.html loads on every page: ${kb(
        initialBytes,
      )} (${kb(withForja.initialTotal)} with, ${kb(
        without.initialTotal,
      )} without)`,
    );
    met &&= forjaBytes <= TARGET_FORJA_GZIP_KB * 1024;
    const lazyChunks = (scripts: string[]) =>
      scripts.filter(s => !withForja.initial.includes(s));
    const gz = (files: string[]) =>
      files.reduce((s, f) => s + (withForja.files[f] ?? 0), 0);
    const forjaLazy = onEntity.chunks.filter(
      c => !withForja.initial.includes(c),
    );
    console.log(
      `  the catalog's index loads ${index.scripts.length} chunks (${kb(
        gz(index.scripts),
      )}), ${
        onIndex.modules.length
      } Forja modules among them (plugin definitions and API clients, in main), ${
        onIndex.components.length
      } Forja components (${verdict(onIndex.components.length === 0)})`,
    );
    console.log(
      `  ${ENTITY} loads ${entity[0].scripts.length} chunks (${kb(
        gz(entity[0].scripts),
      )}), ${lazyChunks(entity[0].scripts).length} of them on demand, ${
        forjaLazy.length
      } holding Forja's cards (${kb(gz(forjaLazy))})`,
    );
    if (onIndex.components.length)
      console.log(
        `    Forja components on the catalog's index: ${onIndex.components
          .map(m => m.name)
          .join(', ')}`,
      );
    met &&= onIndex.components.length === 0;
    writeFileSync(
      join(OUTPUT, 'result.json'),
      JSON.stringify(
        { entity, stock, entityInApp, stockInApp, index, onIndex, onEntity },
        null,
        2,
      ),
    );
  } finally {
    await browser?.close();
    backend.stop();
    await demo.close();
  }
  process.exitCode = met ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
