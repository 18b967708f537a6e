/**
 * A read worker: its own read-only connection (WAL lets it read while the main thread writes) and
 * its own copy of the schema. It executes GraphQL queries sent by the pool, so a heavy aggregate
 * occupies one worker instead of stalling every request on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { execute, getOperationAST, GraphQLError, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { openStore } from '../db/open.js';
import { createContext, type Context } from '../graphql/context.js';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { schema as plainSchema, subgraphSchema } from '../graphql/schema.js';
import { maskUnexpected } from './errors.js';
import { hasSelfReferencingVariable } from './jit-safety.js';
import type { ReadJob, ReadReply } from './read-pool.js';

const { dbPath, federation, cacheMiB } = workerData as { dbPath: string; federation: boolean; cacheMiB?: number };
const store = openStore(dbPath, { readonly: true, cacheMiB });
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
 * main thread has already parsed and validated the document. An operation whose variables have a
 * self-referencing input type (every filter, through and/or/not) runs on graphql-js instead:
 * graphql-jit inlines variable coercion without end for such types (see jit-safety.ts).
 */
function prepare(job: ReadJob): Prepared | ExecutionResult {
  const key = `${job.operationName ?? ''}\n${job.query}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const document = parse(job.query);
  const operationName = job.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  let result: Prepared;
  if (operation && hasSelfReferencingVariable(schema, operation)) {
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

parentPort!.on('message', async (job: ReadJob) => {
  const ctx = createContext(store, job.caller, { batch: job.batch });
  ctx.sql.deadline = Date.now() + QUERY_LIMITS.timeoutMs;
  let reply: ReadReply;
  try {
    const result = await run(job, ctx);
    const errors = result.errors ? maskUnexpected(result.errors, job.requestId) : undefined;
    // Without errors the data goes back as JSON text (see json-result.ts): made here, written as is.
    reply = errors
      ? { id: job.id, data: result.data, errors: errors.map((e) => e.toJSON()), stats: ctx.sql.stats }
      : { id: job.id, json: JSON.stringify(result.data ?? null), stats: ctx.sql.stats };
  } catch (error) {
    const [masked] = maskUnexpected([new GraphQLError('read worker failed', { originalError: error as Error })], job.requestId);
    reply = { id: job.id, data: null, errors: [masked!.toJSON()], stats: ctx.sql.stats };
  }
  parentPort!.postMessage(reply);
});
