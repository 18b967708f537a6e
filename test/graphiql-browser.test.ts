/**
 * GraphiQL with no internet: the page and its assets come from sessiongraph itself. A real
 * headless Chromium (Debian's chromium, driven by playwright-core) opens /graphql, types a query,
 * runs it and reads the result, while every request to another origin is blocked and recorded.
 * With auth required, the page has an "API key" field, and queries run only once a key is given.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { GRAPHIQL_EXAMPLES } from '../src/server/examples.js';
import { createKey } from '../src/db/keys.js';
import { seedStore } from '../src/seed/seed.js';
import { createHttpServer, readPoolOf } from '../src/server/app.js';
import { GRAPHIQL_ASSET_PREFIX } from '../src/server/graphiql.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** A real API key, created in beforeAll. */
let TEST_KEY = '';
const QUERY = '{ userSessions(first: 2) { totalCount nodes { id country } } }';
/** Set to a path (e.g. scratch/graphiql.png) to keep a screenshot of the page with a result. */
const SCREENSHOT = process.env.SESSIONGRAPH_GRAPHIQL_SCREENSHOT;

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`graphiql-browser: skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium; CI installs it)`);
}

interface Running {
  base: string;
  close(): Promise<void>;
}

/** The real server: offline GraphiQL, and with auth required, real API keys. */
async function serve(store: Store, authRequired: boolean): Promise<Running> {
  const server: Server = createHttpServer({ store, auth: authRequired ? 'required' : 'off' });
  // As npm start: take requests once a worker can answer them.
  await readPoolOf(server)?.whenReady();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

let dir: string;
let store: Store;
let sessionCount: number;
let open: Running;
let secured: Running;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-graphiql-'));
  store = openStore(join(dir, 'store.db'));
  const summary = await seedStore(store, { persons: 10, seed: 3, end: new Date('2026-11-01T00:00:00Z') });
  expect(summary.rejected).toBe(0);
  sessionCount = (store.sqlite.prepare(`SELECT count(*) AS n FROM user_sessions WHERE project = 'default'`).get() as { n: number }).n;
  expect(sessionCount).toBeGreaterThan(2);
  TEST_KEY = createKey(store, { project: 'default', name: 'graphiql-test' }).key;
  open = await serve(store, false);
  secured = await serve(store, true);
});

afterAll(async () => {
  await open?.close();
  await secured?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the GraphiQL page over HTTP', () => {
  it('answers browsers with the page and GraphQL clients with GraphQL on GET /graphql', async () => {
    const html = await fetch(`${open.base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await html.text()).toContain('<title>sessiongraph</title>');

    const q = encodeURIComponent('{ userSessions(first: 1) { totalCount } }');
    for (const accept of ['application/json', 'application/graphql-response+json', '*/*']) {
      const r = await fetch(`${open.base}/graphql?query=${q}`, { headers: { accept } });
      expect(r.headers.get('content-type'), accept).toContain('json');
      const body = (await r.json()) as { data: { userSessions: { totalCount: number } } };
      expect(body.data.userSessions.totalCount, accept).toBe(sessionCount);
    }
    // A browser navigation with a query string still gets the page: nothing is executed.
    const nav = await fetch(`${open.base}/graphql?query=${q}`, { headers: { accept: 'text/html' } });
    expect(nav.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // And POST is GraphQL whatever Accept says.
    const post = await fetch(`${open.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html, application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('references only same-origin URLs, each served with a content type and cache headers', async () => {
    const html = await (await fetch(`${open.base}/graphql`, { headers: { accept: 'text/html' } })).text();
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      expect(url === 'data:,' || url.startsWith(GRAPHIQL_ASSET_PREFIX), url).toBe(true);
      if (url === 'data:,') continue;
      const r = await fetch(`${open.base}${url}`);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type'), url).toMatch(url.includes('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(r.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      const body = await r.text();
      expect(body.length, url).toBeGreaterThan(100);
      // No stylesheet pulls anything in from elsewhere (GraphiQL's fonts are data: URLs).
      if (url.includes('.css')) expect(body, url).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
      const again = await fetch(`${open.base}${url}`, { headers: { 'if-none-match': r.headers.get('etag')! } });
      expect(again.status, url).toBe(304);
    }
    const bare = await fetch(`${open.base}${GRAPHIQL_ASSET_PREFIX}graphiql.min.js`);
    expect(bare.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${open.base}${GRAPHIQL_ASSET_PREFIX}nope.js`)).status).toBe(404);
    expect((await fetch(`${open.base}${GRAPHIQL_ASSET_PREFIX}../package.json`)).status).toBe(404);
    expect((await fetch(`${open.base}${GRAPHIQL_ASSET_PREFIX}graphiql.min.js`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('with auth required, serves the page without a key but no GraphQL', async () => {
    const page = await fetch(`${secured.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"authRequired":true');
    const q = encodeURIComponent('{ __typename }');
    expect((await fetch(`${secured.base}/graphql?query=${q}`, { headers: { accept: 'application/json' } })).status).toBe(401);
  });
});

describe.skipIf(!haveChromium && !process.env.CI)('GraphiQL in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI (.ci/run installs Debian's chromium)`).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  interface Watched {
    page: Page;
    /** Requests to any origin but the server's (blocked). */
    foreign: string[];
    /** POSTs to /graphql, with their Authorization header. */
    graphqlPosts: { authorization: string | undefined; body: string }[];
    problems: string[];
    close(): Promise<void>;
  }

  /** A fresh context (empty localStorage) whose page may talk to `base` only. */
  async function openPage(base: string): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const foreign: string[] = [];
    const graphqlPosts: Watched['graphqlPosts'] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin !== base) {
        foreign.push(url);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
        graphqlPosts.push({ authorization: request.headers().authorization, body: request.postData() ?? '' });
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    return { page, foreign, graphqlPosts, problems, close: () => context.close() };
  }

  async function load(page: Page, base: string): Promise<void> {
    const response = await page.goto(`${base}/graphql`);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ state: 'visible' });
  }

  /** Replaces the query editor's text by typing, as a person would. */
  async function typeQuery(page: Page, query: string): Promise<void> {
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(query);
    await page.keyboard.press('Escape'); // close any completion list
    const text = await page.evaluate(
      () => (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
    );
    expect(text.replace(/\s+/g, ' ').trim()).toBe(query);
  }

  /** Runs the query with the run button and answers the result pane's text once it changes. */
  async function run(page: Page, previous = ''): Promise<string> {
    const response = page.locator('.graphiql-response .CodeMirror-code');
    await page.locator('button.graphiql-execute-button').click();
    await expect.poll(async () => ((await response.count()) ? await response.innerText() : ''), { timeout: 10_000 }).not.toBe(previous);
    await expect.poll(async () => (await response.innerText()).trim(), { timeout: 10_000 }).toMatch(/\}$/);
    return response.innerText();
  }

  /** With SESSIONGRAPH_GRAPHIQL_SCREENSHOT set: the page, query prettified, saved there (name + suffix). */
  async function screenshot(page: Page, suffix: string): Promise<void> {
    if (!SCREENSHOT) return;
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Shift+Control+P'); // prettify
    await page.keyboard.press('Escape'); // and no completion list in the picture
    await page.locator('.graphiql-response').click();
    const path = resolve(SCREENSHOT.replace(/(\.png)?$/, `${suffix}.png`));
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path });
  }

  it('runs a query typed into the editor and shows the result, loading nothing from elsewhere', async () => {
    const w = await openPage(open.base);
    try {
      await load(w.page, open.base);
      expect(await w.page.getByLabel('API key').count()).toBe(0);
      await typeQuery(w.page, QUERY);
      const result = await run(w.page);
      expect(result).toMatch(new RegExp(`"totalCount":\\s*${sessionCount}\\b`));
      expect(result).toContain('"country"');
      await screenshot(w.page, '');
      expect(w.foreign, 'requests to other origins').toEqual([]);
      expect(w.problems).toEqual([]);
      expect(w.graphqlPosts.some((p) => p.body.includes('userSessions(first: 2)'))).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('opens with the sessiongraph logo and one tab per example query; picking a tab and running it answers', async () => {
    const w = await openPage(open.base);
    try {
      await load(w.page, open.base);
      await expect.poll(() => w.page.locator('.graphiql-logo').innerText()).toBe('sessiongraph');
      const tabs = w.page.locator('.graphiql-tab');
      // GraphiQL names each tab after its operation.
      const names = GRAPHIQL_EXAMPLES.map((e) => /^query (\w+)/m.exec(e.query)![1]!);
      await expect.poll(() => tabs.allInnerTexts()).toEqual(names);
      // Not the first tab: GraphiQL would send the first tab's operation name (the page drops it).
      await tabs.filter({ hasText: 'SignupFunnel' }).locator('button.graphiql-tab-button').click();
      const result = await run(w.page);
      expect(result).toContain('"funnel"');
      expect(result).toContain('"conversion"');
      expect(w.graphqlPosts.at(-1)!.body).toContain('query SignupFunnel');
      expect(w.foreign, 'requests to other origins').toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('with auth required, asks for an API key and sends it as a Bearer token', async () => {
    const w = await openPage(secured.base);
    try {
      await load(w.page, secured.base);
      const keyField = w.page.getByLabel('API key');
      expect(await keyField.isVisible()).toBe(true);
      await typeQuery(w.page, QUERY);

      const refused = await run(w.page);
      expect(refused).toContain('Authentication required');
      expect(refused).not.toContain('totalCount');
      expect(w.graphqlPosts.every((p) => p.authorization === undefined)).toBe(true);

      await keyField.fill(TEST_KEY);
      await keyField.press('Enter');
      const result = await run(w.page, refused);
      expect(result).toMatch(new RegExp(`"totalCount":\\s*${sessionCount}\\b`));
      await screenshot(w.page, '-auth');
      const last = w.graphqlPosts.at(-1)!;
      expect(last.body).toContain('userSessions(first: 2)');
      expect(last.authorization).toBe(`Bearer ${TEST_KEY}`);
      // Applying the key reloads the schema with it (the first introspection was refused).
      expect(w.graphqlPosts.some((p) => p.body.includes('IntrospectionQuery') && p.authorization === `Bearer ${TEST_KEY}`)).toBe(true);

      // The browser keeps the key: a reload needs no typing.
      await load(w.page, secured.base);
      expect(await w.page.getByLabel('API key').inputValue()).toBe(TEST_KEY);

      expect(w.foreign, 'requests to other origins').toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
