/**
 * Two lanes on PostgreSQL. There are no read workers there: every request takes a pooled
 * connection for its transaction (graphql/pg-runner.ts), so a few dashboards' aggregates (seconds
 * of SQL each) would hold every connection, and the database's CPU, while a person's recordings
 * (milliseconds) wait behind them. Operations are classified as on SQLite (src/server/lanes.ts:
 * aggregates, heavy filters, queries slow before); a heavy one must hold a permit of a counting
 * gate for as long as it executes, and at most `permits` are out at once, so the rest of the pool
 * stays free for light ones. Light operations never wait at the gate. A heavy one waiting for a
 * permit keeps to its request's deadline (TIMEOUT, as the read pool answers), is dropped when its
 * client leaves, and waits in turn with the other projects' (FairQueue).
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import { QUERY_LIMITS } from '../graphql/limits.js';
import type { Context } from '../graphql/context.js';
import { defaultPgHeavy } from '../config.js';
import { FairQueue, LaneClassifier, type Lane } from './lanes.js';

interface Waiter {
  grant(): void;
  fail(error: GraphQLError): void;
}

function gateError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * A counting gate: `permits` holders at once; the others wait, projects taking turns, each until
 * its deadline or until its client leaves.
 */
export class HeavyGate {
  private held = 0;
  private readonly queue = new FairQueue<Waiter>();

  constructor(readonly permits: number) {
    if (!Number.isSafeInteger(permits) || permits < 1) throw new RangeError(`permits must be a positive integer, not ${permits}`);
  }

  /** Permits held now. */
  get running(): number {
    return this.held;
  }

  /** Requests waiting for a permit. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * A permit for a request of `project`, answered with the function that gives it back (once;
   * calling it again does nothing). At once while fewer than `permits` are held; else in turn.
   * While waiting, it fails with TIMEOUT at `deadline` (epoch ms; `budgetMs` is the request's
   * whole budget, for the message) and with CLIENT_CLOSED_REQUEST when `signal` aborts.
   */
  acquire(project: string, options: { deadline?: number; budgetMs?: number; signal?: AbortSignal } = {}): Promise<() => void> {
    const { deadline = Infinity, budgetMs, signal } = options;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(gateError('The client closed the request', 'CLIENT_CLOSED_REQUEST'));
      const release = this.releaser();
      if (this.held < this.permits && this.queue.length === 0) {
        this.held++;
        return resolve(release);
      }
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        if (!this.queue.remove(waiter)) return;
        clearTimeout(timer);
        reject(gateError('The client closed the request', 'CLIENT_CLOSED_REQUEST'));
      };
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.queue.push(project, waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (deadline !== Infinity) {
        const ms = budgetMs ?? Math.max(0, Math.round(deadline - Date.now()));
        timer = setTimeout(
          () => {
            if (this.queue.remove(waiter)) waiter.fail(gateError(`The request ran out of time (${ms} ms) waiting behind other heavy queries: try again later, or narrow the query or its filters`, 'TIMEOUT'));
          },
          Math.max(0, deadline - Date.now()),
        );
      }
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.held--;
      this.grantNext();
    };
  }

  private grantNext(): void {
    while (this.held < this.permits) {
      const next = this.queue.shift();
      if (!next) return;
      this.held++;
      next.grant();
    }
  }
}

export interface PgLaneOptions {
  /** Heavy operations executing at once, each on one pooled connection (default: defaultPgHeavy of the pool's size). */
  heavy?: number;
  /**
   * Wall time an operation may take, its wait for a permit included (default: the request's time
   * budget, QUERY_LIMITS.timeoutMs). Tests make it short.
   */
  deadlineMs?: number;
}

/** What the lanes need of a request's context (yoga adds `params` and `request`). */
type LaneContext = Context & { params?: { query?: string }; request?: Request };

/** The classification and the gate of one PostgreSQL server. */
export class PgLanes {
  /** Which lane an operation goes to (shared rules, this server's own history of slow queries). */
  readonly classifier = new LaneClassifier();
  readonly gate: HeavyGate;
  private readonly deadlineMs: number | undefined;

  constructor(poolSize: number, options: PgLaneOptions = {}) {
    this.gate = new HeavyGate(options.heavy ?? defaultPgHeavy(poolSize));
    this.deadlineMs = options.deadlineMs;
  }

  /**
   * Runs `execute` (graphql-js' execute and the end of the request's transaction) in `lane`: a
   * heavy operation first waits for a permit, and gives it back once its connection is back in
   * the pool. Either way its SQL time joins the query text's history (a query slow before is
   * heavy from then on).
   */
  async execute(lane: Lane, ctx: LaneContext, execute: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    // The request's time budget (set by useQueryLimits just before) covers the wait too.
    if (this.deadlineMs !== undefined) ctx.sql.deadline = Date.now() + this.deadlineMs;
    let release: (() => void) | undefined;
    if (lane === 'heavy') {
      try {
        release = await this.gate.acquire(ctx.project, { deadline: ctx.sql.deadline, budgetMs: this.deadlineMs ?? QUERY_LIMITS.timeoutMs, signal: ctx.request?.signal });
      } catch (error) {
        return { data: null, errors: [error instanceof GraphQLError ? error : new GraphQLError('waiting for a heavy query permit failed', { originalError: error as Error })] };
      }
    }
    try {
      return await execute();
    } finally {
      release?.();
      const query = ctx.params?.query;
      // What its statements cost the database, not the waits for a connection or for the cores: a
      // light query is not slow because the server is busy (src/graphql/pg-runner.ts storeMs).
      if (query) this.classifier.remember(query, ctx.sql.storeMs);
    }
  }
}
