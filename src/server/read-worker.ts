/**
 * A read worker: its own read-only connection (WAL lets it read while the main thread writes) and
 * its own copy of the schema. It executes GraphQL queries sent by the pool, so a heavy aggregate
 * occupies one worker instead of stalling every request on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { execute, GraphQLError, parse } from 'graphql';
import { openStore } from '../db/open.js';
import { createContext } from '../graphql/context.js';
import { QUERY_LIMITS } from '../graphql/limits.js';
import { schema as plainSchema, subgraphSchema } from '../graphql/schema.js';
import { maskUnexpected } from './errors.js';
import type { ReadJob, ReadReply } from './read-pool.js';

const { dbPath, federation } = workerData as { dbPath: string; federation: boolean };
const store = openStore(dbPath, { readonly: true });
// The same schema as the main thread serves: the subgraph one answers _service and _entities.
const schema = federation ? subgraphSchema() : plainSchema;

parentPort!.on('message', async (job: ReadJob) => {
  const ctx = createContext(store, job.caller, { batch: job.batch });
  ctx.sql.deadline = Date.now() + QUERY_LIMITS.timeoutMs;
  let reply: ReadReply;
  try {
    const result = await execute({
      schema,
      document: parse(job.query),
      variableValues: job.variables,
      operationName: job.operationName,
      contextValue: ctx,
    });
    const errors = result.errors ? maskUnexpected(result.errors, job.requestId) : undefined;
    reply = { id: job.id, data: result.data, errors: errors?.map((e) => e.toJSON()), stats: ctx.sql.stats };
  } catch (error) {
    const [masked] = maskUnexpected([new GraphQLError('read worker failed', { originalError: error as Error })], job.requestId);
    reply = { id: job.id, data: null, errors: [masked!.toJSON()], stats: ctx.sql.stats };
  }
  parentPort!.postMessage(reply);
});
