/**
 * The HTTP server: graphql-yoga at /graphql (POST, GET, GraphiQL), /health, and the ingest
 * routes, composed as Yoga plugins.
 */
import { createServer, type Server } from 'node:http';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Store } from '../db/open.js';
import { createContext, type Context } from '../graphql/context.js';
import { schema, subgraphSchema } from '../graphql/schema.js';
import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { callerOf, useApiKeys, type AuthMode } from './auth.js';
import { maskError, useRequestId } from './errors.js';
import { useOfflineGraphiQL } from './graphiql.js';
import { useIngestRoutes } from './ingest.js';
import { withExtensions } from './json-result.js';
import { useQueryLimits } from './limits.js';
import { ReadPool, useReadPool } from './read-pool.js';

export interface AppOptions {
  store: Store;
  /** Add `extensions.sql = {statements, ms}` to every GraphQL response. */
  debugSql?: boolean;
  maxIngestBytes?: number;
  /** Serve the Apollo Federation v2 subgraph schema (`_service`, `_entities`) with inline traces. */
  federation?: boolean;
  /** `required`: every request needs an API key and sees only its project. Default `off`. */
  auth?: AuthMode;
  /** false: every nested loader runs one statement per parent (the benchmark's naive variant). */
  batch?: boolean;
  /** Run queries on this many worker threads with read-only connections (0: on the main thread). */
  readWorkers?: number;
}

const DEFAULT_MAX_INGEST_BYTES = 32 * 1024 * 1024;
/**
 * Page cache per read worker. The OS caches the file for all of them anyway; SQLite's own cache
 * saves copying hot index pages, and a few workers with 64 MiB each would crowd out the rest.
 */
const WORKER_CACHE_MIB = 32;

function useHealth(store: Store): Plugin {
  return {
    onRequest({ url, endResponse }) {
      if (url.pathname !== '/health') return;
      const ok = store.sqlite.open;
      endResponse(
        new Response(JSON.stringify(ok ? { status: 'ok' } : { status: 'unavailable' }), {
          status: ok ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

/** Reports how many SQL statements the request ran, and how long they took. */
function useSqlStats(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (!result || Symbol.asyncIterator in result) return;
          const { statements, ms } = (args.contextValue as Context).sql.stats;
          setResult(withExtensions(result, { sql: { statements, ms: Math.round(ms * 1000) / 1000 } }));
        },
      };
    },
  };
}

export function createApp(options: AppOptions, pool?: ReadPool) {
  const { store } = options;
  return createYoga<object, Context>({
    schema: options.federation ? subgraphSchema() : schema,
    graphqlEndpoint: '/graphql',
    // Yoga's own liveness probe moves aside: /health answers only once the database is open.
    healthCheckEndpoint: '/health/live',
    landingPage: false,
    // Yoga's own GraphiQL loads from a CDN; ours is served from this server (works offline).
    graphiql: false,
    context: ({ request }) => {
      const caller = callerOf(request);
      const batch = { batch: options.batch ?? true };
      if (caller) return createContext(store, caller, batch);
      // Without keys (auth off, the loopback demo) a client may name itself as the viewer.
      return createContext(store, { viewer: request.headers.get('x-sessiongraph-viewer')?.trim() || null }, batch);
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    // No file uploads here: a multipart body is refused rather than parsed.
    multipart: false,
    plugins: [
      useRequestId(),
      useHealth(store),
      useApiKeys({ store, mode: options.auth ?? 'off' }),
      useOfflineGraphiQL({ endpoint: '/graphql', title: 'sessiongraph', defaultQuery: EXAMPLE_QUERY, authRequired: options.auth === 'required' }),
      useIngestRoutes({
        store,
        maxBodyBytes: options.maxIngestBytes ?? DEFAULT_MAX_INGEST_BYTES,
        callerOf,
      }),
      ...useQueryLimits(),
      ...(pool ? [useReadPool(pool)] : []),
      ...(options.debugSql ? [useSqlStats()] : []),
      // Apollo Router / Gateway ask for `ftv1` traces with the apollo-federated-include-trace header.
      // (This plugin version listens to a misspelt header by default, hence ignoreRequest.)
      ...(options.federation
        ? [useApolloInlineTrace({ ignoreRequest: (request) => request.headers.get('apollo-federated-include-trace') !== 'ftv1' })]
        : []),
    ],
  });
}

export function createHttpServer(options: AppOptions): Server {
  const workers = options.store.path === ':memory:' ? 0 : (options.readWorkers ?? 0);
  const pool = workers > 0 ? new ReadPool(options.store.path, workers, { federation: options.federation, cacheMiB: WORKER_CACHE_MIB }) : undefined;
  const app = createApp(options, pool);
  const server = createServer((req, res) => {
    // The adapter builds a URL from the Host header; a malformed one must be a 400, not a crash.
    if (!URL.canParse(`http://${req.headers.host ?? 'localhost'}/`)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Invalid Host header' }] }));
      return;
    }
    void app(req, res);
  });
  server.on('close', () => void pool?.close());
  return server;
}

const EXAMPLE_QUERY = `# Recent sessions with errors, and who had them
{
  userSessions(first: 10, filter: { hasError: { eq: true } }) {
    totalCount
    nodes {
      id
      startTime
      country
      browserFamily
      duration
      totalErrorCount
      person { name distinctIds }
      userActions(first: 3) { name type duration apdexCategory }
    }
  }
}
`;
