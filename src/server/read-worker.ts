/**
 * A read worker: its own read-only connection (WAL lets it read while the main thread writes) and
 * its own copy of the schema. It executes GraphQL queries sent by the pool, so a heavy aggregate
 * occupies one worker instead of stalling every request on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { openStore } from '../db/open.js';
import { createContext, type Context } from '../graphql/context.js';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { schema as plainSchema, subgraphSchema } from '../graphql/schema.js';
import { maskUnexpected } from './errors.js';
import type { ReadJob, ReadReply } from './read-pool.js';

const { dbPath, federation, cacheMiB } = workerData as { dbPath: string; federation: boolean; cacheMiB?: number };
const store = openStore(dbPath, { readonly: true, cacheMiB });
// The same schema as the main thread serves: the subgraph one answers _service and _entities.
const schema = federation ? subgraphSchema() : plainSchema;

/** Compiled queries kept, by text (least recently used dropped first); longer texts are compiled each time. */
const COMPILED_CACHE_SIZE = 200;
const COMPILED_CACHE_MAX_TEXT = 16 * 1024;
const compiled = new LRUCache<string, CompiledQuery>({ max: COMPILED_CACHE_SIZE });

/**
 * graphql-jit turns a query into a JavaScript function once; executing it skips graphql-js'
 * per-field interpretation (bench q1, 100 sessions × 10 actions: about a third less time). The
 * main thread has already parsed and validated the document.
 */
function compile(job: ReadJob): CompiledQuery | ExecutionResult {
  const key = `${job.operationName ?? ''}\n${job.query}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = compileQuery(schema, parse(job.query), job.operationName ?? undefined);
  if (!isCompiledQuery(result)) return result;
  if (job.query.length <= COMPILED_CACHE_MAX_TEXT) compiled.set(key, result);
  return result;
}

async function run(job: ReadJob, ctx: Context): Promise<ExecutionResult> {
  const query = compile(job);
  if (!isCompiledQuery(query)) return query;
  return query.query(undefined, ctx, job.variables ?? {});
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
