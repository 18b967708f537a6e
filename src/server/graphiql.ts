/**
 * GraphiQL served entirely by sessiongraph, as a Yoga plugin: the page and every asset it loads
 * (GraphiQL 3's UMD bundle and CSS, React 18's UMD builds, a small page script) come from this
 * server, read from installed npm packages, so the IDE works with no internet access. Yoga's own
 * GraphiQL (which loads from unpkg) must be off: `createYoga({ graphiql: false, ... })`.
 *
 * The page sends a Content-Security-Policy that allows this origin only, so a browser refuses any
 * request elsewhere. With auth required it shows an "API key" field; the key stays in the
 * browser's localStorage and goes out as `Authorization: Bearer KEY` on every GraphQL request.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import type { ExampleQuery } from './examples.js';

export interface OfflineGraphiQLOptions {
  /** The GraphQL endpoint path, where the page is served too (`/graphql`). */
  endpoint: string;
  title: string;
  /** The tabs a fresh browser opens with, one example query each (GraphiQL keeps the person's own tabs in localStorage). */
  examples: readonly ExampleQuery[];
  /** Show the API key field, and say that queries need a key. */
  authRequired: boolean;
}

/** Where the page's assets are served (GET only). */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

/**
 * Whether a request asks for the GraphiQL page rather than a GraphQL result: a GET whose Accept
 * names text/html — a browser navigation — as Yoga decides for its own GraphiQL. GET requests
 * with `Accept: application/json`, `application/graphql-response+json`, `*\/*` or none reach
 * Yoga's GraphQL handling. Every request this accepts on the endpoint is answered with the page
 * (never executed), so an auth check may let exactly these through without a key.
 */
export function wantsGraphiQL(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').toLowerCase().includes('text/html');
}

/**
 * Whether Yoga would treat the request as one for the GraphQL endpoint (the same test as Yoga's
 * own GraphiQL and unhandled-route plugins: the path, or the whole URL ending in it).
 */
function isEndpointRequest(request: Request, url: URL, endpoint: string): boolean {
  return (
    url.pathname === endpoint ||
    url.pathname === `${endpoint}/` ||
    request.url.endsWith(endpoint) ||
    request.url.endsWith(`${endpoint}/`)
  );
}

interface Asset {
  body: string;
  contentType: string;
  /** Content hash: the page links `?v=HASH`, which may be cached forever. */
  hash: string;
}

const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

function asset(body: string, contentType: string): Asset {
  return { body, contentType, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) };
}

/** The bundle's trailing `//# sourceMappingURL=` names a file that is not served: drop it. */
function withoutSourceMap(source: string): string {
  return source.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

let cachedAssets: Map<string, Asset> | undefined;

/** The files under GRAPHIQL_ASSET_PREFIX, read once from node_modules. */
function loadAssets(): Map<string, Asset> {
  if (cachedAssets) return cachedAssets;
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  const read = (pkg: string, file: string) => readFileSync(packageFile(pkg, file), 'utf8');
  cachedAssets = new Map<string, Asset>([
    ['react.production.min.js', asset(withoutSourceMap(read('react', 'umd/react.production.min.js')), js)],
    ['react-dom.production.min.js', asset(withoutSourceMap(read('react-dom', 'umd/react-dom.production.min.js')), js)],
    ['graphiql.min.js', asset(withoutSourceMap(read('graphiql', 'graphiql.min.js')), js)],
    ['graphiql.min.css', asset(read('graphiql', 'graphiql.min.css'), css)],
    ['sessiongraph-graphiql.js', asset(PAGE_SCRIPT, js)],
    ['sessiongraph-graphiql.css', asset(PAGE_STYLE, css)],
  ]);
  return cachedAssets;
}

/** Same-origin only. GraphiQL and its editor set inline styles; its fonts are data: URLs. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON inside a <script> element: `<` escaped so no `</script>` or `<!--` can occur. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function renderPage(options: OfflineGraphiQLOptions, assets: Map<string, Asset>): string {
  const href = (file: string) => `${GRAPHIQL_ASSET_PREFIX}${file}?v=${assets.get(file)?.hash ?? ''}`;
  const config = {
    endpoint: options.endpoint,
    title: options.title,
    tabs: options.examples.map((e) => ({ query: e.query })),
    authRequired: options.authRequired,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${href('graphiql.min.css')}">
<link rel="stylesheet" href="${href('sessiongraph-graphiql.css')}">
</head>
<body>
<div id="sessiongraph-graphiql">Loading ${escapeHtml(options.title)}…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
<script id="sessiongraph-graphiql-config" type="application/json">${scriptJson(config)}</script>
<script src="${href('react.production.min.js')}"></script>
<script src="${href('react-dom.production.min.js')}"></script>
<script src="${href('graphiql.min.js')}"></script>
<script src="${href('sessiongraph-graphiql.js')}"></script>
</body>
</html>
`;
}

/**
 * Serves GraphiQL at `options.endpoint` (to browsers: GET with Accept text/html) and its assets
 * under /graphiql/. Everything else passes through to Yoga untouched.
 */
export function useOfflineGraphiQL(options: OfflineGraphiQLOptions): Plugin {
  const assets = loadAssets(); // fail at startup, not on first page view, if a package is missing
  const page = renderPage(options, assets);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) {
        const file = assets.get(url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length));
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          endResponse(new fetchAPI.Response('Method Not Allowed\n', { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } }));
          return;
        }
        if (!file) {
          endResponse(new fetchAPI.Response('Not Found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
          return;
        }
        const etag = `"${file.hash}"`;
        const headers: Record<string, string> = {
          'content-type': file.contentType,
          etag,
          // A link with the current hash never changes; a bare URL is revalidated each time.
          'cache-control': url.searchParams.get('v') === file.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
          'x-content-type-options': 'nosniff',
        };
        if (request.headers.get('if-none-match')?.split(/\s*,\s*/).includes(etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        headers['content-length'] = String(Buffer.byteLength(file.body));
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers }));
        return;
      }
      if (wantsGraphiQL(request) && isEndpointRequest(request, url, options.endpoint)) {
        endResponse(
          new fetchAPI.Response(page, {
            status: 200,
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'cache-control': 'no-cache',
              'content-security-policy': CONTENT_SECURITY_POLICY,
              'x-content-type-options': 'nosniff',
              'referrer-policy': 'no-referrer',
              // The same URL answers JSON to GraphQL clients: caches must keep them apart.
              vary: 'Accept',
            },
          }),
        );
      }
    },
  };
}

const PAGE_STYLE = `html, body { height: 100%; margin: 0; }
#sessiongraph-graphiql { height: 100vh; display: flex; flex-direction: column; }
#sessiongraph-graphiql > .graphiql-container { flex: 1; min-height: 0; }
.sessiongraph-auth {
  display: flex; align-items: center; gap: 8px; padding: 8px 16px; flex-wrap: wrap;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 14px;
  border-bottom: 1px solid hsla(219, 15%, 36%, 0.15); background: hsl(219, 28%, 97%); color: hsl(219, 28%, 22%);
}
.sessiongraph-auth label { font-weight: 600; }
.sessiongraph-auth input { width: 28em; max-width: 60vw; padding: 4px 8px; font: inherit; font-family: ui-monospace, monospace; }
.sessiongraph-auth button { padding: 4px 10px; font: inherit; cursor: pointer; }
.sessiongraph-auth .sessiongraph-auth-status { opacity: 0.75; }
`;

/**
 * The page script (plain ES2019 in the browser, no build step). Reads the JSON config, renders
 * GraphiQL with a fetcher that adds the stored API key, and the key field when auth is required.
 * A new key (Enter, "Use key", leaving the field) makes a new fetcher, so GraphiQL reloads the
 * schema with it; every request reads the key as typed, so a query run straight away uses it too.
 */
const PAGE_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sessiongraph-graphiql-config').textContent);
  var KEY_ITEM = 'sessiongraph:apiKey';
  var h = React.createElement;

  function storedKey() {
    try { return window.localStorage.getItem(KEY_ITEM) || ''; } catch (e) { return ''; }
  }
  function storeKey(key) {
    try {
      if (key) window.localStorage.setItem(KEY_ITEM, key); else window.localStorage.removeItem(KEY_ITEM);
    } catch (e) { /* storage disabled: the key lives as long as the page */ }
  }

  var currentKey = storedKey().trim();
  var url = new URL(config.endpoint, window.location.href).href;

  // GraphiQL 3 keeps the operation name of the tab it opened on when another of its default tabs
  // is run; a name the document does not define would fail the request, so it is dropped (the
  // server then runs the document's one operation).
  function withOwnOperation(body) {
    if (typeof body !== 'string') return body;
    try {
      var request = JSON.parse(body);
      var name = request.operationName;
      if (!name || typeof request.query !== 'string') return body;
      if (new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(request.query)) return body;
      delete request.operationName;
      return JSON.stringify(request);
    } catch (e) {
      return body;
    }
  }

  function makeFetcher() {
    return GraphiQL.createFetcher({
      url: url,
      fetch: function (input, init) {
        var headers = new Headers((init && init.headers) || {});
        if (currentKey) headers.set('Authorization', 'Bearer ' + currentKey);
        return window.fetch(input, Object.assign({}, init, { headers: headers, credentials: 'omit', body: withOwnOperation(init && init.body) }));
      },
    });
  }

  function ApiKeyBar(props) {
    return h('form', {
      className: 'sessiongraph-auth',
      onSubmit: function (event) { event.preventDefault(); props.onApply(); },
    },
      h('label', { htmlFor: 'sessiongraph-api-key' }, 'API key'),
      h('input', {
        id: 'sessiongraph-api-key',
        name: 'api-key',
        type: 'password',
        autoComplete: 'off',
        spellCheck: false,
        placeholder: 'Paste your API key',
        value: props.value,
        onChange: function (event) { props.onChange(event.target.value); },
        onBlur: function () { props.onApply(); },
      }),
      h('button', { type: 'submit' }, 'Use key'),
      props.value
        ? h('button', { type: 'button', onClick: function () { props.onChange(''); props.onApply(''); } }, 'Forget key')
        : null,
      h('span', { className: 'sessiongraph-auth-status', role: 'status' },
        props.applied ? 'Queries are sent with this key (kept in this browser).' : 'Queries need an API key.')
    );
  }

  function App() {
    var keyState = React.useState(currentKey);
    var key = keyState[0], setKey = keyState[1];
    var appliedState = React.useState(currentKey);
    var applied = appliedState[0], setApplied = appliedState[1];
    var fetcher = React.useMemo(makeFetcher, [applied]);

    function change(value) {
      setKey(value);
      currentKey = value.trim();
      storeKey(currentKey);
    }
    function apply(value) {
      setApplied(typeof value === 'string' ? value : currentKey);
    }

    return h(React.Fragment, null,
      config.authRequired ? h(ApiKeyBar, { value: key, applied: applied, onChange: change, onApply: apply }) : null,
      h(GraphiQL, {
        fetcher: fetcher,
        defaultTabs: config.tabs,
        defaultEditorToolsVisibility: false,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
      }, h(GraphiQL.Logo, null, config.title))
    );
  }

  var root = document.getElementById('sessiongraph-graphiql');
  root.textContent = '';
  ReactDOM.createRoot(root).render(h(App));
})();
`;
