/**
 * bench/web — the files list page over a million files, in Chromium, beside
 * the API call it makes.
 *
 * Seeds BENCH_FILES files (default 1 000 000, as bench/search) and a
 * caseworker of 昆明市, starts the api (serving the built web app under
 * /app/) and Debian's chromium (headless, as the browser suite: zh-CN, China's
 * time zone, 1440 × 900), signed in as the suite does (POST /auth/login with
 * session: 'cookie', so each load continues the login from the refresh cookie
 * as after a reload). Per case — the list, a common surname in characters, a
 * full name in pinyin — after BENCH_WARM_UP loads, BENCH_LOADS times in turn:
 *   page load  page.goto(/app/files[?q=…]) from about:blank, warm HTTP cache:
 *              from navigation start (performance.timeOrigin) to the first
 *              animation frame after the expected first row (the API's first
 *              item, tbody tr[data-row-key]) entered the DOM;
 *   in the app on the files page already loaded: from the click on the
 *              navigation's 个案档案 (coming from a search result), or from the
 *              Enter in the search box (coming from the list), to the same frame;
 *   API alone  the very GET /files request the page sends, same user, bearer
 *              token, from this process's fetch (keep-alive), to the last byte.
 * Prints median and p95 (nearest rank) of each, where a page load spends its
 * time (medians, from the browser's resource timing), and page/API; the last
 * line gives the ratios of the medians against the target (≤ 2×). Exits 1
 * only when the run fails, not when the target is missed.
 *   npm run bench:web      (BENCH_FILES=1000000, BENCH_LOADS=20, BENCH_WARM_UP=3, CHROMIUM_PATH=/usr/bin/chromium)
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { webRootDir } from '#app/platform';
import { benchConfig, signInAs, startApi } from '../support/api.js';
import { BENCH_PASSWORD, seedFiles } from '../support/seed-files.js';
import { benchStores } from '../support/stores.js';

const FILES = Number(process.env.BENCH_FILES ?? 1_000_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3);
const USERNAME = 'bench.web';
/** Longest wait for a row; the bench fails beyond it. */
const ROW_TIMEOUT_MS = 60_000;

interface Case {
  name: string;
  /** What follows /app/files. */
  search: string;
  /** How a caseworker gets there inside the app, from the files page at `from`. */
  inApp: { from: string; how: string; act: (page: Page) => Promise<void> };
}

const searchFor = (q: string) => async (page: Page) => {
  const box = page.locator('input[aria-label="搜索个案"]');
  await box.fill(q);
  await box.press('Enter');
};

const CASES: Case[] = [
  {
    name: 'files list',
    search: '',
    inApp: {
      from: `?q=${encodeURIComponent('王')}`,
      how: 'click 个案档案 in the navigation on the result of 王',
      act: (page) => page.locator('.shell-nav a[href="/app/files"]').click(),
    },
  },
  { name: 'search 王 (surname, characters)', search: `?q=${encodeURIComponent('王')}`, inApp: { from: '', how: 'type 王 + Enter on the list', act: searchFor('王') } },
  {
    name: 'search wangfang (full name, pinyin)',
    search: '?q=wangfang',
    inApp: { from: '', how: 'type wangfang + Enter on the list', act: searchFor('wangfang') },
  },
];

/** What the page's window holds for the bench (installed by instrumentPage). */
interface BenchHooks {
  /** The time stamp of the last click or Enter. */
  input?: number;
  /** Forget the rows seen, the input and the resource timings. */
  reset: () => void;
  /** When the row with this key first entered the DOM and the next animation frame began (ms since navigation start). */
  row: (key: string) => Promise<{ inDom: number; frame: number }>;
}

/** The few browser APIs the in-page code uses: the project compiles without the DOM library. */
interface PageElement {
  nodeType: number;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  document: unknown;
  MutationObserver: new (callback: (mutations: { addedNodes: Iterable<PageElement> }[]) => void) => { observe(target: unknown, options: { childList: true; subtree: true }): void };
  requestAnimationFrame(callback: () => void): number;
  addEventListener(type: 'click' | 'keydown', listener: (event: { timeStamp: number; key?: string }) => void, capture: true): void;
  __bench: BenchHooks;
}

/**
 * Runs in the page before its own scripts, at every navigation: the time
 * (performance.now(), ms since navigation start) each table row first
 * entered the DOM and the start of the next animation frame, which paints it;
 * and the time stamp of the last click or Enter.
 */
function instrumentPage(): void {
  const page = globalThis as unknown as PageGlobals;
  const seen = new Map<string, { inDom: number; frame?: number }>();
  const waiting = new Map<string, ((seen: { inDom: number; frame: number }) => void)[]>();
  const found = (key: string | null) => {
    if (key === null || seen.has(key)) return;
    const record: { inDom: number; frame?: number } = { inDom: performance.now() };
    seen.set(key, record);
    page.requestAnimationFrame(() => {
      const frame = performance.now();
      record.frame = frame;
      for (const resolve of waiting.get(key) ?? []) resolve({ inDom: record.inDom, frame });
      waiting.delete(key);
    });
  };
  const ROW = 'tbody tr[data-row-key]';
  new page.MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(ROW)) found(node.getAttribute('data-row-key'));
        for (const row of node.querySelectorAll(ROW)) found(row.getAttribute('data-row-key'));
      }
    }
  }).observe(page.document, { childList: true, subtree: true });
  const hooks: BenchHooks = {
    reset: () => {
      seen.clear();
      hooks.input = undefined;
      performance.clearResourceTimings();
    },
    row: (key) =>
      new Promise((resolve) => {
        const record = seen.get(key);
        if (record?.frame !== undefined) resolve({ inDom: record.inDom, frame: record.frame });
        else waiting.set(key, [...(waiting.get(key) ?? []), resolve]);
      }),
  };
  page.addEventListener('click', (event) => (hooks.input = event.timeStamp), true);
  page.addEventListener('keydown', (event) => event.key === 'Enter' && (hooks.input = event.timeStamp), true);
  page.__bench = hooks;
}

/** A page and what it did: errors it reported, GET /files requests it sent. */
interface Tab {
  page: Page;
  problems: string[];
  listRequests: number;
}

type Span = [number, number];

/** The browser's resource timing of a path, ms from navigation start (NaN when not requested), and when the app's code had loaded. */
function resourceTimings(page: Page, before: number): Promise<{ html: number; code: number; refresh: Span; me: Span; files: Span }> {
  return page.evaluate((before) => {
    // The browser's entries (the types here are Node's): name, startTime, responseEnd.
    const entries = (type: string) => (performance.getEntriesByType as (type: string) => unknown[])(type) as { name: string; startTime: number; responseEnd: number }[];
    const resources = entries('resource');
    const span = (pathname: string): [number, number] => {
      const entry = resources.find((r) => new URL(r.name).pathname === pathname);
      return entry ? [entry.startTime, entry.responseEnd] : [NaN, NaN];
    };
    const code = Math.max(0, ...resources.filter((r) => new URL(r.name).pathname.startsWith('/app/assets/') && r.startTime < before).map((r) => r.responseEnd));
    return { html: entries('navigation')[0]?.responseEnd ?? NaN, code, refresh: span('/auth/refresh'), me: span('/me'), files: span('/files') };
  }, before);
}

/** A page load, ms from navigation start: the HTML, the app's code loaded, the API calls (request start, response end), the row. */
interface Load {
  html: number;
  code: number;
  refresh: Span;
  me: Span;
  files: Span;
  inDom: number;
  frame: number;
  listRequests: number;
}

/** In the app, ms from the click or Enter: the list request sent and answered, the row's frame. */
interface InApp {
  files: Span;
  frame: number;
  listRequests: number;
}

async function rowFrame(tab: Tab, key: string): Promise<{ inDom: number; frame: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const said = tab.problems.length ? `; the page said: ${tab.problems.join(' | ')}` : '';
      reject(new Error(`row ${key} not shown within ${ROW_TIMEOUT_MS} ms on ${tab.page.url()}${said}`));
    }, ROW_TIMEOUT_MS);
  });
  try {
    return await Promise.race([tab.page.evaluate((k) => (globalThis as unknown as PageGlobals).__bench.row(k), key), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function pageLoad(tab: Tab, url: string, firstId: string): Promise<Load> {
  await tab.page.goto('about:blank');
  tab.listRequests = 0;
  await tab.page.goto(url, { waitUntil: 'commit' });
  const { inDom, frame } = await rowFrame(tab, firstId);
  return { ...(await resourceTimings(tab.page, inDom)), inDom, frame, listRequests: tab.listRequests };
}

async function inAppLoad(tab: Tab, startUrl: string, act: (page: Page) => Promise<void>, firstId: string): Promise<InApp> {
  await tab.page.goto(startUrl);
  await tab.page.locator('tbody tr[data-row-key]').first().waitFor({ timeout: ROW_TIMEOUT_MS });
  await tab.page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.reset());
  tab.listRequests = 0;
  await act(tab.page);
  const { inDom, frame } = await rowFrame(tab, firstId);
  const input = await tab.page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.input);
  if (input === undefined) throw new Error('no click or Enter seen in the page');
  const { files } = await resourceTimings(tab.page, inDom);
  return { files: [files[0] - input, files[1] - input], frame: frame - input, listRequests: tab.listRequests };
}

async function apiCall(base: string, pathAndQuery: string, token: string): Promise<{ ms: number; firstId: string }> {
  const t0 = performance.now();
  const response = await fetch(base + pathAndQuery, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${body}`);
  const items = (JSON.parse(body) as { items: { id: string }[] }).items;
  if (items.length === 0) throw new Error(`GET ${pathAndQuery} found nothing: no row to wait for (seed more files)`);
  return { ms, firstId: items[0].id };
}

/** Nearest rank. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const stats = (values: number[]) => `median ${ms(median(values)).padStart(9)}  p95 ${ms(percentile(values, 95)).padStart(9)}`;
const times = (value: number) => `${value.toFixed(1)}×`;
const counts = (values: number[]) => [...new Set(values)].sort().join(' or ');

/** One case: warm up, then page load, in the app and the API alone in turn, LOADS times; prints them and returns the ratios of the medians. */
async function measure(tab: Tab, each: Case, base: string, token: string): Promise<{ load: number; inApp: number }> {
  const url = `/app/files${each.search}`;
  // The request the page sends (hey-api orders the parameters its own way): the API alone repeats it exactly.
  const sent = tab.page.waitForRequest((request) => new URL(request.url()).pathname === '/files', { timeout: ROW_TIMEOUT_MS });
  await tab.page.goto(url, { waitUntil: 'commit' });
  const request = new URL((await sent).url());
  const listPath = request.pathname + request.search;
  const { firstId } = await apiCall(base, listPath, token);
  await rowFrame(tab, firstId);
  process.stdout.write(`\n${each.name}: ${url} → GET ${decodeURIComponent(listPath)}\n`);
  const inAppFrom = `/app/files${each.inApp.from}`;
  for (let i = 0; i < WARM_UP; i++) {
    await pageLoad(tab, url, firstId);
    await inAppLoad(tab, inAppFrom, each.inApp.act, firstId);
    await apiCall(base, listPath, token);
  }
  const loads: Load[] = [];
  const inApp: InApp[] = [];
  const api: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    loads.push(await pageLoad(tab, url, firstId));
    inApp.push(await inAppLoad(tab, inAppFrom, each.inApp.act, firstId));
    api.push((await apiCall(base, listPath, token)).ms);
    if (process.stdout.isTTY) process.stdout.write(`\r  ${i + 1}/${LOADS}`);
  }
  const loadFrames = loads.map((load) => load.frame);
  const inAppFrames = inApp.map((one) => one.frame);
  const m = <T>(list: T[], pick: (one: T) => number) => median(list.map(pick)).toFixed(0);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${process.stdout.isTTY ? '\r' : ''}  page load   ${stats(loadFrames)}`);
  out(
    `    medians, ms from navigation start: html ${m(loads, (l) => l.html)}, code loaded ${m(loads, (l) => l.code)}, /auth/refresh ${m(loads, (l) => l.refresh[0])}–${m(loads, (l) => l.refresh[1])}, ` +
      `/me ${m(loads, (l) => l.me[0])}–${m(loads, (l) => l.me[1])}, /files ${m(loads, (l) => l.files[0])}–${m(loads, (l) => l.files[1])}, ` +
      `row in the DOM ${m(loads, (l) => l.inDom)}, its frame ${m(loads, (l) => l.frame)}; GET /files per load: ${counts(loads.map((l) => l.listRequests))}`,
  );
  out(`  in the app  ${stats(inAppFrames)}  (${each.inApp.how})`);
  out(
    `    medians, ms from the input: /files ${m(inApp, (a) => a.files[0])}–${m(inApp, (a) => a.files[1])}, its frame ${m(inApp, (a) => a.frame)}; ` +
      `GET /files per search: ${counts(inApp.map((a) => a.listRequests))}`,
  );
  out(`  API alone   ${stats(api)}`);
  const ratio = { load: median(loadFrames) / median(api), inApp: median(inAppFrames) / median(api) };
  const p95 = (values: number[]) => times(percentile(values, 95) / percentile(api, 95));
  out(`  page/API    page load ${times(ratio.load)} (p95 ${p95(loadFrames)}), in the app ${times(ratio.inApp)} (p95 ${p95(inAppFrames)})`);
  return ratio;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(webRootDir(), 'index.html'))) throw new Error(`${webRootDir()}/index.html is missing: npm run build builds the web app`);
  process.stdout.write(`bench/web: ${FILES} files, ${LOADS} loads per case after ${WARM_UP} to warm up; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  try {
    // As bench/search: BENCH_DATABASE_URL may name a database seeded by an earlier run, then BENCH_SKIP_SEED=1 reuses it.
    if (process.env.BENCH_SKIP_SEED !== '1') await seedFiles(stores.ownerUrl, { files: FILES, chunk: 50_000, usernames: [USERNAME], referencePrefix: 'W' });
    const { app, port } = await startApi(benchConfig(stores));
    const base = `http://127.0.0.1:${port}`;
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    try {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
      await context.addInitScript(instrumentPage);
      const tab: Tab = { page: await context.newPage(), problems: [], listRequests: 0 };
      tab.page.on('pageerror', (error) => tab.problems.push(`page error: ${error.message}`));
      tab.page.on('console', (message) => message.type() === 'error' && tab.problems.push(`console error: ${message.text()}`));
      tab.page.on('request', (request) => new URL(request.url()).pathname === '/files' && (tab.listRequests += 1));
      const login = await tab.page.request.post('/auth/login', { data: { username: USERNAME, password: BENCH_PASSWORD, session: 'cookie' } });
      if (login.status() !== 200) throw new Error(`the browser's sign-in answered ${login.status()}: ${await login.text()}`);
      const token = await signInAs(port, USERNAME);
      process.stdout.write(
        'page load:  page.goto from about:blank (warm HTTP cache; the login continues from the refresh cookie, as after a reload) → the first animation frame after the first row entered the DOM, ms from navigation start\n' +
          'in the app: on the files page already loaded, the click or Enter (its event time stamp) → the same frame\n' +
          "API alone:  the page's own GET /files request, same user, bearer token, Node's fetch (keep-alive) → its last byte\n",
      );
      const verdicts: { name: string; load: number; inApp: number }[] = [];
      for (const each of CASES) verdicts.push({ name: each.name, ...(await measure(tab, each, base, token)) });
      const met = (value: number) => (value <= 2 ? 'met' : 'missed');
      process.stdout.write(
        `\npage/API, medians (target ≤ 2×): ${verdicts.map((v) => `${v.name}: page load ${times(v.load)} ${met(v.load)}, in the app ${times(v.inApp)} ${met(v.inApp)}`).join('; ')}\n`,
      );
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench/web failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
