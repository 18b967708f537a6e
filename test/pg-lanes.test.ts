/**
 * PostgreSQL's two lanes (src/server/pg-lanes.ts): the gate step by step, then a real server on a
 * real PostgreSQL database over HTTP. A heavy query is made slow where it really holds its pooled
 * connection: each of its statements first takes a shared advisory lock that the test holds
 * exclusively (the statement waits inside PostgreSQL, in its transaction, until the test lets go).
 * Every assertion is on order and state (who is blocked, who waits at the gate, who answered
 * first), never on how long something took.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPgStore, type ServingPgStore } from '../src/db/pg/connect.js';
import { createKeyIn } from '../src/db/keys.js';
import { PgSqlRunner } from '../src/graphql/pg-runner.js';
import { pgLanesOf, type AppOptions } from '../src/server/app.js';
import { SLOW_MS } from '../src/server/lanes.js';
import { HeavyGate, type PgLanes } from '../src/server/pg-lanes.js';
import { ROOT, run, TSX, useTempDir } from './helpers/cli.js';
import { freshDatabase, seedInto, type FreshDatabase } from './helpers/pg.js';
import { listen, type Running } from './helpers/security.js';

describe('the heavy gate, step by step', () => {
  afterEach(() => void vi.useRealTimers());

  it('hands out at most `permits`; the next waiter gets a permit given back; giving one back twice counts once', async () => {
    const gate = new HeavyGate(2);
    const got: string[] = [];
    const take = (name: string) => gate.acquire('p').then((release) => (got.push(name), release));
    const [r1, r2] = await Promise.all([take('1'), take('2')]);
    const third = take('3');
    await Promise.resolve();
    expect({ running: gate.running, waiting: gate.waiting, got }).toEqual({ running: 2, waiting: 1, got: ['1', '2'] });
    r1();
    r1();
    const r3 = await third;
    expect({ running: gate.running, waiting: gate.waiting, got }).toEqual({ running: 2, waiting: 0, got: ['1', '2', '3'] });
    r2();
    r3();
    expect(gate.running).toBe(0);
  });

  it('projects take turns: one project\'s burst waits behind itself, not in front of another\'s one query', async () => {
    const gate = new HeavyGate(1);
    const order: string[] = [];
    const take = (project: string, name: string) =>
      gate.acquire(project).then((release) => {
        order.push(name);
        // Each holder gives its permit back at once: the next is granted in turn.
        queueMicrotask(release);
      });
    const all = [take('a', 'A1'), take('a', 'A2'), take('a', 'A3'), take('a', 'A4'), take('a', 'A5'), take('b', 'B1')];
    await Promise.all(all);
    // First in, first out, B1 would be last; taking turns, it follows A's next one.
    expect(order).toEqual(['A1', 'A2', 'B1', 'A3', 'A4', 'A5']);
  });

  it('a waiter past its deadline fails with TIMEOUT, and one whose client left with CLIENT_CLOSED_REQUEST; neither takes a permit', async () => {
    vi.useFakeTimers();
    const gate = new HeavyGate(1);
    const release = await gate.acquire('p');
    const late = gate.acquire('p', { deadline: Date.now() + 1_000, budgetMs: 1_000 }).catch((e: unknown) => e);
    const left = new AbortController();
    const gone = gate.acquire('p', { signal: left.signal }).catch((e: unknown) => e);
    const patient = gate.acquire('p');
    expect(gate.waiting).toBe(3);
    left.abort();
    expect(await gone).toMatchObject({ message: 'The client closed the request', extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
    expect(gate.waiting).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await late).toMatchObject({ message: expect.stringMatching(/^The request ran out of time \(1000 ms\)/), extensions: { code: 'TIMEOUT' } });
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 1, waiting: 1 });
    release();
    (await patient)();
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 0, waiting: 0 });
    // A client already gone never waits.
    const aborted = AbortSignal.abort();
    expect(await gate.acquire('p', { signal: aborted }).catch((e: unknown) => e)).toMatchObject({ extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
  });
});

// ---------------------------------------------------------------- over HTTP, on PostgreSQL

const tmp = useTempDir('sessiongraph-pg-lanes-');
let database: FreshDatabase;
let store: ServingPgStore;
let admin: pg.Client;

/** The advisory lock held statements wait for (per database: no other test file sees it). */
const LOCK = 7_001;
/** Statements whose text this matches first wait for LOCK, on their request's connection. */
let holds: (text: string) => boolean = () => false;
/** Requests whose first held statement started, in order: `project:table` (the table it reads). */
let held: string[] = [];

beforeAll(async () => {
  database = await freshDatabase('sg_lanes');
  await seedInto(tmp.path('store.db'), { persons: 20, seed: 5 }, database);
  // Two connections: a held heavy query holds one; without the gate a second heavy query takes the other.
  store = await openPgStore(database.url, { poolSize: 2 });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const runner = PgSqlRunner.prototype as unknown as { query(this: PgSqlRunner, config: pg.QueryConfig): Promise<unknown[]> };
  const query = runner.query;
  const seen = new WeakSet<PgSqlRunner>();
  vi.spyOn(runner, 'query').mockImplementation(function (this: PgSqlRunner, config: pg.QueryConfig) {
    if (holds(config.text)) {
      if (!seen.has(this)) held.push(`${(this as unknown as { scope: { project: string } }).scope.project}:${/"user_(sessions|actions)"/.exec(config.text)?.[1]}`);
      seen.add(this);
      // Queued first on the request's connection (its statements run one after another).
      void query.call(this, { text: 'select pg_advisory_xact_lock_shared($1)', values: [LOCK] }).catch(() => {});
    }
    return query.call(this, config);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await admin?.end();
  await store?.close();
  await database?.drop();
});

const servers: Running[] = [];
afterEach(async () => {
  holds = () => false;
  held = [];
  await admin.query('select pg_advisory_unlock_all()');
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: Partial<AppOptions> = {}): Promise<{ url: string; lanes: PgLanes }> {
  const running = await listen({ store, auth: 'off', ...options });
  servers.push(running);
  return { url: running.url, lanes: pgLanesOf(running.server)! };
}

const hold = () => admin.query('select pg_advisory_lock($1)', [LOCK]);
const letGo = () => admin.query('select pg_advisory_unlock($1)', [LOCK]);

/** Statements of this database waiting for the lock inside PostgreSQL. */
async function blocked(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
      where l.locktype = 'advisory' and not l.granted and d.datname = current_database()`,
  );
  return rows[0]!.n;
}

/** Polls `check` until it holds (the condition is what the test waits for, not a time). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

interface Answer {
  name: string;
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs `query`; pushes `name` onto `done` when the answer is in. */
function ask(url: string, name: string, query: string, done: string[], options: { key?: string; signal?: AbortSignal } = {}): Promise<Answer> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) },
    body: JSON.stringify({ query }),
    signal: options.signal,
  }).then(async (response) => {
    const body = (await response.json()) as Answer['body'];
    done.push(name);
    return { name, status: response.status, body };
  });
}

/** Heavy (an aggregate root field): its statements read user_sessions. */
const STATS = '{ userSessionStats(groupBy: [COUNTRY]) { dimensions { country } count } }';
/** Light: a page of recordings (no user_sessions). */
const LIGHT = '{ recordings(first: 3) { nodes { id } } }';
const readsUserSessions = (text: string) => text.includes('"user_sessions"');

describe('lanes on PostgreSQL, over HTTP', () => {
  it('with one heavy permit, a light query is answered while two heavy ones hold it up (before either of them)', async () => {
    const { url, lanes } = await serve({ pgLanes: { heavy: 1 } });
    expect(lanes.gate.permits).toBe(1);
    const done: string[] = [];
    await hold();
    holds = readsUserSessions;
    const heavy = [ask(url, 'H1', STATS, done), ask(url, 'H2', `query Two ${STATS}`, done)];
    // Both arrived: one inside PostgreSQL (holding its connection), the other at the gate
    // (without the gate: both inside PostgreSQL, on both connections).
    await eventually(async () => (await blocked()) + lanes.gate.waiting === 2, 'both heavy queries are held up');
    expect({ blocked: await blocked(), waiting: lanes.gate.waiting, running: lanes.gate.running }).toEqual({ blocked: 1, waiting: 1, running: 1 });
    const light = ask(url, 'L', LIGHT, done);
    // Either the light query is answered, or it waits for a connection behind the heavy ones.
    await eventually(() => done.includes('L') || store.readPool.waitingCount > 0, 'the light query is answered or queued for a connection');
    await letGo();
    const answers = await Promise.all([light, ...heavy]);
    expect(done[0], done.join(' ')).toBe('L');
    for (const a of answers) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
    expect((answers[0]!.body.data!.recordings as { nodes: unknown[] }).nodes).toHaveLength(3);
    expect(held).toHaveLength(2);
    expect({ running: lanes.gate.running, waiting: lanes.gate.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('a heavy query still waiting at its deadline gets TIMEOUT (as the read pool answers), while the one holding the permit runs on', async () => {
    // (The deadline only has to leave the first query time to reach PostgreSQL.)
    const { url, lanes } = await serve({ pgLanes: { heavy: 1, deadlineMs: 2_000 } });
    const done: string[] = [];
    await hold();
    holds = readsUserSessions;
    const first = ask(url, 'H1', STATS, done);
    await eventually(async () => (await blocked()) === 1, 'the first heavy query is inside PostgreSQL');
    const second = await ask(url, 'H2', `query Two ${STATS}`, done);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/^The request ran out of time \(2000 ms\) waiting behind other heavy queries/), extensions: { code: 'TIMEOUT' } }],
    });
    // It answered while the first still held the permit and its connection, and never ran SQL.
    expect(done).toEqual(['H2']);
    expect({ blocked: await blocked(), running: lanes.gate.running, waiting: lanes.gate.waiting }).toEqual({ blocked: 1, running: 1, waiting: 0 });
    expect(held).toHaveLength(1);
    await letGo();
    expect((await first).status).toBe(200);
    expect(lanes.gate.running).toBe(0);
  });

  it('a heavy query whose client leaves while it waits gives up its place: the next one runs, it never does', async () => {
    const { url, lanes } = await serve({ pgLanes: { heavy: 1 } });
    const done: string[] = [];
    await hold();
    holds = readsUserSessions;
    const first = ask(url, 'H1', STATS, done);
    await eventually(async () => (await blocked()) === 1, 'the first heavy query is inside PostgreSQL');
    const leaving = new AbortController();
    const gone = ask(url, 'H2', `query Two ${STATS}`, done, { signal: leaving.signal }).catch((e: unknown) => e);
    await eventually(() => lanes.gate.waiting === 1, 'the second waits at the gate');
    const third = ask(url, 'H3', `query Three ${STATS}`, done);
    await eventually(() => lanes.gate.waiting === 2, 'the third waits behind it');
    leaving.abort();
    expect(await gone).toMatchObject({ name: 'AbortError' });
    await eventually(() => lanes.gate.waiting === 1, "the second's place is given up");
    await letGo();
    const answers = await Promise.all([first, third]);
    for (const a of answers) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
    // Two heavy queries ran SQL: the first and the third.
    expect(held).toEqual(['default:sessions', 'default:sessions']);
    expect({ running: lanes.gate.running, waiting: lanes.gate.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('a query that was slow before (its SQL time) goes to the heavy lane from then on', async () => {
    const { url, lanes } = await serve({ pgLanes: { heavy: 1 } });
    const ACTIONS = '{ userActions(first: 2) { nodes { name } } }';
    const readsUserActions = (text: string) => text.includes('"user_actions"');
    const done: string[] = [];
    // Once: held inside PostgreSQL for longer than SLOW_MS (a light query: it never met the gate).
    await hold();
    holds = readsUserActions;
    const slow = ask(url, 'A1', ACTIONS, done);
    await eventually(async () => (await blocked()) === 1, 'the query is inside PostgreSQL');
    expect(lanes.gate.waiting + lanes.gate.running).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 20));
    await letGo();
    expect((await slow).body.errors).toBeUndefined();
    // Again, while a heavy query holds the one permit: now it waits at the gate.
    await hold();
    holds = (text) => readsUserSessions(text) || readsUserActions(text);
    const stats = ask(url, 'H1', STATS, done);
    await eventually(async () => (await blocked()) === 1, 'the heavy query is inside PostgreSQL');
    const again = ask(url, 'A2', ACTIONS, done);
    await eventually(() => lanes.gate.waiting === 1, 'the once-slow query waits at the gate');
    expect(await blocked()).toBe(1);
    await letGo();
    for (const a of await Promise.all([stats, again])) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
    // It reached PostgreSQL only once the heavy one was done.
    expect(held).toEqual(['default:actions', 'default:sessions', 'default:actions']);
  });

  it('a light query that waited for a pooled connection is not taken for slow: the history has its statements\' time, not the wait', async () => {
    // Two permits for two connections: two held heavy queries take the whole pool.
    const { url, lanes } = await serve({ debugSql: true, pgLanes: { heavy: 2 } });
    const done: string[] = [];
    const busy = async () => {
      await hold();
      holds = readsUserSessions;
      const heavy = [ask(url, 'H1', STATS, done), ask(url, 'H2', `query Two ${STATS}`, done)];
      await eventually(async () => (await blocked()) === 2, 'both heavy queries are inside PostgreSQL, on both connections');
      return heavy;
    };
    let heavy = await busy();
    const light = ask(url, 'L', LIGHT, done);
    await eventually(() => store.readPool.waitingCount === 1, 'the light query waits for a connection');
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 20));
    await letGo();
    const first = await light;
    await Promise.all(heavy);
    // --debug-sql counts the wait (from when its statement was asked for); the lane did not.
    expect((first.body as { extensions?: { sql: { ms: number } } }).extensions!.sql.ms).toBeGreaterThanOrEqual(SLOW_MS);
    held = [];
    heavy = await busy();
    const again = ask(url, 'L2', LIGHT, done);
    await eventually(() => store.readPool.waitingCount === 1, 'the light query waits for a connection again');
    // Still light: it waits for a connection, not for a permit.
    expect(lanes.gate.waiting).toBe(0);
    await letGo();
    for (const a of await Promise.all([again, ...heavy])) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
  });

  it("projects take turns at the gate: project B's one stats query runs before most of project A's queued flood", async () => {
    const keyA = (await createKeyIn(store, { project: 'a', name: 'flood' })).key;
    const keyB = (await createKeyIn(store, { project: 'b', name: 'one' })).key;
    const { url, lanes } = await serve({ auth: 'required', pgLanes: { heavy: 1 } });
    const done: string[] = [];
    await hold();
    holds = readsUserSessions;
    const flood = [ask(url, 'A1', STATS, done, { key: keyA })];
    await eventually(async () => (await blocked()) === 1, "A's first is inside PostgreSQL");
    for (const name of ['A2', 'A3', 'A4', 'A5']) {
      flood.push(ask(url, name, `query ${name} ${STATS}`, done, { key: keyA }));
      await eventually(() => lanes.gate.waiting === flood.length - 1, `${name} waits at the gate`);
    }
    const b = ask(url, 'B1', STATS, done, { key: keyB });
    await eventually(() => lanes.gate.waiting === 5, 'B1 waits at the gate');
    await letGo();
    for (const a of await Promise.all([...flood, b])) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
    // The order the permit went round (one at a time): first in, first out, B would be last.
    expect(held.map((h) => h.split(':')[0])).toEqual(['a', 'a', 'b', 'a', 'a', 'a']);
  });

  it('the default permits are a quarter of the pool, at least one; serve refuses more than --pg-pool', async () => {
    const { lanes } = await serve();
    expect(lanes.gate.permits).toBe(1);
    const refused = await run(TSX, [join(ROOT, 'src/cli/serve.ts'), '--db', 'postgres://nobody@127.0.0.1:1/none', '--pg-pool', '4', '--pg-heavy', '5']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^--pg-heavy 5: at most --pg-pool \(4\) heavy queries can hold a connection$/m);
  });
});
