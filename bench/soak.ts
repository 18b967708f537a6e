/**
 * npm run soak -- [--sessions N] [--quick] [--runs N] [--duration S] [--connections N] [--out FILE] [--json] [--keep] [--no-build]
 *
 * The worst request each limit allows, beside a steady stream of light queries. For every limit
 * of src/graphql/limits.ts (QUERY_LIMITS, the README's limits table) the soak builds the heaviest
 * request that still passes it — sent as a client sends it, arguments as variables — and sends it
 * a few times in a row while autocannon keeps 8 connections of a light list query going and a
 * sampler polls `GET /health/live`. Per worst request it reports its time (median of the runs)
 * and what it answered (data, or which error code), the light queries' p50/p99 and req/s beside
 * it against the same load alone, and the slowest /health/live answer. Anything that is not an
 * answer — no response within the deadline plus a margin, a 5xx, a reset connection, an error
 * without a code or INTERNAL_SERVER_ERROR (an unexpected error, masked) — is listed as misbehaving.
 *
 * Beside the GraphQL limits: the HTTP ingest body (32 MiB of rejected lines; one session of as
 * many actions as fit, sent twice), a 100-id batch mutation, and — on a second server started
 * with --federation — `_entities` with 10,000 representations and a traced (ftv1) stats query.
 *
 * Like `npm run bench`: it compiles the server (`npm run build`), seeds a database with the seed
 * generator (bench's data set: seed 1, ending today, ~4.75 user sessions per person), and starts
 * `node dist/cli/serve.js` with its default flags (read workers on) on loopback.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { buildSchema, getNamedType, isEnumType, isLeafType, isNonNullType, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import { QUERY_LIMITS } from '../src/graphql/limits.js';
import { background, freePort, load, peakRss, waitIdle, type LoadResult, type LoadSettings } from './measure.js';
import { buildServer } from './build.js';
import { cleanup, describeMachine, positiveInt, positiveSeconds, runMain, run as runState, spawnNode, stopChild, timestampedLog, untilReady, type Child, type StopResult } from './processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** User sessions per person at the generator's defaults (as bench/run.ts). */
const SESSIONS_PER_PERSON = 4.75;
/** Page size the list resolvers allow (README limits table: `first`/`last` at most 500). */
const MAX_PAGE = 500;
/** Groups a stats query may return / steps of a funnel (README: stats groups / funnel steps). */
const MAX_GROUPS = 10_000;
const MAX_FUNNEL_STEPS = 10;
/** Characters of a `contains` / `startsWith` text. */
const MAX_MATCH_TEXT = 1_000;
/**
 * The read pool's wall-clock deadline per request: the SQL budget plus its grace
 * (src/server/read-pool.ts); past it the request must answer TIMEOUT.
 */
const DEADLINE_MS = QUERY_LIMITS.timeoutMs + 2_000;
/** A worst request with no answer this long after the deadline is a hang. */
const HANG_MARGIN_MS = 20_000;

interface Options {
  sessions?: number;
  quick?: boolean;
  runs?: number;
  duration?: number;
  connections: number;
  out: string;
  json?: boolean;
  keep?: boolean;
  build: boolean;
}


const started = performance.now();
const loadAtStart = loadavg();
const log = timestampedLog(started);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the worst requests

/** A selection: leaf fields by name, or a field with arguments and a sub-selection. */
interface Sel {
  name: string;
  /** Argument text as written in the document, e.g. `first: $n`. */
  args?: string;
  /** The page size the field multiplies its selection by (Pothos complexity: `first`). */
  multiplier?: number;
  children?: Sel[];
}

function render(sels: Sel[]): string {
  return sels.map((s) => `${s.name}${s.args ? `(${s.args})` : ''}${s.children ? ` { ${render(s.children)} }` : ''}`).join(' ');
}

/**
 * Query cost as the server prices it (src/graphql/builder.ts, lists.ts): every field 1, a list
 * with `first` multiplies what it selects by it (a plain list of objects by 10: none is used
 * here). Checked against the server's own figure (QUERY_TOO_COMPLEX says the value).
 */
export function cost(sels: Sel[]): number {
  return sels.reduce((sum, s) => sum + 1 + (s.children ? (s.multiplier ?? 1) * cost(s.children) : 0), 0);
}

export function depth(sels: Sel[]): number {
  return Math.max(0, ...sels.map((s) => 1 + (s.children ? depth(s.children) : 0)));
}

function selections(sels: Sel[]): number {
  return sels.reduce((n, s) => n + 1 + (s.children ? selections(s.children) : 0), 0);
}

const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));

/** Every field of a type a client can select without arguments and that is a value (scalar, enum, or list of them). */
function leaves(typeName: string): Sel[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)) && isLeafType(getNamedType(f.type)))
    .map((f) => ({ name: f.name }));
}

/** Names of an enum, in schema order. */
function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!type || !isEnumType(type)) throw new Error(`${name} is not an enum of schema.graphql`);
  return type.getValues().map((v) => v.name);
}

/** The largest n in [1, max] with fits(n), or 0. */
function largest(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Text of exactly `length` characters that no value in the data contains (so every row is scanned to the end). */
const needle = (i: number, length: number) => `~${i}~`.padEnd(length, 'qz');

interface Request {
  query: string;
  variables: Record<string, unknown>;
}

interface Scenario {
  key: string;
  /** The README limits-table row it stands for. */
  limit: string;
  /** What the request is, in one line. */
  title: string;
  /** The GraphQL request (for an ingest scenario, a description of its body in `query`). */
  request: Request;
  /** What a correct server answers: data, or TIMEOUT (the deadline cuts it). For the report only. */
  expect: 'data' | 'TIMEOUT' | 'data or TIMEOUT' | 'accepted' | 'NO_RECORD_STORED';
  /** Where it is posted (default the GraphQL endpoint) and a body other than `request` as JSON (ingest). */
  path?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Times it is sent in a row, when not the soak's `--runs`. */
  runs?: number;
  /** How long one run may take before it counts as no answer (default the read deadline plus the margin). */
  timeoutMs?: number;
  /** `federation`: sent to a second server started with --federation (after every default-server scenario). */
  server?: 'default' | 'federation';
  /** Fills in what depends on the seeded data (ids), once the server is up. */
  prepare?: (graphqlUrl: string) => Promise<void>;
}

/** The body of a request, as a client posts it. */
const bodyOf = (r: Request) => JSON.stringify({ query: r.query, variables: r.variables });

/** The HTTP ingest limit (src/server/app.ts DEFAULT_MAX_INGEST_BYTES): a body may have this many bytes. */
const INGEST_BODY_BYTES = 32 * 1024 * 1024;
/** The read pool's deadline for an ingest body (src/server/read-pool.ts INGEST_DEADLINE_MS). */
const INGEST_DEADLINE_MS = 10 * 60_000;
/** Representations one `_entities` request may carry (src/graphql/federation.ts MAX_REPRESENTATIONS). */
const MAX_REPRESENTATIONS = 10_000;
/** Ids one markRecordingsViewed may carry (schema.graphql: "at most 100"). */
const MAX_MUTATION_IDS = 100;
/** The viewer a mutation is made as (auth is off on loopback; mutations need a viewer). */
const VIEWER = 'soak';

/** Ids of the first `n` items of a root list, paged 500 at a time as a client pages. */
async function firstIds(url: string, root: 'userSessions' | 'recordings', n: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < n) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query Ids($first: Int, $after: String) { ${root}(first: $first, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`, variables: { first: Math.min(MAX_PAGE, n - ids.length), after } }),
    });
    const json = (await res.json()) as { data?: Record<string, { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>; errors?: unknown };
    const page = json.data?.[root];
    if (!page) throw new Error(`listing ${root} ids failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
    ids.push(...page.nodes.map((x) => x.id));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return ids;
}

export function scenarios(quick = false): Scenario[] {
  const list: Scenario[] = [];
  const budget = QUERY_LIMITS.complexity;

  // 1. Cost and page size: 500 sessions with every value field, and as many actions each (every
  //    value field) as the cost limit leaves. (A session's errors/events/… lists are priced at 10
  //    items each: spending the cost on them instead buys fewer rows.)
  {
    const sessionFields = leaves('UserSession');
    const actionFields = leaves('UserAction');
    const page = (n: number): Sel[] => [
      { name: 'userSessions', args: 'first: $first', multiplier: MAX_PAGE, children: [{ name: 'nodes', children: [...sessionFields, { name: 'userActions', args: 'first: $n', multiplier: n, children: actionFields }] }] },
    ];
    const n = largest(MAX_PAGE, (k) => cost(page(k)) <= budget);
    const sels = page(n);
    list.push({
      key: 'page',
      limit: `cost ${budget.toLocaleString('en')} / page size ${MAX_PAGE}`,
      title: `userSessions(first: ${MAX_PAGE}) × all ${sessionFields.length} session fields × userActions(first: ${n}) × ${actionFields.length} fields (cost ${cost(sels).toLocaleString('en')}, ${selections(sels)} selections)`,
      request: { query: `query Page($first: Int, $n: Int) { ${render(sels)} }`, variables: { first: MAX_PAGE, n } },
      expect: 'data',
    });
  }

  // 2. Depth: persons → sessions → person → sessions → … down to the depth limit, pages as large as the cost limit leaves.
  {
    const chain = (k: number): Sel[] => {
      // Levels: persons(first: 500) nodes, then repeated userSessions(first: k) nodes person, ending in leaves.
      const build = (level: number, kind: 'persons' | 'sessions' | 'person'): Sel[] => {
        if (level >= QUERY_LIMITS.depth) return [{ name: 'id' }];
        if (kind === 'persons') return [{ name: 'persons', args: 'first: $first', multiplier: MAX_PAGE, children: [{ name: 'nodes', children: build(level + 2, 'sessions') }] }];
        if (kind === 'sessions') {
          if (level + 2 >= QUERY_LIMITS.depth) return [{ name: 'id' }, { name: 'name' }];
          return [{ name: 'id' }, { name: 'userSessions', args: 'first: $k', multiplier: k, children: [{ name: 'nodes', children: build(level + 2, 'person') }] }];
        }
        return [{ name: 'id' }, { name: 'duration' }, { name: 'person', children: build(level + 1, 'sessions') }];
      };
      return build(0, 'persons');
    };
    const k = Math.max(1, largest(MAX_PAGE, (n) => cost(chain(n)) <= budget));
    const sels = chain(k);
    list.push({
      key: 'depth',
      limit: `query depth ${QUERY_LIMITS.depth}`,
      title: `persons(first: ${MAX_PAGE}) → userSessions(first: ${k}) → person → … ${depth(sels)} levels deep (cost ${cost(sels).toLocaleString('en')})`,
      request: { query: `query Deep($first: Int, $k: Int) { ${render(sels)} }`, variables: { first: MAX_PAGE, k } },
      expect: 'data',
    });
  }

  // 3. Filter conditions: 200 `contains` of 1,000 characters, or-ed over every string field of a
  //    session (no index helps), with the count of all matches and a full page.
  {
    const stringFields = Object.values((schema.getType('UserSessionFilter') as GraphQLInputObjectType).getFields())
      .filter((f) => getNamedType(f.type).name === 'StringFilter')
      .map((f) => f.name);
    const or = Array.from({ length: QUERY_LIMITS.filterConditions }, (_, i) => ({ [stringFields[i % stringFields.length]!]: { contains: needle(i, MAX_MATCH_TEXT) } }));
    list.push({
      key: 'filter',
      limit: `filter conditions ${QUERY_LIMITS.filterConditions} (contains ${MAX_MATCH_TEXT.toLocaleString('en')} characters)`,
      title: `userSessions(first: ${MAX_PAGE}, filter: { or: [${or.length} × contains of ${MAX_MATCH_TEXT} chars over ${stringFields.length} fields] }) { totalCount nodes }`,
      request: {
        query: 'query Filtered($f: UserSessionFilter, $first: Int) { userSessions(first: $first, filter: $f) { totalCount nodes { id country duration } } }',
        variables: { f: { or }, first: MAX_PAGE },
      },
      expect: 'data',
    });
  }

  // 3b. The same limit on the largest table: 200 `contains` or-ed over every text field of an
  //     action, with the count of all matches — one statement over every action.
  {
    const stringFields = Object.values((schema.getType('UserActionFilter') as GraphQLInputObjectType).getFields())
      .filter((f) => getNamedType(f.type).name === 'StringFilter')
      .map((f) => f.name);
    const or = Array.from({ length: QUERY_LIMITS.filterConditions }, (_, i) => ({ [stringFields[i % stringFields.length]!]: { contains: needle(i, MAX_MATCH_TEXT) } }));
    list.push({
      key: 'filterActions',
      limit: `filter conditions ${QUERY_LIMITS.filterConditions} on actions (contains ${MAX_MATCH_TEXT.toLocaleString('en')} characters)`,
      title: `userActions(first: ${MAX_PAGE}, filter: { or: [${or.length} × contains of ${MAX_MATCH_TEXT} chars over ${stringFields.length} fields] }) { totalCount nodes }`,
      request: {
        query: 'query FilteredActions($f: UserActionFilter, $first: Int) { userActions(first: $first, filter: $f) { totalCount nodes { id name duration } } }',
        variables: { f: { or }, first: MAX_PAGE },
      },
      expect: 'data or TIMEOUT',
    });
  }

  // 4. `in` lists: as many lists of 10,000 values as the request body allows.
  {
    const fields = ['userSessionId', 'userId', 'ip', 'city', 'country', 'browserFamily'];
    const values = (f: number) => Array.from({ length: QUERY_LIMITS.inValues }, (_, i) => `${f}-${i.toString(36).padStart(6, '0')}`);
    const request = (lists: number): Request => ({
      query: 'query InLists($f: UserSessionFilter, $first: Int) { userSessions(first: $first, filter: $f) { totalCount nodes { id country duration } } }',
      variables: { f: { or: Array.from({ length: lists }, (_, f) => ({ [fields[f]!]: { [f % 2 ? 'notIn' : 'in']: values(f) } })) }, first: MAX_PAGE },
    });
    const lists = Math.max(1, largest(fields.length, (n) => Buffer.byteLength(bodyOf(request(n))) <= QUERY_LIMITS.bodyBytes));
    const r = request(lists);
    list.push({
      key: 'in',
      limit: `values in one in/notIn list ${QUERY_LIMITS.inValues.toLocaleString('en')} (body ${QUERY_LIMITS.bodyBytes / 2 ** 20} MiB)`,
      title: `userSessions(first: ${MAX_PAGE}, filter: { or: [${lists} in/notIn lists × ${QUERY_LIMITS.inValues.toLocaleString('en')} values] }) — ${(Buffer.byteLength(bodyOf(r)) / 1024).toFixed(0)} KiB body`,
      request: r,
      expect: 'data',
    });
  }

  // 5. Stats, sessions: grouped by the widest dimension (one group per session) and a minute time
  //    zone bucket, every aggregate, Top-10,000.
  {
    const measures = ['DURATION', 'USER_ACTION_COUNT', 'TOTAL_ERROR_COUNT'].filter((m) => enumValues('UserSessionMeasure').includes(m));
    const aggregates = measures.map((m) => `avg${m}: avg(field: ${m}) p95${m}: percentile(field: ${m}, p: 95) med${m}: median(field: ${m})`).join(' ');
    list.push({
      key: 'stats',
      limit: `stats groups ${MAX_GROUPS.toLocaleString('en')} (sessions)`,
      title: `userSessionStats(groupBy: [USER_SESSION_ID, COUNTRY, BROWSER_FAMILY], interval: MINUTE, timeZone: America/New_York, first: ${MAX_GROUPS}) { count, avg/median/p95 × ${measures.length}, countDistinct }`,
      request: {
        query: `query Stats($g: [UserSessionDimension!], $i: Interval, $tz: String, $first: Int) { userSessionStats(groupBy: $g, interval: $i, timeZone: $tz, first: $first) { dimensions { userSessionId country browserFamily bucket } count ${aggregates} countDistinct(field: USER_ID) } }`,
        variables: { g: ['USER_SESSION_ID', 'COUNTRY', 'BROWSER_FAMILY'], i: 'MINUTE', tz: 'America/New_York', first: MAX_GROUPS },
      },
      expect: 'data',
    });
  }

  // 6. Stats, actions (the largest table): per-minute buckets in a time zone over every action, by name and target, Top-10,000.
  {
    list.push({
      key: 'actionStats',
      limit: `stats groups ${MAX_GROUPS.toLocaleString('en')} (actions, time zone)`,
      title: `userActionStats(groupBy: [NAME, TARGET_URL], interval: MINUTE, timeZone: America/New_York, first: ${MAX_GROUPS}) { count, avg/p95 duration, countDistinct }`,
      request: {
        query:
          'query ActionStats($g: [UserActionDimension!], $i: Interval, $tz: String, $first: Int) { userActionStats(groupBy: $g, interval: $i, timeZone: $tz, first: $first) { dimensions { name targetUrl bucket } count avg(field: DURATION) percentile(field: DURATION, p: 95) countDistinct(field: DOMAIN) } }',
        variables: { g: ['NAME', 'TARGET_URL'], i: 'MINUTE', tz: 'America/New_York', first: MAX_GROUPS },
      },
      expect: 'data or TIMEOUT',
    });
  }

  // 7. Funnel: 10 steps, each an `or` of `contains` conditions (200 a step, texts as long as the body allows).
  {
    const request = (chars: number): Request => ({
      query: 'query Funnel($steps: [UserActionFilter!]!) { funnel(steps: $steps) { step sessions conversion } }',
      variables: {
        steps: Array.from({ length: MAX_FUNNEL_STEPS }, (_, s) => ({
          or: Array.from({ length: QUERY_LIMITS.filterConditions }, (_, i) => ({ [i % 2 ? 'targetUrl' : 'name']: { contains: needle(s * 1000 + i, chars) } })),
        })),
      },
    });
    const chars = largest(MAX_MATCH_TEXT, (c) => Buffer.byteLength(bodyOf(request(Math.max(c, 8)))) <= QUERY_LIMITS.bodyBytes);
    list.push({
      key: 'funnel',
      limit: `funnel steps ${MAX_FUNNEL_STEPS} × filter conditions ${QUERY_LIMITS.filterConditions}`,
      title: `funnel(steps: ${MAX_FUNNEL_STEPS} × { or: [${QUERY_LIMITS.filterConditions} × contains of ${chars} chars] })`,
      request: request(chars),
      expect: 'data or TIMEOUT',
    });
  }

  // 8. Persons with their sessions through a filter: 500 persons, as many filtered sessions each as the cost allows.
  {
    const sels = (n: number): Sel[] => [
      {
        name: 'persons',
        args: 'first: $first',
        multiplier: MAX_PAGE,
        children: [{ name: 'nodes', children: [{ name: 'id' }, { name: 'userSessions', args: 'first: $n, filter: $f', multiplier: n, children: [{ name: 'totalCount' }, { name: 'nodes', children: [{ name: 'id' }, { name: 'duration' }, { name: 'country' }] }] }] }],
      },
    ];
    const n = largest(MAX_PAGE, (k) => cost(sels(k)) <= budget);
    list.push({
      key: 'persons',
      limit: `nested filtered lists (cost ${budget.toLocaleString('en')})`,
      title: `persons(first: ${MAX_PAGE}) { userSessions(first: ${n}, filter: { duration: { gte: 0 }, country: { contains } }) { totalCount nodes } } (cost ${cost(sels(n)).toLocaleString('en')})`,
      request: {
        query: `query PersonsSessions($first: Int, $n: Int, $f: UserSessionFilter) { ${render(sels(n))} }`,
        variables: { first: MAX_PAGE, n, f: { duration: { gte: 0 }, country: { contains: 'a' } } },
      },
      expect: 'data',
    });
  }

  // 9. The deadline: 100 aliases (the alias limit) of a heavy aggregate — each allowed alone,
  //    together more than any deadline. It must answer TIMEOUT at about 12 s, and the worker be replaced.
  //    (--quick: 10 aliases, which answer within the deadline on its tiny data: a smoke test.)
  {
    const aliases = quick ? 10 : QUERY_LIMITS.aliases;
    const fields = Array.from({ length: aliases }, (_, i) => `a${i}: userActionStats(groupBy: $g, interval: $i, timeZone: $tz, first: $first) { count percentile(field: DURATION, p: 95) }`).join(' ');
    list.push({
      key: 'deadline',
      limit: `wall time ${DEADLINE_MS / 1000} s (aliases ${aliases})`,
      title: `${aliases} aliases × userActionStats(groupBy: [NAME], interval: MINUTE, timeZone: America/New_York, first: ${MAX_GROUPS}) { count p95 }`,
      request: {
        query: `query Aliased($g: [UserActionDimension!], $i: Interval, $tz: String, $first: Int) { ${fields} }`,
        variables: { g: ['NAME'], i: 'MINUTE', tz: 'America/New_York', first: MAX_GROUPS },
      },
      expect: 'TIMEOUT',
    });
  }

  // 10. Batch mutation: markRecordingsViewed of 100 recordings (the id limit), each answering its
  //     person's sessions through a filter of 200 conditions (199 `contains` that never match, then
  //     one that always does: every condition is tried on every row, every row comes back), pages
  //     as large as the cost allows. Mutations run on a worker's read-write connection.
  {
    const stringFields = Object.values((schema.getType('UserSessionFilter') as GraphQLInputObjectType).getFields())
      .filter((f) => getNamedType(f.type).name === 'StringFilter')
      .map((f) => f.name);
    const f = {
      or: [
        ...Array.from({ length: QUERY_LIMITS.filterConditions - 1 }, (_, i) => ({ [stringFields[i % stringFields.length]!]: { contains: needle(i, MAX_MATCH_TEXT) } })),
        { duration: { gte: 0 } },
      ],
    };
    const recordingFields = leaves('SessionRecording');
    const personFields = leaves('Person');
    const sessionFields = leaves('UserSession');
    // A plain list of objects is priced at 10 items (the complexity plugin's default).
    const sels = (n: number): Sel[] => [
      {
        name: 'markRecordingsViewed',
        args: 'ids: $ids',
        multiplier: 10,
        children: [...recordingFields, { name: 'person', children: [...personFields, { name: 'userSessions', args: 'first: $n, filter: $f', multiplier: n, children: [{ name: 'totalCount' }, { name: 'nodes', children: sessionFields }] }] }],
      },
    ];
    const n = largest(MAX_PAGE, (k) => cost(sels(k)) <= budget);
    const scenario: Scenario = {
      key: 'mutation',
      limit: `batch mutation ids ${MAX_MUTATION_IDS}`,
      title: `markRecordingsViewed(ids: ${MAX_MUTATION_IDS} ids) { ${recordingFields.length} fields, person { ${personFields.length} fields, userSessions(first: ${n}, filter: { or: [${QUERY_LIMITS.filterConditions - 1} × contains of ${MAX_MATCH_TEXT} chars, duration ≥ 0] }) { totalCount nodes { ${sessionFields.length} fields } } } } (cost ${cost(sels(n)).toLocaleString('en')}), as viewer "${VIEWER}"`,
      request: {
        query: `mutation Viewed($ids: [ID!]!, $n: Int, $f: UserSessionFilter) { ${render(sels(n))} }`,
        variables: { ids: [], n, f },
      },
      headers: { 'x-sessiongraph-viewer': VIEWER },
      expect: 'data',
      prepare: async (url) => {
        const ids = await firstIds(url, 'recordings', MAX_MUTATION_IDS);
        scenario.request.variables.ids = ids;
        if (ids.length < MAX_MUTATION_IDS) scenario.title = scenario.title.replace(`ids: ${MAX_MUTATION_IDS} ids`, `ids: ${ids.length} ids (all there are)`);
      },
    };
    list.push(scenario);
  }

  // 11. Ingest, a body of nothing but rejected lines: `{}` lines up to the 32 MiB ingest limit
  //     (every one rejected: no record kind). Read and validated on a worker; the main thread must
  //     keep answering. (--quick: 1 MiB.)
  {
    const bytes = quick ? 2 ** 20 : INGEST_BODY_BYTES;
    const lines = Math.floor(bytes / 3);
    list.push({
      key: 'ingestRejected',
      limit: `ingest body ${INGEST_BODY_BYTES / 2 ** 20} MiB (rejected lines)`,
      title: `POST /ingest/dynatrace/sessions: ${lines.toLocaleString('en')} lines of {} (${(lines * 3 / 2 ** 20).toFixed(1)} MiB), every one rejected`,
      request: { query: `POST /ingest/dynatrace/sessions: ${lines} × "{}\\n"`, variables: {} },
      path: '/ingest/dynatrace/sessions',
      body: '{}\n'.repeat(lines),
      contentType: 'application/x-ndjson',
      runs: 2,
      timeoutMs: INGEST_DEADLINE_MS + HANG_MARGIN_MS,
      expect: 'NO_RECORD_STORED',
    });
  }

  // 12. Ingest, one session of as many actions as fit in the limit, sent twice: the second import
  //     replaces every nested row. (--quick: 2,000 actions.)
  {
    const bytes = quick ? 2 ** 20 : INGEST_BODY_BYTES;
    const head = `{"tenantId":"soak","userSessionId":"soak-big-session","startTime":${Date.UTC(2026, 0, 1)},"duration":3600000,"userActions":[`;
    const tail = ']}\n';
    const action = (i: number) =>
      `{"name":"click on button ${i}","type":"Xhr","domain":"shop.example.com","targetUrl":"https://shop.example.com/cart/${i}","startTime":${Date.UTC(2026, 0, 1) + i},"duration":${i % 5000}}`;
    const actions: string[] = [];
    let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
    const max = quick ? 2_000 : Infinity;
    for (let i = 0; actions.length < max; i++) {
      const a = action(i);
      const more = Buffer.byteLength(a) + (i ? 1 : 0);
      if (size + more > bytes) break;
      size += more;
      actions.push(a);
    }
    list.push({
      key: 'ingestSession',
      limit: `ingest body ${INGEST_BODY_BYTES / 2 ** 20} MiB (one session)`,
      title: `POST /ingest/dynatrace/sessions: one session of ${actions.length.toLocaleString('en')} actions (${(size / 2 ** 20).toFixed(1)} MiB), sent twice: the second replaces the first`,
      request: { query: `POST /ingest/dynatrace/sessions: one session, ${actions.length} actions of name/type/domain/targetUrl/startTime/duration`, variables: {} },
      path: '/ingest/dynatrace/sessions',
      body: head + actions.join(',') + tail,
      contentType: 'application/x-ndjson',
      runs: 2,
      timeoutMs: INGEST_DEADLINE_MS + HANG_MARGIN_MS,
      expect: 'accepted',
    });
  }

  // 13. Federation `_entities`: 10,000 user session representations (the limit), each with every
  //     value field and as many actions (every value field) as the cost allows. On a server started
  //     with --federation. (--quick: 200 representations.)
  {
    const sessionFields = leaves('UserSession');
    const actionFields = leaves('UserAction');
    const reps = quick ? 200 : MAX_REPRESENTATIONS;
    const sels = (n: number): Sel[] => [
      { name: '_entities', args: 'representations: $r', multiplier: 10, children: [{ name: '... on UserSession', children: [...sessionFields, { name: 'userActions', args: 'first: $n', multiplier: n, children: actionFields }] }] },
    ];
    // (The fragment is counted as a field here: the figure is at most 1 over the server's.)
    const n = largest(MAX_PAGE, (k) => cost(sels(k)) <= budget);
    const scenario: Scenario = {
      key: 'entities',
      limit: `_entities representations ${MAX_REPRESENTATIONS.toLocaleString('en')}`,
      title: `_entities(representations: ${reps.toLocaleString('en')} × UserSession) { ${sessionFields.length} fields, userActions(first: ${n}) { ${actionFields.length} fields } } (--federation)`,
      request: { query: `query Entities($r: [_Any!]!, $n: Int) { ${render(sels(n))} }`, variables: { r: [], n } },
      server: 'federation',
      expect: 'data',
      prepare: async (url) => {
        const ids = await firstIds(url, 'userSessions', reps);
        scenario.request.variables.r = ids.map((id) => ({ __typename: 'UserSession', id }));
        if (ids.length < reps) scenario.title = scenario.title.replace(`${reps.toLocaleString('en')} × UserSession`, `${ids.length.toLocaleString('en')} × UserSession (all there are)`);
      },
    };
    list.push(scenario);
  }

  // 14. A traced request: the sessions stats query of 5 asking for an Apollo inline trace (ftv1),
  //     as a federation gateway asks: a trace node per resolved field of 10,000 groups. (--quick:
  //     100 groups — the smoke test checks the traced path answers; past ~500 groups the trace
  //     plugin fails, which the full run reports.)
  {
    const stats = list.find((s) => s.key === 'stats')!;
    const groups = quick ? 100 : MAX_GROUPS;
    list.push({
      key: 'traced',
      limit: `traced (ftv1) stats groups ${MAX_GROUPS.toLocaleString('en')}`,
      title: `${stats.title.replace(/ \{.*$/, '').replace(`first: ${MAX_GROUPS}`, `first: ${groups}`)} { as in stats } with apollo-federated-include-trace: ftv1 (--federation)`,
      request: { query: stats.request.query, variables: { ...stats.request.variables, first: groups } },
      headers: { 'apollo-federated-include-trace': 'ftv1' },
      server: 'federation',
      expect: 'data',
    });
  }
  return list;
}

// ---------------------------------------------------------------- the server

/** `node dist/<script>.js …`: sessiongraph's commands run compiled, as `npm start` runs them. */
const spawnCompiled = (script: string, args: string[]): Child => spawnNode([join(root, 'dist', script), ...args], root);

async function startServer(db: string, federation = false): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  // Default flags: read workers on, no --debug-sql; only what the soak must decide (where, which
  // file), and --federation for the scenarios that need it.
  const child = spawnCompiled('cli/serve.js', ['--db', db, '--port', String(port), '--host', '127.0.0.1', ...(federation ? ['--federation'] : [])]);
  const outcome = await untilReady(child, /sessiongraph ready/, 90_000);
  if (outcome !== 'ready') {
    const code = outcome === 'exited' ? await child.exited : null;
    if (outcome !== 'exited') await stopChild(child);
    throw new Error(`node dist/cli/serve.js ${outcome === 'exited' ? `exited with code ${code}` : 'did not say ready in 90 s'} before it was ready:\n${child.output().slice(-4000) || '(no output)'}`);
  }
  return { child, base: `http://127.0.0.1:${port}` };
}

// ---------------------------------------------------------------- sending and sampling

export interface RunResult {
  ms: number;
  status: number | null;
  /** `data`, the error codes (`TIMEOUT`, `BAD_USER_INPUT`, …), `HTTP 5xx`, `no answer in N s`, or `connection error: …`. */
  kind: string;
  /** Bytes of the answer. */
  bytes: number;
  /** An answer a client can act on: data, or errors that each carry a code; no 5xx, no hang, no reset. */
  answered: boolean;
  /** The first error message, shortened (for the report). */
  message?: string;
}

/** An ingest answer: `accepted N` (200), or its code (`NO_RECORD_STORED`, `PAYLOAD_TOO_LARGE`, …) with what was rejected. */
function ingestKind(ms: number, status: number, text: string): RunResult {
  const bytes = Buffer.byteLength(text);
  let json: { accepted?: number; rejected?: number; code?: string; error?: string } | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  if (status >= 500) return { ms, status, kind: `HTTP ${status}${json?.code ? ` ${json.code}` : ''}`, bytes, answered: false, message: (json?.error ?? text).slice(0, 200) };
  if (!json) return { ms, status, kind: `HTTP ${status}, not JSON`, bytes, answered: false, message: text.slice(0, 200) };
  const counts = `accepted ${json.accepted ?? '?'}, rejected ${json.rejected ?? '?'}`;
  if (status === 200) return { ms, status, kind: 'accepted', bytes, answered: true, message: counts };
  return { ms, status, kind: json.code ?? 'no code', bytes, answered: !!json.code, message: `${counts}${json.error ? `: ${json.error.slice(0, 150)}` : ''}` };
}

async function send(url: string, body: string, timeoutMs: number, extra: { headers?: Record<string, string>; contentType?: string; ingest?: boolean } = {}): Promise<RunResult> {
  const t0 = performance.now();
  let status: number | null = null;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': extra.contentType ?? 'application/json', ...extra.headers }, body, signal: AbortSignal.timeout(timeoutMs) });
    status = res.status;
    const text = await res.text();
    const ms = performance.now() - t0;
    if (extra.ingest) return ingestKind(ms, status, text);
    const bytes = Buffer.byteLength(text);
    let json: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    const errors = json?.errors ?? [];
    const codes = [...new Set(errors.map((e) => e.extensions?.code ?? 'no code'))];
    const message = errors[0]?.message?.slice(0, 200);
    if (status >= 500) return { ms, status, kind: `HTTP ${status}${codes.length ? ` ${codes.join('+')}` : ''}`, bytes, answered: false, message: message ?? text.slice(0, 200) };
    if (!json) return { ms, status, kind: `HTTP ${status}, not JSON`, bytes, answered: false, message: text.slice(0, 200) };
    if (!errors.length) return { ms, status, kind: json.data != null ? 'data' : 'no data, no errors', bytes, answered: json.data != null };
    const kind = `${json.data != null ? 'data + ' : ''}${codes.join('+')}`;
    // An error without a code, or an unexpected error masked as INTERNAL_SERVER_ERROR, is not an answer a client can act on.
    return { ms, status, kind, bytes, answered: !codes.includes('no code') && !codes.includes('INTERNAL_SERVER_ERROR'), ...(message ? { message } : {}) };
  } catch (e) {
    const ms = performance.now() - t0;
    const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return { ms, status, kind: `no answer in ${(timeoutMs / 1000).toFixed(0)} s`, bytes: 0, answered: false };
    return { ms, status, kind: `connection error: ${err.cause?.code ?? err.cause?.message ?? err.message ?? String(e)}`, bytes: 0, answered: false };
  }
}

export interface HealthFigures {
  samples: number;
  /** Slowest answer (ms); a request still waiting when sampling stopped counts as its wait so far. */
  maxMs: number;
  p50Ms: number;
  /** Samples that were not a 200, or got no answer. */
  failures: number;
}

/** Polls GET /health/live, one request at a time, every `everyMs`, until stopped (bounded in count and time). */
function sampleHealth(base: string, everyMs: number, maxSeconds: number) {
  const times: number[] = [];
  let failures = 0;
  let stopped = false;
  let wake: () => void = () => {};
  let inFlightSince: number | null = null;
  const until = performance.now() + maxSeconds * 1000;
  const loop = (async () => {
    for (let i = 0; i < 100_000 && !stopped && performance.now() < until; i++) {
      const t0 = performance.now();
      inFlightSince = t0;
      try {
        const res = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(DEADLINE_MS + HANG_MARGIN_MS) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      inFlightSince = null;
      times.push(performance.now() - t0);
      if (!stopped) await new Promise<void>((r) => ((wake = r), setTimeout(r, everyMs)));
    }
  })();
  return {
    async stop(): Promise<HealthFigures> {
      stopped = true;
      const waiting = inFlightSince === null ? 0 : performance.now() - inFlightSince;
      wake();
      await Promise.race([loop, sleep(2_000)]);
      const sorted = [...times].sort((a, b) => a - b);
      return {
        samples: times.length,
        maxMs: Math.max(waiting, sorted[sorted.length - 1] ?? 0),
        p50Ms: sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? 0,
        failures,
      };
    },
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// ---------------------------------------------------------------- the run

/** The light query beside every worst request: a short list, three columns, as a dashboard's table asks. */
const LIGHT = { query: 'query Light($n: Int) { userSessions(first: $n) { nodes { id country duration } } }', variables: { n: 20 } };

export interface ScenarioResult {
  key: string;
  limit: string;
  title: string;
  expect: string;
  /** The server it was sent to: default flags, or --federation. */
  server: 'default' | 'federation';
  requestBytes: number;
  runs: RunResult[];
  /** Median time of the runs (ms) and the answer kind of most runs. */
  medianMs: number;
  kind: string;
  answered: boolean;
  light: LoadResult;
  /**
   * The same light load alone, measured just before (the machine's other load drifts: a
   * reference taken minutes earlier would compare different machines).
   */
  alone: LoadResult & { health: HealthFigures };
  /** Light p99 beside it ÷ light p99 alone. */
  lightP99Ratio: number;
  health: HealthFigures;
  /** The server was still running after it. */
  serverAlive: boolean;
}

export interface SoakResults {
  startedAt: string;
  runtimeSeconds: number;
  command: string;
  options: { sessions: number; runs: number; lightSeconds: number; connections: number; quick: boolean };
  machine: { os: string; cpus: { model: string; count: number }; totalMemoryBytes: number; loadAverage: { atStart: number[]; atEnd: number[] } };
  node: string;
  limits: typeof QUERY_LIMITS & { deadlineMs: number };
  sizes: { persons: number; userSessions: number; userActions: number; recordings: number };
  light: { query: string; variables: Record<string, unknown> };
  /** The light load alone, before the first worst request and after the last. */
  baseline: LoadResult & { health: HealthFigures };
  baselineAfter: (LoadResult & { health: HealthFigures }) | null;
  scenarios: ScenarioResult[];
  /** Worst requests that did not answer (5xx, hang, reset, uncoded error) or a /health/live that failed. */
  misbehaved: { key: string; what: string; request: string }[];
  /** How the server stopped on SIGTERM (exit code, or the signal that ended it) and its last lines then. */
  server: { peakRssBytes: number; stop: StopResult };
  /** The same for the --federation server of the federation scenarios. */
  federationServer?: { peakRssBytes: number; stop: StopResult };
}

async function main(opts: Options): Promise<void> {
  const sessions = opts.sessions ?? (opts.quick ? 1_000 : 50_000);
  const runsDefault = opts.runs ?? (opts.quick ? 1 : 3);
  const lightSeconds = opts.duration ?? (opts.quick ? 1 : 10);
  const warmup = opts.quick ? 0.3 : 2;
  const persons = Math.max(1, Math.round(sessions / SESSIONS_PER_PERSON));
  const dir = (runState.tempDir = mkdtempSync(join(tmpdir(), 'sessiongraph-soak-')));
  runState.keepTemp = !!opts.keep;
  const db = join(dir, 'store.db');
  const list = scenarios(!!opts.quick);
  let server: { child: Child; base: string } | undefined;
  try {
    if (opts.build) buildServer(root, log);
    log(`seeding ~${sessions.toLocaleString('en')} sessions (${persons.toLocaleString('en')} persons) into ${db}…`);
    const seed = spawnCompiled('cli/seed.js', ['--db', db, '--persons', String(persons), '--seed', '1', '--json']);
    const seedTimer = setTimeout(() => seed.proc.kill('SIGKILL'), 30 * 60_000);
    const seedCode = await seed.exited;
    clearTimeout(seedTimer);
    if (seedCode !== 0) throw new Error(`seeding failed (exit ${seedCode}):\n${seed.output().slice(-4000)}`);
    const summary = JSON.parse(seed.output().trim().split('\n').pop()!) as { persons: number; userSessions: number; userActions: number; recordings: number };
    log(`  ${summary.userSessions.toLocaleString('en')} sessions, ${summary.userActions.toLocaleString('en')} actions, ${summary.persons.toLocaleString('en')} persons`);

    // Every scenario on the server with default flags first (ingest last: it adds a big session),
    // then those that need --federation on a second server over the same file.
    const ordered = [...list.filter((s) => s.server !== 'federation'), ...list.filter((s) => s.server === 'federation')];
    const settings: LoadSettings = { connections: opts.connections, duration: lightSeconds, warmup };
    const results: ScenarioResult[] = [];
    const misbehaved: SoakResults['misbehaved'] = [];
    let baseline: (LoadResult & { health: HealthFigures }) | undefined;
    let after: (LoadResult & { health: HealthFigures }) | null = null;
    let defaultServer: SoakResults['server'] | undefined;
    let federationServer: SoakResults['server'] | undefined;
    let flavour: 'default' | 'federation' | undefined;
    let serverBaseline: LoadResult & { health: HealthFigures } = undefined as never;
    let pid = 0;
    let base = '';
    let url = '';
    let light = { url: '', body: '' };

    // The light load alone, with the same health sampling.
    const alone = async (when: string) => {
      log(`  light queries alone (${when}): ${opts.connections} connections, ${lightSeconds} s…`);
      const health = sampleHealth(base, 100, warmup + lightSeconds + 30);
      const result = { ...(await load(light, settings)), health: await health.stop() };
      log(`    ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; /health/live max ${result.health.maxMs.toFixed(1)} ms`);
      await waitIdle(pid, 60_000).catch(() => {});
      return result;
    };
    const stopServer = async () => {
      const peak = peakRss(pid) ?? 0;
      const stop = await stopChild(server!.child);
      server = undefined;
      return { peakRssBytes: peak, stop };
    };
    const start = async (want: 'default' | 'federation') => {
      server = await startServer(db, want === 'federation');
      flavour = want;
      base = server.base;
      pid = server.child.proc.pid!;
      url = `${base}/graphql`;
      light = { url, body: JSON.stringify(LIGHT) };
      log(`server ready at ${base} (${want === 'federation' ? '--federation' : 'default flags'}, pid ${pid})`);
      // Baseline after an unmeasured warm-up (a cold server's first seconds: JIT, statement caches, page cache).
      await load(light, { ...settings, duration: warmup * 2, warmup: 0 });
      await waitIdle(pid, 60_000).catch(() => {});
      serverBaseline = await alone('before');
      baseline ??= serverBaseline;
    };

    for (const s of ordered) {
      const want = s.server ?? 'default';
      let first = false;
      if (want !== flavour) {
        if (server) {
          // The default server's last window alone, then it stops before the next one starts.
          if (flavour === 'default') after = server.child.proc.exitCode === null ? await alone('after') : null;
          defaultServer = await stopServer();
        }
        await start(want);
        first = true;
      }
      const runs = s.runs ?? runsDefault;
      const timeoutMs = s.timeoutMs ?? DEADLINE_MS + HANG_MARGIN_MS;
      if (s.prepare) await s.prepare(url);
      const body = s.body ?? bodyOf(s.request);
      log(`${s.key}: ${s.title}`);
      // (--quick compares with the first window only: it checks answers, not figures.)
      const aloneNow = first || opts.quick ? serverBaseline : await alone('just before');
      const health = sampleHealth(base, 100, warmup + lightSeconds + (runs * timeoutMs) / 1000 + 30);
      const hammer = background(light, { ...settings, duration: 3600 });
      await sleep(warmup * 1000);
      const windowStart = performance.now();
      const done: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await send(s.path ? `${base}${s.path}` : url, body, timeoutMs, { headers: s.headers, contentType: s.contentType, ingest: !!s.path });
        done.push(r);
        log(`  run ${i + 1}: ${r.kind} in ${(r.ms / 1000).toFixed(2)} s (${(r.bytes / 1024).toFixed(0)} KiB)${r.message && r.kind !== 'data' ? ` — ${r.message}` : ''}`);
        if (server!.child.proc.exitCode !== null) break;
      }
      // The light window is at least as long as the baseline's, so the two percentiles are alike.
      const left = lightSeconds * 1000 - (performance.now() - windowStart);
      if (left > 0) await sleep(left);
      const lightDuring = await hammer.stop();
      const h = await health.stop();
      const kinds = done.map((r) => r.kind);
      const kind = [...new Set(kinds)].sort((a, b) => kinds.filter((k) => k === b).length - kinds.filter((k) => k === a).length)[0] ?? 'not sent';
      const alive = server!.child.proc.exitCode === null;
      const result: ScenarioResult = {
        key: s.key,
        limit: s.limit,
        title: s.title,
        expect: s.expect,
        server: want,
        requestBytes: Buffer.byteLength(body),
        runs: done,
        medianMs: median(done.map((r) => r.ms)),
        kind: new Set(kinds).size > 1 ? [...new Set(kinds)].join(' / ') : kind,
        answered: done.length === runs && done.every((r) => r.answered),
        light: lightDuring,
        alone: aloneNow,
        lightP99Ratio: aloneNow.p99 > 0 ? lightDuring.p99 / aloneNow.p99 : 0,
        health: h,
        serverAlive: alive,
      };
      results.push(result);
      log(`  light: ${lightDuring.rps.toFixed(0)} req/s, p50 ${lightDuring.p50.toFixed(1)} ms, p99 ${lightDuring.p99.toFixed(1)} ms${lightDuring.errors ? `, ${lightDuring.errors} errors ${JSON.stringify(lightDuring.errorKinds)}` : ''}; /health/live max ${h.maxMs.toFixed(1)} ms${h.failures ? `, ${h.failures} FAILED` : ''}`);
      const shortRequest = `${s.path ? `POST ${s.path} ` : ''}${s.request.query.slice(0, 300)}${s.request.query.length > 300 ? '…' : ''} variables ${JSON.stringify(s.request.variables).slice(0, 300)}…`;
      for (const r of done) if (!r.answered) misbehaved.push({ key: s.key, what: `${r.kind}${r.message ? `: ${r.message}` : ''}`, request: shortRequest });
      if (h.failures) misbehaved.push({ key: s.key, what: `/health/live failed ${h.failures} of ${h.samples} times`, request: 'GET /health/live' });
      if (lightDuring.errors) misbehaved.push({ key: s.key, what: `light queries: ${lightDuring.errors} errors ${JSON.stringify(lightDuring.errorKinds)}`, request: LIGHT.query });
      if (!alive) {
        misbehaved.push({ key: s.key, what: `the server exited (code ${server!.child.proc.exitCode}):\n${server!.child.output().slice(-2000)}`, request: shortRequest });
        break;
      }
      // The next scenario starts on a calm server (a cut request's worker is being replaced).
      await waitIdle(pid, 60_000).catch(() => log('  (server still busy after 60 s)'));
    }

    if (server) {
      if (flavour === 'default') after = server.child.proc.exitCode === null ? await alone('after') : null;
      if (flavour === 'default') defaultServer = await stopServer();
      else federationServer = await stopServer();
    }
    const out: SoakResults = {
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      runtimeSeconds: (performance.now() - started) / 1000,
      command: `npx tsx bench/soak.ts ${process.argv.slice(2).join(' ')}`.trim(),
      options: { sessions, runs: runsDefault, lightSeconds, connections: opts.connections, quick: !!opts.quick },
      machine: describeMachine(loadAtStart),
      node: process.version,
      limits: { ...QUERY_LIMITS, deadlineMs: DEADLINE_MS },
      sizes: summary,
      light: LIGHT,
      baseline: baseline!,
      baselineAfter: after,
      scenarios: results,
      misbehaved,
      server: defaultServer!,
      ...(federationServer ? { federationServer } : {}),
    };
    const rounded = (_: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
    writeFileSync(opts.out, `${JSON.stringify(out, rounded, 2)}\n`);
    if (opts.json) process.stdout.write(`${JSON.stringify(out, rounded)}\n`);
    else process.stdout.write(report(out));
    log(`wrote ${opts.out}`);
  } finally {
    if (server) await stopChild(server.child);
    cleanup();
    if (opts.keep) log(`kept ${dir}`);
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => (n >= 1000 ? `${fmt(n / 1000, 1)} s` : `${fmt(n, n < 10 ? 1 : 0)} ms`);

/** The table: one row per limit. */
export function report(r: SoakResults): string {
  const rows = [
    ['limit', 'worst request answers', 'time (median)', 'light p50', 'light p99 beside / alone', 'p99 ratio', 'light req/s beside / alone', '/health/live max'],
    ...r.scenarios.map((s) => [
      s.limit,
      s.kind,
      ms(s.medianMs),
      ms(s.light.p50),
      `${ms(s.light.p99)} / ${ms(s.alone.p99)}`,
      `${fmt(s.lightP99Ratio, 1)}x`,
      `${fmt(s.light.rps)} / ${fmt(s.alone.rps)}`,
      ms(s.health.maxMs),
    ]),
    ...(r.baselineAfter ? [['(light queries alone, at the end)', '', '', ms(r.baselineAfter.p50), ms(r.baselineAfter.p99), '', fmt(r.baselineAfter.rps), ms(r.baselineAfter.health.maxMs)]] : []),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [
    `data: ${fmt(r.sizes.userSessions)} user sessions, ${fmt(r.sizes.userActions)} user actions, ${fmt(r.sizes.persons)} persons`,
    `machine: ${r.machine.cpus.count} cores (${r.machine.cpus.model}), Node ${r.node}; load average ${r.machine.loadAverage.atStart.map((x) => x.toFixed(2)).join(' ')} at start, ${r.machine.loadAverage.atEnd.map((x) => x.toFixed(2)).join(' ')} at end`,
    `light: ${r.options.connections} connections of ${r.light.query} (n: ${String(r.light.variables.n)}), ${r.options.lightSeconds} s windows, alone just before each worst request and beside it (sent ${r.options.runs}x in a row; ingest bodies 2x)`,
    '',
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    ...r.scenarios.map((s) => `${s.key}: ${s.title}${s.runs.some((x) => x.kind !== 'data' && x.message) ? ` — ${s.runs.map((x) => `${x.kind}${x.message ? ` (${x.message.slice(0, 80)})` : ''}`).join('; ')}` : ''}`),
    '',
    r.misbehaved.length ? `MISBEHAVED:\n${r.misbehaved.map((m) => `  ${m.key}: ${m.what}\n    ${m.request}`).join('\n')}` : 'every worst request answered (data or a coded error); /health/live answered throughout',
    ...[['server', r.server] as const, ...(r.federationServer ? [['--federation server', r.federationServer] as const] : [])].map(
      ([name, x]) => `${name} peak RSS ${fmt(x.peakRssBytes / 2 ** 20)} MiB; on SIGTERM it ${x.stop.signal ? `ended by ${x.stop.signal}` : `exited with ${x.stop.code}`} after ${ms(x.stop.ms)}${x.stop.killed ? ' (SIGKILL needed)' : ''}`,
    ),
    `soak ran ${fmt(r.runtimeSeconds)} s`,
    '',
  ];
  return out.join('\n');
}

const program = new Command('soak')
  .description('The worst request each limit allows, beside a steady light load')
  .option('--sessions <n>', 'user sessions in the data set (default 50,000; 1,000 with --quick)', positiveInt('--sessions'))
  .option('--quick', 'tiny data, one run per worst request, 1-second light windows, one reference window: a smoke test')
  .option('--runs <n>', 'times each worst request is sent in a row (default 3; 1 with --quick)', positiveInt('--runs'))
  .option('--duration <s>', 'seconds of light load measured, at least, per worst request and alone (default 10; 1 with --quick)', positiveSeconds('--duration'))
  .option('--connections <n>', 'connections of the light load', positiveInt('--connections'), 8)
  .option('--out <file>', 'where to write the results', join(root, 'bench/soak-results.json'))
  .option('--json', 'print the results as JSON instead of the table')
  .option('--keep', 'keep the temporary data directory')
  .option('--no-build', 'use dist/ as it is (skip npm run build)')
  .action((opts: Options) => runMain('soak', () => main(opts)));

// Run only as a script (the test imports nothing from here, but tools may).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await program.parseAsync();
}
