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
import { LRUCache } from 'lru-cache';
import { getOperationAST, GraphQLError, Kind, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, SqlStats } from '../graphql/context.js';
import { isAggregate } from '../graphql/limits.js';
import { selectedFields } from '../graphql/selection.js';
import { requestIdOf } from './errors.js';
import { jsonResult } from './json-result.js';

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
  /** The data as JSON text (a reply without errors). */
  json?: string;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  stats: SqlStats;
}

export type Lane = 'light' | 'heavy';

/** Light queries in flight per worker: the next is already queued there while one runs. */
const LIGHT_PER_WORKER = 2;
/** A query whose runs have averaged this long is treated as heavy from then on. */
const SLOW_MS = 50;
/** After this long without a light query, heavy ones may use every worker. */
const LIGHT_IDLE_MS = 1000;

interface Running<J> {
  item: J;
  lane: Lane;
}

/**
 * Which queued query runs on which worker: the lane rules above, apart from the threads so they
 * can be checked step by step. Workers `0 … size-2` may run heavy queries; the last is reserved
 * for light ones (with one worker, it runs both).
 */
export class LaneScheduler<J> {
  private readonly running: Running<J>[][];
  private readonly queues: Record<Lane, J[]> = { light: [], heavy: [] };
  private lastLight = -Infinity;

  constructor(
    readonly size: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.running = Array.from({ length: size }, () => []);
  }

  private heavyAllowed(slot: number): boolean {
    return slot < Math.max(1, this.size - 1);
  }

  submit(item: J, lane: Lane): void {
    if (lane === 'light') this.lastLight = this.now();
    this.queues[lane].push(item);
  }

  /** Queries to start now, each with its worker. */
  next(): { slot: number; item: J }[] {
    const started: { slot: number; item: J }[] = [];
    const start = (slot: number, lane: Lane) => {
      const item = this.queues[lane].shift()!;
      this.running[slot]!.push({ item, lane });
      started.push({ slot, item });
    };
    // Heavy first onto free heavy-capable workers, so a stream of light queries cannot starve them.
    // Without light traffic for a while, heavy queries may borrow the reserved worker too.
    const borrow = this.now() - this.lastLight > LIGHT_IDLE_MS;
    for (let slot = 0; slot < this.size && this.queues.heavy.length; slot++) {
      if ((this.heavyAllowed(slot) || borrow) && this.running[slot]!.length === 0) start(slot, 'heavy');
    }
    for (let slot = this.lightSlot(); slot !== undefined && this.queues.light.length; slot = this.lightSlot()) start(slot, 'light');
    return started;
  }

  /** The least loaded worker that may take a light query (a heavy-capable one only when no heavy query waits for it). */
  private lightSlot(): number | undefined {
    let best: number | undefined;
    this.running.forEach((running, slot) => {
      if (running.length >= LIGHT_PER_WORKER || running.some((r) => r.lane === 'heavy')) return;
      if (this.heavyAllowed(slot) && this.queues.heavy.length) return;
      if (best === undefined || running.length < this.running[best]!.length) best = slot;
    });
    return best;
  }

  finished(slot: number, item: J): void {
    const running = this.running[slot]!;
    const i = running.findIndex((r) => r.item === item);
    if (i >= 0) running.splice(i, 1);
  }

  /** Forgets what runs on a worker (it died); answers those queries. */
  clear(slot: number): J[] {
    return this.running[slot]!.splice(0).map((r) => r.item);
  }
}

interface Pending {
  job: ReadJob;
  resolve: (reply: ReadReply) => void;
  reject: (e: Error) => void;
}

const WORKER_YOUNG_GENERATION_MB = 8;
const REMEMBERED_QUERIES = 1000;
const REMEMBERED_MAX_TEXT = 16 * 1024;

export interface ReadPoolOptions {
  federation?: boolean;
  /** SQLite page cache per worker connection, in MiB. */
  cacheMiB?: number;
}

export class ReadPool {
  private readonly workers: Worker[];
  private readonly scheduler: LaneScheduler<Pending>;
  private readonly byId = new Map<number, Pending>();
  /** Average SQL time by query text (exponentially weighted), to spot slow queries. */
  private readonly runMs = new LRUCache<string, number>({ max: REMEMBERED_QUERIES });
  private nextId = 1;

  constructor(dbPath: string, size: number, options: ReadPoolOptions = {}) {
    // From TypeScript sources (npm start, tests) the worker starts through an entry that loads tsx.
    const url = new URL(import.meta.url.endsWith('.ts') ? './read-worker-entry.mjs' : './read-worker.js', import.meta.url);
    this.scheduler = new LaneScheduler(size);
    this.workers = Array.from({ length: size }, (_, slot) => {
      const workerData = { dbPath, federation: options.federation ?? false, cacheMiB: options.cacheMiB };
      // A small young generation: a worker's garbage is per request, and every worker's nursery adds to the server's RSS.
      const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      worker.on('message', (reply: ReadReply) => this.finish(slot, reply));
      worker.on('error', (error) => {
        for (const pending of this.scheduler.clear(slot)) {
          this.byId.delete(pending.job.id);
          pending.reject(error);
        }
      });
      worker.unref();
      return worker;
    });
  }

  /** Heavy when the operation asks for an aggregate, or this query has run slowly before. */
  laneOf(query: string, aggregate: boolean): Lane {
    return aggregate || (this.runMs.peek(query) ?? 0) >= SLOW_MS ? 'heavy' : 'light';
  }

  run(job: Omit<ReadJob, 'id'>, lane: Lane = 'light'): Promise<ReadReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const pending = { job: { ...job, id }, resolve, reject };
      this.byId.set(id, pending);
      this.scheduler.submit(pending, lane);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const { slot, item } of this.scheduler.next()) this.workers[slot]!.postMessage(item.job);
  }

  private finish(slot: number, reply: ReadReply): void {
    const pending = this.byId.get(reply.id);
    if (!pending) return;
    this.byId.delete(reply.id);
    this.scheduler.finished(slot, pending);
    this.remember(pending.job.query, reply.stats.ms);
    pending.resolve(reply);
    this.dispatch();
  }

  private remember(query: string, ms: number): void {
    if (query.length > REMEMBERED_MAX_TEXT) return;
    const before = this.runMs.get(query);
    this.runMs.set(query, before === undefined ? ms : before * 0.7 + ms * 0.3);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Whether the operation selects an aggregate root field (stats, funnel). */
function selectsAggregate(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  const fields = schema.getQueryType()?.getFields() ?? {};
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  return selectedFields([operation.selectionSet], fragments).some((f) => isAggregate(fields[f.name.value]));
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
        if (reply.json !== undefined) return jsonResult(reply.json);
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
