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
 * query after such a pause may wait for one heavy query). Which lane a query goes to is decided by
 * src/server/lanes.ts, as on PostgreSQL (src/server/pg-lanes.ts).
 */
import { Worker } from 'node:worker_threads';
import { getOperationAST, getVariableValues, GraphQLError, OperationTypeNode, type OperationDefinitionNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, Retention, SqlStats } from '../graphql/context.js';
import { QUERY_LIMITS } from '../graphql/limits.js';
import type { Committed, IngestFailureCode } from '../ingest/failure.js';
import type { IngestSummary, RecordKind } from '../ingest/pipeline.js';
import { requestIdOf } from './errors.js';
import { jsonResult } from './json-result.js';
import { FairQueue, LaneClassifier, type Lane } from './lanes.js';

export { filterWeight, type Lane } from './lanes.js';

export interface ReadJob {
  id: number;
  /** Mutations run on the worker's read-write connection and are never run twice. */
  kind: 'query' | 'mutation';
  /** Answer with an Apollo inline trace (`extensions.ftv1`). */
  traced: boolean;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string | null;
  caller: { project: string; viewer: string | null; readOnly: boolean };
  batch: boolean;
  /** The request's moment (epoch ms), taken when it arrived on the main thread. */
  now: number;
  retention: Retention;
  requestId: string;
}

/** An HTTP ingest body to read, validate and write on a worker (its read-write connection). */
export interface IngestJob {
  id: number;
  kind: 'ingest';
  body: Uint8Array;
  accept: readonly RecordKind[];
  caller: { project: string };
}

export interface IngestReply {
  id: number;
  summary?: Pick<IngestSummary, 'accepted' | 'rejected' | 'errors' | 'warnings'>;
  /** Why the ingest stopped (an IngestFailure, as plain data). */
  failure?: { code: IngestFailureCode; message: string; committed: Committed; line?: number };
  stats: SqlStats;
}

type PoolJob = ReadJob | IngestJob;
type PoolReply = ReadReply | IngestReply;

export interface ReadReply {
  id: number;
  /** The data as JSON text (a reply without errors). */
  json?: string;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  /** The result's extensions (a traced reply's ftv1). */
  extensions?: Record<string, unknown>;
  stats: SqlStats;
}

/** Light queries in flight per worker: the next is already queued there while one runs. */
const LIGHT_PER_WORKER = 2;
/** After this long without a light query, heavy ones may use every worker. */
const LIGHT_IDLE_MS = 1000;

interface Running<J> {
  item: J;
  lane: Lane;
}

/**
 * Which queued query runs on which worker: the lane rules above, apart from the threads so they
 * can be checked step by step. Workers `0 … size-2` may run heavy queries; the last is reserved
 * for light ones (with one worker, it runs both). Within a lane, projects take turns.
 */
export class LaneScheduler<J> {
  private readonly running: Running<J>[][];
  private readonly queues: Record<Lane, FairQueue<J>> = { light: new FairQueue(), heavy: new FairQueue() };
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

  /** Queues a query of `lane` for the project `key`; `front` puts it before that project's others (a retry). */
  submit(item: J, lane: Lane, key = '', front = false): void {
    if (lane === 'light') this.lastLight = this.now();
    this.queues[lane].push(key, item, front);
  }

  /** Queries to start now, each with its worker; `usable(slot)` says whether a worker can take work. */
  next(usable: (slot: number) => boolean = () => true): { slot: number; item: J }[] {
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
      if ((this.heavyAllowed(slot) || borrow) && usable(slot) && this.running[slot]!.length === 0) start(slot, 'heavy');
    }
    for (let slot = this.lightSlot(usable); slot !== undefined && this.queues.light.length; slot = this.lightSlot(usable)) start(slot, 'light');
    return started;
  }

  /** The least loaded worker that may take a light query (a heavy-capable one only when no heavy query waits for it). */
  private lightSlot(usable: (slot: number) => boolean): number | undefined {
    let best: number | undefined;
    this.running.forEach((running, slot) => {
      if (!usable(slot) || running.length >= LIGHT_PER_WORKER || running.some((r) => r.lane === 'heavy')) return;
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

  /** Drops a query that has not started; false when it is not waiting. */
  withdraw(item: J): boolean {
    return this.queues.light.remove(item) || this.queues.heavy.remove(item);
  }

  /** Forgets what runs on a worker (it died or is being replaced), with each query's lane. */
  clear(slot: number): Running<J>[] {
    return this.running[slot]!.splice(0);
  }
}

interface Pending {
  job: PoolJob;
  lane: Lane;
  /** The worker running it, once started. */
  slot?: number;
  settle(outcome: { reply: PoolReply } | { error: GraphQLError }): void;
}

interface Slot {
  worker: Worker;
  /** The worker has opened its connection and takes jobs. */
  ready: boolean;
  spawnedAt: number;
}

const WORKER_YOUNG_GENERATION_MB = 8;
/** A worker that needs more heap than this dies (ERR_WORKER_OUT_OF_MEMORY) and is replaced; its siblings live on. */
const WORKER_OLD_GENERATION_MB = 2048;
/**
 * Past the in-worker budget (checked between statements) the pool stops a query for good: its
 * worker is terminated and replaced. The grace lets the worker answer with its own TIMEOUT first.
 */
const HARD_DEADLINE_GRACE_MS = 2_000;
/** A client gone this long into its query gets its worker stopped; shorter ones simply finish unread. */
const CANCEL_AFTER_MS = 250;
/** An ingest body (up to 32 MiB) may take minutes to validate and write. */
const INGEST_DEADLINE_MS = 10 * 60_000;
/** A worker that dies this soon after starting is restarted after a pause, not at once. */
const RESPAWN_PAUSE_MS = 1_000;

export interface ReadPoolOptions {
  federation?: boolean;
  /** SQLite page cache per worker connection, in MiB. */
  cacheMiB?: number;
  /** Wall time a query may take from submission to answer, queue included. */
  deadlineMs?: number;
  /** Heap of a worker, in MiB (tests make it small). */
  workerHeapMiB?: number;
  /** The worker module (tests use a scripted stand-in that hangs or dies on demand). */
  workerUrl?: URL;
  /**
   * Stopped workers whose threads may still be inside a statement (default: as many as the pool
   * has workers). Past it, a stopped worker's replacement waits until one of them ends.
   */
  maxLingering?: number;
}

function poolError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export class ReadPool {
  private readonly slots: Slot[];
  private readonly scheduler: LaneScheduler<Pending>;
  private readonly byId = new Map<number, Pending>();
  /** Which lane a query goes to (src/server/lanes.ts), fed with each query's SQL time. */
  readonly lanes = new LaneClassifier();
  private readonly url: URL;
  private readonly deadlineMs: number;
  private nextId = 1;
  private closed = false;
  /** Workers replaced since start (died, stuck past the deadline, or cancelled). */
  replaced = 0;
  /**
   * Threads of stopped workers that have not ended yet. terminate() takes effect when a thread
   * next runs JavaScript, so one inside a long SQLite statement runs on until the statement ends
   * (better-sqlite3 cannot interrupt it). Each such thread still takes a core: replacements wait
   * while there are more than `maxLingering`, so abandoned statements cannot pile up.
   */
  private readonly lingering = new Set<Promise<unknown>>();
  private readonly respawnsWaiting: (() => void)[] = [];

  constructor(
    private readonly dbPath: string,
    size: number,
    private readonly options: ReadPoolOptions = {},
  ) {
    // From TypeScript sources (npm start, tests) the worker starts through an entry that loads tsx.
    this.url = options.workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './read-worker-entry.mjs' : './read-worker.js', import.meta.url);
    this.deadlineMs = options.deadlineMs ?? QUERY_LIMITS.timeoutMs + HARD_DEADLINE_GRACE_MS;
    this.scheduler = new LaneScheduler(size);
    this.slots = Array.from({ length: size }, (_, slot) => this.spawn(slot));
  }

  private spawn(slot: number): Slot {
    const workerData = { dbPath: this.dbPath, federation: this.options.federation ?? false, cacheMiB: this.options.cacheMiB };
    // A small young generation: a worker's garbage is per request, and every worker's nursery adds to the server's RSS.
    const worker = new Worker(this.url, {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.options.workerHeapMiB ?? WORKER_OLD_GENERATION_MB },
    });
    const entry: Slot = { worker, ready: false, spawnedAt: performance.now() };
    worker.on('message', (message: PoolReply | { ready: true }) => {
      if ('ready' in message) {
        entry.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        this.dispatch();
      } else this.finish(slot, message);
    });
    const died = (reason: string) => {
      if (this.slots[slot]?.worker !== worker || this.closed) return;
      process.stderr.write(`read worker ${slot} stopped (${reason}); starting another\n`);
      this.replace(slot, poolError(`The read worker running this query stopped (${reason}); it was replaced and the query was not completed`, 'INTERNAL_SERVER_ERROR'));
    };
    worker.on('error', (error) => died((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : error.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    worker.unref();
    return entry;
  }

  /**
   * Stops a worker and starts another in its place. The queries it was running fail with `error`
   * (`culprit` alone, when one query is to blame: the others go back to the front of the queue).
   */
  private replace(slot: number, error: GraphQLError, culprit?: Pending): void {
    const old = this.slots[slot]!;
    this.replaced++;
    for (const { item, lane } of this.scheduler.clear(slot)) {
      item.slot = undefined;
      // A query that only shared the worker runs again; a mutation or an ingest may have written already, so it is never repeated.
      if (culprit && item !== culprit && item.job.kind === 'query') this.scheduler.submit(item, lane, item.job.caller.project, true);
      else this.fail(item, item === culprit || !culprit || item.job.kind === 'query' ? error : poolError('The worker running this write was stopped by another request; it may or may not have been applied', 'INTERNAL_SERVER_ERROR'));
    }
    old.worker.removeAllListeners('exit');
    old.worker.on('error', () => {}); // late errors of a worker already replaced
    // terminate() takes effect when the thread next runs JavaScript (a statement inside SQLite finishes first).
    const ended: Promise<unknown> = old.worker.terminate().then(
      () => this.ended(ended),
      () => this.ended(ended),
    );
    this.lingering.add(ended);
    const quick = performance.now() - old.spawnedAt < RESPAWN_PAUSE_MS;
    const respawn = () => {
      if (this.closed) return;
      if (this.lingering.size > (this.options.maxLingering ?? this.slots.length)) {
        this.respawnsWaiting.push(respawn);
        return;
      }
      this.slots[slot] = this.spawn(slot);
    };
    // Keep the slot unusable until its replacement says ready.
    this.slots[slot] = { ...old, ready: false };
    if (quick) setTimeout(respawn, RESPAWN_PAUSE_MS).unref();
    else respawn();
  }

  /** A stopped worker's thread ended: a replacement that waited for it may start. */
  private ended(thread: Promise<unknown>): void {
    this.lingering.delete(thread);
    this.respawnsWaiting.shift()?.();
  }

  /** Threads of stopped workers still running (inside a statement). */
  get lingeringThreads(): number {
    return this.lingering.size;
  }

  /** True while at least one worker can take a query. */
  get ready(): boolean {
    return !this.closed && this.slots.some((s) => s.ready);
  }

  private readonly readyWaiters: (() => void)[] = [];

  /** Resolves once a worker can take a query (at once if one can). */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    // The workers are unref'd: without this the process could end while it waits for them.
    const keepAlive = setInterval(() => {}, 1_000);
    return new Promise<void>((resolve) => this.readyWaiters.push(resolve)).finally(() => clearInterval(keepAlive));
  }

  /**
   * Heavy when the operation asks for an aggregate, carries filters heavy enough to scan (see
   * filterWeight), or this query has run slowly before.
   */
  laneOf(query: string, aggregate: boolean, filterWeight = 0): Lane {
    return this.lanes.laneOf(query, aggregate, filterWeight);
  }

  /**
   * Runs a query on a worker. It fails cleanly if it is still unanswered at the deadline (the
   * worker running it is replaced) and is dropped when `signal` aborts (the client left).
   */
  run(job: Omit<ReadJob, 'id'>, lane: Lane = 'light', signal?: AbortSignal): Promise<ReadReply> {
    return this.submit<ReadReply>(job, lane, this.deadlineMs, signal);
  }

  /**
   * Reads, validates and writes an ingest body on a worker, so a big body never holds the main
   * thread. Heavy lane; its own deadline (a big body takes long); not cancelled when the client
   * leaves: what was sent is stored.
   */
  ingest(job: Omit<IngestJob, 'id' | 'kind'>): Promise<IngestReply> {
    return this.submit<IngestReply>({ ...job, kind: 'ingest' }, 'heavy', INGEST_DEADLINE_MS);
  }

  private submit<R extends PoolReply>(job: Omit<PoolJob, 'id'>, lane: Lane, deadlineMs: number, signal?: AbortSignal): Promise<R> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(poolError('The server is shutting down', 'SERVICE_UNAVAILABLE'));
      const timer = setTimeout(() => this.stop(pending, poolError(`The request ran out of time (${deadlineMs} ms): narrow the query or its filters`, 'TIMEOUT')), deadlineMs);
      const onAbort = () => this.cancel(pending);
      const pending: Pending = {
        job: { ...job, id } as PoolJob,
        lane,
        settle: (outcome) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.byId.delete(id);
          if ('reply' in outcome) resolve(outcome.reply as R);
          else reject(outcome.error);
        },
      };
      this.byId.set(id, pending);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.scheduler.submit(pending, lane, job.caller.project);
      this.dispatch();
    });
  }

  private fail(pending: Pending, error: GraphQLError): void {
    pending.settle({ error });
  }

  /** Ends a query now: withdrawn if waiting, its worker replaced if running. */
  private stop(pending: Pending, error: GraphQLError): void {
    if (!this.byId.has(pending.job.id)) return;
    if (pending.slot === undefined) {
      this.scheduler.withdraw(pending);
      this.fail(pending, error);
    } else this.replace(pending.slot, error, pending);
    this.dispatch();
  }

  /** The client left: a waiting query is dropped; a running one is stopped unless it is about to finish anyway. */
  private cancel(pending: Pending): void {
    const error = poolError('The client closed the request', 'CLIENT_CLOSED_REQUEST');
    if (pending.slot === undefined) return this.stop(pending, error);
    setTimeout(() => this.stop(pending, error), CANCEL_AFTER_MS).unref();
  }

  private dispatch(): void {
    for (const { slot, item } of this.scheduler.next((slot) => this.slots[slot]!.ready)) {
      item.slot = slot;
      try {
        this.slots[slot]!.worker.postMessage(item.job);
      } catch (error) {
        // The job could not be copied to the worker (variables nested beyond what can be cloned).
        this.scheduler.finished(slot, item);
        this.fail(item, poolError(`The request's variables could not be read: ${(error as Error).message}`, 'BAD_USER_INPUT'));
      }
    }
  }

  private finish(slot: number, reply: PoolReply): void {
    const pending = this.byId.get(reply.id);
    if (!pending) return;
    this.scheduler.finished(slot, pending);
    if (pending.job.kind !== 'ingest') this.lanes.remember(pending.job.query, reply.stats.ms);
    pending.settle({ reply });
    this.dispatch();
  }

  /**
   * Fails every query not yet answered and stops the workers. True when they all stopped within
   * `waitMs`; false when one is still inside a long SQLite statement (termination waits for it).
   * 5 s by default: a worker still loading its modules on a busy machine takes seconds to stop.
   */
  async close(waitMs = 5_000): Promise<boolean> {
    if (!this.closed) {
      this.closed = true;
      for (const pending of [...this.byId.values()]) this.fail(pending, poolError('The server is shutting down', 'SERVICE_UNAVAILABLE'));
    }
    // Threads of workers stopped earlier count too: the process cannot exit while one runs.
    return Promise.race([
      Promise.all([...this.slots.map((s) => s.worker.terminate()), ...this.lingering]).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs).unref()),
    ]);
  }
}

/**
 * The errors of the operation's variables (undefined when they coerce), as yoga's executor
 * reports them: request errors with HTTP status 400.
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, values: unknown): readonly GraphQLError[] | undefined {
  if (!operation.variableDefinitions?.length) return undefined;
  let errors: readonly GraphQLError[] | undefined;
  try {
    errors = getVariableValues(schema, operation.variableDefinitions, (values ?? {}) as Record<string, unknown>, { maxErrors: 50 }).errors;
  } catch (error) {
    // coerceInputValue recurses: variables nested past the stack are the client's doing.
    if (!(error instanceof RangeError)) throw error;
    errors = [poolError('Variables are nested too deeply', 'BAD_USER_INPUT')];
  }
  return errors?.map((e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e.originalError, extensions: { ...e.extensions, http: { status: 400 } } }));
}

/** Executes every operation on the pool (queries, mutations, traced requests): the main thread only parses, validates and writes answers. */
export function useReadPool(pool: ReadPool): Plugin<Context> {
  return {
    onExecute({ args, setExecuteFn }) {
      const ctx = args.contextValue as Context & { params?: { query?: string }; request?: Request };
      const operation = getOperationAST(args.document, args.operationName);
      const query = ctx.params?.query;
      // Apollo Gateway and Router ask for an inline trace (ftv1); the worker builds it.
      const traced = ctx.request?.headers.get('apollo-federated-include-trace') === 'ftv1';
      if (!query || !operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return;
      const kind = operation.operation === OperationTypeNode.MUTATION ? 'mutation' : 'query';
      const lane = pool.lanes.laneOfOperation(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | null, query);
      setExecuteFn(async (execArgs) => {
        // Variables are coerced here first, as graphql-js would: a bad or absurdly nested value is
        // answered with graphql-js' own errors and never reaches a worker.
        const coerced = coerceVariables(args.schema, operation, execArgs.variableValues);
        if (coerced) return { errors: coerced };
        let reply: ReadReply;
        try {
          reply = await pool.run(
            {
              kind,
              traced,
              query,
              variables: (execArgs.variableValues ?? undefined) as Record<string, unknown> | undefined,
              operationName: execArgs.operationName ?? null,
              caller: { project: ctx.project, viewer: ctx.viewer, readOnly: ctx.readOnly },
              batch: ctx.batch,
              now: ctx.now,
              retention: ctx.retention,
              requestId: ctx.request ? requestIdOf(ctx.request) : 'unknown',
            },
            lane,
            // A client that leaves cancels its query; a mutation, once sent, is carried out.
            kind === 'query' ? ctx.request?.signal : undefined,
          );
        } catch (error) {
          return { data: null, errors: [error instanceof GraphQLError ? error : new GraphQLError('read worker failed', { originalError: error as Error })] };
        }
        ctx.sql.stats.statements += reply.stats.statements;
        ctx.sql.stats.ms += reply.stats.ms;
        if (reply.json !== undefined) return jsonResult(reply.json);
        const result: ExecutionResult = { data: reply.data ?? null, ...(reply.extensions ? { extensions: reply.extensions } : {}) };
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
