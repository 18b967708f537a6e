/**
 * Reads on worker threads. better-sqlite3 is synchronous: on the main thread one heavy aggregate
 * would stall every other request. Queries go to a pool of workers, each with its own read-only
 * connection; mutations and ingest stay on the main thread's single writer connection.
 *
 * Two lanes keep a dashboard's aggregates from holding up everyone's short reads: a query is
 * heavy when it asks for an aggregate root field (stats, funnel) or has been slow before. Heavy
 * queries run one at a time per worker and on at most `size - 1` workers, so at least one worker
 * is always free for light queries; light ones go first whenever a worker frees up. Only when no
 * light query has come for a second may heavy ones borrow the reserved worker (the first light
 * query after such a pause may wait for one heavy query).
 */
import { Worker } from 'node:worker_threads';
import { getOperationAST, GraphQLError, Kind, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, SqlStats } from '../graphql/context.js';
import { isAggregate } from '../graphql/limits.js';
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

export type Lane = 'light' | 'heavy';

interface Queued {
  job: ReadJob;
  lane: Lane;
  started: number;
  resolve: (reply: ReadReply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Queued>;
  /** Slots below the heavy limit may run heavy queries; the rest only ever run light ones. */
  heavyAllowed: boolean;
}

/** Light queries in flight per worker: the next is already queued there while one runs. */
const LIGHT_PER_WORKER = 2;
/** A query whose runs have averaged this long is treated as heavy from then on. */
const SLOW_MS = 50;
/** After this long without a light query, heavy ones may use every worker. */
const LIGHT_IDLE_MS = 1000;
const REMEMBERED_QUERIES = 1000;
const REMEMBERED_MAX_TEXT = 16 * 1024;

export interface ReadPoolOptions {
  federation?: boolean;
  /** SQLite page cache per worker connection, in MiB. */
  cacheMiB?: number;
}

export class ReadPool {
  private readonly slots: Slot[];
  private readonly queues: Record<Lane, Queued[]> = { light: [], heavy: [] };
  /** Average run time by query text (exponentially weighted), to spot slow queries. */
  private readonly runMs = new Map<string, number>();
  private nextId = 1;
  private lastLight = -Infinity;

  constructor(dbPath: string, size: number, options: ReadPoolOptions = {}) {
    // From TypeScript sources (npm start, tests) the worker starts through an entry that loads tsx.
    const url = new URL(import.meta.url.endsWith('.ts') ? './read-worker-entry.mjs' : './read-worker.js', import.meta.url);
    const heavySlots = Math.max(1, size - 1);
    this.slots = Array.from({ length: size }, (_, i) => {
      const workerData = { dbPath, federation: options.federation ?? false, cacheMiB: options.cacheMiB };
      const slot: Slot = { worker: new Worker(url, { workerData }), running: new Map(), heavyAllowed: i < heavySlots };
      slot.worker.on('message', (reply: ReadReply) => this.finish(slot, reply));
      slot.worker.on('error', (error) => this.failAll(slot, error));
      slot.worker.unref();
      return slot;
    });
  }

  /** Heavy when the operation asks for an aggregate, or this query has run slowly before. */
  laneOf(query: string, aggregate: boolean): Lane {
    return aggregate || (this.runMs.get(query) ?? 0) >= SLOW_MS ? 'heavy' : 'light';
  }

  run(job: Omit<ReadJob, 'id'>, lane: Lane = 'light'): Promise<ReadReply> {
    const id = this.nextId++;
    if (lane === 'light') this.lastLight = performance.now();
    return new Promise((resolve, reject) => {
      this.queues[lane].push({ job: { ...job, id }, lane, started: 0, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    // Heavy first onto free heavy-capable workers, so a stream of light queries cannot starve them.
    // Without light traffic for a while, heavy queries may borrow the reserved workers too.
    const borrow = performance.now() - this.lastLight > LIGHT_IDLE_MS;
    for (const slot of this.slots) {
      if (!this.queues.heavy.length) break;
      if ((slot.heavyAllowed || borrow) && slot.running.size === 0) this.start(slot, this.queues.heavy.shift()!);
    }
    while (this.queues.light.length) {
      const slot = this.lightSlot();
      if (!slot) break;
      this.start(slot, this.queues.light.shift()!);
    }
  }

  /** The least loaded worker that may take a light query (a heavy-capable one only when no heavy query waits for it). */
  private lightSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.running.size >= LIGHT_PER_WORKER || [...slot.running.values()].some((q) => q.lane === 'heavy')) continue;
      if (slot.heavyAllowed && this.queues.heavy.length) continue;
      if (!best || slot.running.size < best.running.size) best = slot;
    }
    return best;
  }

  private start(slot: Slot, queued: Queued): void {
    queued.started = performance.now();
    slot.running.set(queued.job.id, queued);
    slot.worker.postMessage(queued.job);
  }

  private finish(slot: Slot, reply: ReadReply): void {
    const queued = slot.running.get(reply.id);
    if (!queued) return;
    slot.running.delete(reply.id);
    this.remember(queued.job.query, reply.stats.ms);
    queued.resolve(reply);
    this.dispatch();
  }

  private remember(query: string, ms: number): void {
    if (query.length > REMEMBERED_MAX_TEXT) return;
    const before = this.runMs.get(query);
    this.runMs.delete(query);
    if (this.runMs.size >= REMEMBERED_QUERIES) this.runMs.delete(this.runMs.keys().next().value!);
    this.runMs.set(query, before === undefined ? ms : before * 0.7 + ms * 0.3);
  }

  private failAll(slot: Slot, error: Error): void {
    for (const queued of slot.running.values()) queued.reject(error);
    slot.running.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Whether the operation selects an aggregate root field (stats, funnel). */
function selectsAggregate(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  const fields = schema.getQueryType()?.getFields() ?? {};
  const visit = (selections: readonly import('graphql').SelectionNode[]): boolean =>
    selections.some((s) => {
      if (s.kind === Kind.FIELD) return isAggregate(fields[s.name.value]);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet.selections);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
      return fragment?.kind === Kind.FRAGMENT_DEFINITION ? visit(fragment.selectionSet.selections) : false;
    });
  return operation ? visit(operation.selectionSet.selections) : false;
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
      const lane = pool.laneOf(query, selectsAggregate(args.schema, args.document, args.operationName));
      setExecuteFn(async (execArgs) => {
        const reply = await pool.run(
          {
            query,
            variables: (execArgs.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: execArgs.operationName ?? null,
            caller: { project: ctx.project, viewer: ctx.viewer, readOnly: ctx.readOnly },
            batch: ctx.batch,
            requestId: ctx.request ? requestIdOf(ctx.request) : 'unknown',
          },
          lane,
        );
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
