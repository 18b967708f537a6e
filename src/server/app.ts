/**
 * The HTTP server: graphql-yoga at /graphql (POST, GET, GraphiQL), /health, and the ingest
 * routes, composed as Yoga plugins.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { execute, getOperationAST, OperationTypeNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContext, type AnyStore, type Context, type Retention } from '../graphql/context.js';
import { schema, subgraphSchema } from '../graphql/schema.js';
import { useInlineTrace } from './inline-trace.js';
import { callerOf, useApiKeys, type AuthMode } from './auth.js';
import { maskError, useRequestId } from './errors.js';
import { GRAPHIQL_ASSET_PREFIX, useOfflineGraphiQL } from './graphiql.js';
import { GRAPHIQL_EXAMPLES } from './examples.js';
import { ROUTES as INGEST_ROUTES, useIngestRoutes } from './ingest.js';
import { routeOf, useRoutes } from './routes.js';
import { withExtensions } from './json-result.js';
import { useQueryLimits } from './limits.js';
import { coerceVariables, ReadPool, useReadPool, type ReadPoolOptions } from './read-pool.js';
import { PgLanes, type PgLaneOptions } from './pg-lanes.js';

export interface AppOptions {
  /** The SQLite file (read by worker threads) or a PostgreSQL database (read on the main thread: the database does the work). */
  store: AnyStore;
  /** Add `extensions.sql = {statements, ms}` to every GraphQL response. */
  debugSql?: boolean;
  maxIngestBytes?: number;
  /** Serve the Apollo Federation v2 subgraph schema (`_service`, `_entities`) with inline traces. */
  federation?: boolean;
  /** `required`: every request needs an API key and sees only its project. Default `off`. */
  auth?: AuthMode;
  /** false: every nested loader runs one statement per parent (the benchmark's naive variant). */
  batch?: boolean;
  /** Serve recordings past their expiry (`keep`, the default) or hide them (`enforce`). */
  retention?: Retention;
  /** Read pool settings beyond the defaults (tests: a short deadline, a small worker heap). */
  pool?: Pick<ReadPoolOptions, 'deadlineMs' | 'workerHeapMiB' | 'workerUrl'>;
  /** The one path GraphQL is served at (default /graphql); every other path but ingest, health and GraphiQL's files is a 404. */
  graphqlPath?: string;
  /** Run queries on this many worker threads with read-only connections (0: on the main thread). Default: as `npm start`. */
  readWorkers?: number;
  /** PostgreSQL: heavy operations holding connections at once (`--pg-heavy`), and (tests) a shorter deadline. */
  pgLanes?: PgLaneOptions;
}

/** The one path GraphQL (and the GraphiQL page) is served at, unless `graphqlPath` says otherwise. */
export const GRAPHQL_ENDPOINT = '/graphql';
/** Two workers at least: one can run a heavy aggregate while the other answers short reads. */
export const DEFAULT_READ_WORKERS = Math.max(2, availableParallelism());
const DEFAULT_MAX_INGEST_BYTES = 32 * 1024 * 1024;
/**
 * Page cache per read worker. The OS caches the file for all of them anyway; SQLite's own cache
 * saves copying hot index pages, and a few workers with 64 MiB each would crowd out the rest.
 */
const WORKER_CACHE_MIB = 32;

/**
 * /health/live: the process answers. /health/ready (and /health, as before): the database is
 * open and, with read workers, at least one of them can take a query; 503 otherwise.
 */
function useHealth(store: AnyStore, pool?: ReadPool): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (routeOf(request) !== 'health') return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response(JSON.stringify({ error: `${url.pathname} answers GET and HEAD` }), { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'application/json' } }));
        return;
      }
      const checks = url.pathname === '/health/live' ? {} : { database: store.kind === 'sqlite' ? store.sqlite.open : !store.pool.ending, ...(pool ? { readWorkers: pool.ready } : {}) };
      const ok = Object.values(checks).every(Boolean);
      endResponse(
        new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...(ok ? {} : { checks }) }), {
          status: ok ? 200 : 503,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

/**
 * Without read workers, operations run here on graphql-js' own execute, as the workers do: yoga's
 * default executor (@graphql-tools/executor) puts fields that resolve asynchronously after the
 * others, while the spec orders a response's fields as the query does. On PostgreSQL, in two
 * lanes (`lanes`: a heavy operation waits for a permit before it takes a pooled connection).
 */
function useGraphqlJsExecute(lanes?: PgLanes): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      // Variables that do not coerce are a request error (400), as yoga's executor reports them.
      const errors = operation ? coerceVariables(args.schema, operation, args.variableValues) : undefined;
      if (errors) return setExecuteFn(() => ({ errors }));
      if (!lanes) return setExecuteFn(executeAndFinish);
      const ctx = args.contextValue as unknown as Context & { params?: { query?: string }; request?: Request };
      const lane = lanes.classifier.laneOfOperation(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | null, ctx.params?.query);
      setExecuteFn((execArgs) => lanes.execute(lane, ctx, () => executeAndFinish(execArgs)));
    },
  };
}

/**
 * graphql-js' execute, then the end of the request's use of the store: on PostgreSQL its
 * transaction commits (or rolls back after an error) and its connection returns to the pool.
 */
async function executeAndFinish(args: ExecutionArgs): Promise<ExecutionResult> {
  const sql = (args.contextValue as Context).sql;
  if (getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.MUTATION) sql.usePrimary();
  let ok = false;
  try {
    const result = await execute(args);
    ok = !result.errors?.length;
    return result;
  } finally {
    await sql.finish(ok);
  }
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

/** The lanes of a PostgreSQL store's server (none for SQLite: its read pool has its own). */
export function pgLanesFor(options: AppOptions): PgLanes | undefined {
  return options.store.kind === 'pg' ? new PgLanes(options.store.readPool.options.max, options.pgLanes) : undefined;
}

export function createApp(options: AppOptions, pool?: ReadPool, lanes: PgLanes | undefined = pool ? undefined : pgLanesFor(options)) {
  const { store } = options;
  const endpoint = options.graphqlPath ?? GRAPHQL_ENDPOINT;
  return createYoga<object, Context>({
    schema: options.federation ? subgraphSchema() : schema,
    graphqlEndpoint: endpoint,
    // Yoga always installs a probe answering any URL that ends in its path; ours (useHealth) are
    // routed on the exact path, so yoga's is parked where no request can end.
    healthCheckEndpoint: `/yoga-health-${randomUUID()}`,
    landingPage: false,
    // Yoga's own GraphiQL loads from a CDN; ours is served from this server (works offline).
    graphiql: false,
    context: ({ request }) => {
      const caller = callerOf(request);
      const batch = { batch: options.batch ?? true, retention: options.retention ?? 'keep' };
      if (caller) return createContext(store, caller, batch);
      // Without keys (auth off, the loopback demo) a client may name itself as the viewer.
      return createContext(store, { viewer: request.headers.get('x-sessiongraph-viewer')?.trim() || null }, batch);
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    // No file uploads here: a multipart body is refused rather than parsed.
    multipart: false,
    plugins: [
      useRoutes({ graphqlEndpoint: endpoint, ingestPaths: Object.keys(INGEST_ROUTES), assetPrefix: GRAPHIQL_ASSET_PREFIX }),
      useRequestId(),
      useHealth(store, pool),
      useApiKeys({ store, mode: options.auth ?? 'off' }),
      useOfflineGraphiQL({ endpoint, title: 'sessiongraph', examples: GRAPHIQL_EXAMPLES, authRequired: options.auth === 'required' }),
      useIngestRoutes({
        store,
        maxBodyBytes: options.maxIngestBytes ?? DEFAULT_MAX_INGEST_BYTES,
        callerOf,
        pool,
      }),
      ...useQueryLimits(),
      pool ? useReadPool(pool) : useGraphqlJsExecute(lanes),
      ...(options.debugSql ? [useSqlStats()] : []),
      // Apollo Router / Gateway ask for `ftv1` traces with the apollo-federated-include-trace header.
      // (This plugin version listens to a misspelt header by default, hence ignoreRequest.) With
      // read workers, the worker that runs the operation traces it (read-worker.ts).
      ...(options.federation && !pool
        ? [useInlineTrace({ ignoreRequest: (request) => request.headers.get('apollo-federated-include-trace') !== 'ftv1' })]
        : []),
    ],
  });
}

export function createHttpServer(options: AppOptions): Server {
  const { store } = options;
  const workers = store.kind === 'pg' || store.path === ':memory:' ? 0 : (options.readWorkers ?? DEFAULT_READ_WORKERS);
  const pool = workers > 0 && store.kind === 'sqlite' ? new ReadPool(store.path, workers, { federation: options.federation, cacheMiB: WORKER_CACHE_MIB, ...options.pool }) : undefined;
  const lanes = pool ? undefined : pgLanesFor(options);
  const app = createApp(options, pool, lanes);
  const server = createServer((req, res) => {
    // The adapter builds a URL from the Host header; a malformed one must be a 400, not a crash.
    if (!URL.canParse(`http://${req.headers.host ?? 'localhost'}/`)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Invalid Host header' }] }));
      return;
    }
    void app(req, res);
  });
  if (pool) pools.set(server, pool);
  if (lanes) pgLanes.set(server, lanes);
  server.on('close', () => void pool?.close());
  return server;
}

const pools = new WeakMap<Server, ReadPool>();
const pgLanes = new WeakMap<Server, PgLanes>();

/** The read worker pool behind a server made by createHttpServer (none with `readWorkers: 0`). */
export function readPoolOf(server: Server): ReadPool | undefined {
  return pools.get(server);
}

/** The PostgreSQL lanes behind a server made by createHttpServer (none on SQLite). */
export function pgLanesOf(server: Server): PgLanes | undefined {
  return pgLanes.get(server);
}
