/**
 * Reads on worker threads. better-sqlite3 is synchronous: on the main thread one heavy aggregate
 * would stall every other request. Queries go to a pool of workers, each with its own read-only
 * connection; mutations and ingest stay on the main thread's single writer connection.
 */
import { Worker } from 'node:worker_threads';
import { getOperationAST, GraphQLError, OperationTypeNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, SqlStats } from '../graphql/context.js';
import { requestIdOf } from './errors.js';

export interface ReadJob {
  id: number;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string | null;
  caller: { project: string; viewer: string | null; readOnly: boolean };
  batch: boolean;
  requestId: string;
}

export interface ReadReply {
  id: number;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  stats: SqlStats;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class ReadPool {
  private readonly slots: Slot[];
  private readonly pending = new Map<number, { resolve: (reply: ReadReply) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 1;

  constructor(dbPath: string, size: number, options: { federation?: boolean } = {}) {
    // From TypeScript sources (npm start, tests) the worker starts through an entry that loads tsx.
    const url = new URL(import.meta.url.endsWith('.ts') ? './read-worker-entry.mjs' : './read-worker.js', import.meta.url);
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot = { worker: new Worker(url, { workerData: { dbPath, federation: options.federation ?? false } }), busy: 0 };
      slot.worker.on('message', (reply: ReadReply) => {
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        slot.busy--;
        job.resolve(reply);
      });
      slot.worker.on('error', (error) => this.failAll(slot, error));
      slot.worker.unref();
      return slot;
    });
  }

  private failAll(slot: Slot, error: Error): void {
    for (const [id, job] of this.pending) {
      if (job.slot !== slot) continue;
      this.pending.delete(id);
      job.reject(error);
    }
  }

  /** Sends the query to the least busy worker. */
  run(job: Omit<ReadJob, 'id'>): Promise<ReadReply> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ ...job, id } satisfies ReadJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Executes queries on the pool; mutations (and traced federation requests) run on the main thread. */
export function useReadPool(pool: ReadPool): Plugin<Context> {
  return {
    onExecute({ args, setExecuteFn }) {
      const ctx = args.contextValue as Context & { params?: { query?: string }; request?: Request };
      const operation = getOperationAST(args.document, args.operationName);
      const query = ctx.params?.query;
      // ftv1 traces time resolvers in this thread, so a traced request stays here.
      const traced = ctx.request?.headers.get('apollo-federated-include-trace') === 'ftv1';
      if (!query || operation?.operation !== OperationTypeNode.QUERY || traced) return;
      setExecuteFn(async (execArgs) => {
        const reply = await pool.run({
          query,
          variables: (execArgs.variableValues ?? undefined) as Record<string, unknown> | undefined,
          operationName: execArgs.operationName ?? null,
          caller: { project: ctx.project, viewer: ctx.viewer, readOnly: ctx.readOnly },
          batch: ctx.batch,
          requestId: ctx.request ? requestIdOf(ctx.request) : 'unknown',
        });
        ctx.sql.stats.statements += reply.stats.statements;
        ctx.sql.stats.ms += reply.stats.ms;
        const result: ExecutionResult = { data: reply.data ?? null };
        if (reply.errors?.length) {
          result.errors = reply.errors.map(
            (e) => new GraphQLError(e.message, { path: e.path as (string | number)[] | undefined, extensions: e.extensions }),
          );
        }
        return result;
      });
    },
  };
}
