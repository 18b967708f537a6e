/**
 * A worker of the pool: its own read-only connection (WAL lets it read while another connection
 * writes) and its own copy of the schema. It executes the GraphQL operations sent by the pool, so
 * a heavy aggregate occupies one worker instead of stalling every request on the main thread.
 * Mutations run here too, on a read-write connection opened when the first one comes (SQLite's
 * lock orders writers across threads), and so do requests asking for an Apollo trace (ftv1):
 * their payloads and traced resolvers are as heavy as any query.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { execute, getOperationAST, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useInlineTrace } from './inline-trace.js';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { openStore, type Store } from '../db/open.js';
import { createContext, type Context } from '../graphql/context.js';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { schema as plainSchema, subgraphSchema } from '../graphql/schema.js';
import { maskError, maskUnexpected, withRequestId } from './errors.js';
import { jitCannotCoerce } from './jit-safety.js';
import type { IngestJob, IngestReply, ReadJob, ReadReply } from './read-pool.js';
import { IngestFailure } from '../ingest/failure.js';
import { ingest } from '../ingest/pipeline.js';
import { readRecords } from '../ingest/read.js';

const { dbPath, federation, cacheMiB } = workerData as { dbPath: string; federation: boolean; cacheMiB?: number };
const store = openStore(dbPath, { readonly: true, cacheMiB });
let writer: Store | undefined;
/** The connection a job runs on: mutations and ingest write (read-write connection, opened when first needed). */
const storeFor = (job: ReadJob | IngestJob): Store => (job.kind === 'query' ? store : (writer ??= openStore(dbPath, { cacheMiB })));
// The same schema as the main thread serves: the subgraph one answers _service and _entities.
const schema = federation ? subgraphSchema() : plainSchema;
// The pool sends queries only once this worker has its connection.
parentPort!.postMessage({ ready: true });

/** Prepared operations kept, by text (least recently used dropped first); longer texts are prepared each time. */
const COMPILED_CACHE_SIZE = 200;
const COMPILED_CACHE_MAX_TEXT = 16 * 1024;

/** An operation ready to run: compiled by graphql-jit, or left to graphql-js (see prepare). */
type Prepared = { jit: CompiledQuery } | { document: DocumentNode; operationName?: string };
const prepared = new LRUCache<string, Prepared>({ max: COMPILED_CACHE_SIZE });

/**
 * graphql-jit turns a query into a JavaScript function once; executing it skips graphql-js'
 * per-field interpretation (bench q1, 100 sessions × 10 actions: about a third less time). The
 * main thread has already parsed and validated the document. An operation with a variable of an
 * input object type (a filter, an ordering) runs on graphql-js instead: graphql-jit coerces such
 * variables wrongly or without end (see jit-safety.ts).
 */
function prepare(job: ReadJob): Prepared | ExecutionResult {
  const key = `${job.operationName ?? ''}\n${job.query}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const document = parse(job.query);
  const operationName = job.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  let result: Prepared;
  if (operation && jitCannotCoerce(schema, operation)) {
    result = { document, operationName };
  } else {
    const jit = compileQuery(schema, document, operationName);
    if (!isCompiledQuery(jit)) return jit;
    result = { jit };
  }
  if (job.query.length <= COMPILED_CACHE_MAX_TEXT) prepared.set(key, result);
  return result;
}

async function run(job: ReadJob, ctx: Context): Promise<ExecutionResult> {
  const ready = prepare(job);
  if ('jit' in ready) return ready.jit.query(undefined, ctx, job.variables ?? {});
  if ('document' in ready) {
    return execute({ schema, document: ready.document, contextValue: ctx, variableValues: job.variables, operationName: ready.operationName });
  }
  return ready;
}

/**
 * Runs a job the way yoga runs a traced request on the main thread: through a yoga of this worker
 * with Apollo's inline-trace plugin, which times each resolver and adds `extensions.ftv1`.
 */
let tracer: YogaServerInstance<{ job: Context }, Context> | undefined;
async function traced(job: ReadJob, ctx: Context): Promise<{ data?: unknown; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> }> {
  tracer ??= createYoga<{ job: Context }, Context>({
    schema,
    landingPage: false,
    graphiql: false,
    context: ({ job: jobContext }) => jobContext,
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    plugins: [useInlineTrace({ ignoreRequest: () => false })],
  });
  const response = await withRequestId(job.requestId, () =>
    tracer!.fetch(
      'http://worker/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: job.query, variables: job.variables, operationName: job.operationName }),
      },
      { job: ctx },
    ),
  );
  return (await response.json()) as Awaited<ReturnType<typeof traced>>;
}

async function answer(job: ReadJob, ctx: Context): Promise<ReadReply> {
  if (job.traced) {
    const result = await traced(job, ctx);
    return { id: job.id, data: (result.data ?? null) as Record<string, unknown> | null, errors: result.errors, extensions: result.extensions, stats: ctx.sql.stats };
  }
  const result = await run(job, ctx);
  const errors = result.errors ? maskUnexpected(result.errors, job.requestId) : undefined;
  // Without errors the data goes back as JSON text (see json-result.ts): made here, written as is.
  return errors
    ? { id: job.id, data: result.data, errors: errors.map((e) => e.toJSON()), stats: ctx.sql.stats }
    : { id: job.id, json: JSON.stringify(result.data ?? null), stats: ctx.sql.stats };
}

/** An HTTP ingest body, through the same pipeline as on the main thread; its failure goes back as plain data. */
async function ingestBody(job: IngestJob): Promise<IngestReply> {
  const started = performance.now();
  const stats = () => ({ statements: 0, ms: performance.now() - started });
  try {
    const summary = await ingest(storeFor(job), readRecords([job.body]), { project: job.caller.project, accept: job.accept, commitOnYield: true });
    return { id: job.id, summary: { accepted: summary.accepted, rejected: summary.rejected, errors: summary.errors, warnings: summary.warnings }, stats: stats() };
  } catch (e) {
    const failure = e instanceof IngestFailure ? e : new IngestFailure('INTERNAL', 'an unexpected error stopped the ingest', { accepted: 0, rejected: 0 }, undefined, { cause: e });
    // The cause stays in this process's log; the client gets the code and one line.
    console.error(`ingest failed (${failure.code})${failure.line ? ` at line ${failure.line}` : ''}:`, failure.cause ?? failure);
    return { id: job.id, failure: { code: failure.code, message: failure.message, committed: failure.committed, line: failure.line }, stats: stats() };
  }
}

parentPort!.on('message', async (job: ReadJob | IngestJob) => {
  if (job.kind === 'ingest') {
    parentPort!.postMessage(await ingestBody(job));
    return;
  }
  // The request's moment was taken on the main thread: one `now` for the whole request, wherever it runs.
  const ctx = createContext(storeFor(job), job.caller, { batch: job.batch, now: job.now, retention: job.retention });
  ctx.sql.deadline = Date.now() + QUERY_LIMITS.timeoutMs;
  let reply: ReadReply;
  try {
    reply = await answer(job, ctx);
  } catch (error) {
    const [masked] = maskUnexpected([new GraphQLError('worker failed', { originalError: error as Error })], job.requestId);
    reply = { id: job.id, data: null, errors: [masked!.toJSON()], stats: ctx.sql.stats };
  }
  parentPort!.postMessage(reply);
});
