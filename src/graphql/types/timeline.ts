/**
 * Person.timeline: a person's recordings, user sessions, and the actions and errors of those
 * sessions, in time order, as one keyset connection. One statement serves the page of every
 * person on it: it numbers their items (a UNION ALL of the kinds asked for, ROW_NUMBER() per
 * person), keeps the first `first + 1` after the cursor, and joins each to its row by pk; the
 * total, when asked, takes one more. So the statements of a page do not grow with persons or items.
 */
import { and, eq, getTableColumns, gt, gte, isNotNull, lt, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { orderTerm, tableThroughIndex } from '../../db/dialect.js';
import * as t from '../../db/schema.js';
import { builder } from '../builder.js';
import { reads } from '../columns.js';
import { param, type Context } from '../context.js';
import { SortDirection } from '../enums.js';
import { checkFilterSize, compileOperators, operatorFilterFor, type OperatorFilter } from '../filters.js';
import { batchLoad, inKeys, keyList, pageComplexity, parentIndex, projectGuard, requestLoader, type Connection, type ParentLink, type Table } from '../lists.js';
import { checkPageSize, decodeListCursor, DEFAULT_PAGE_SIZE, encodeListCursor, MAX_PAGE_SIZE, type Direction } from '../pagination.js';
import { PersonRef, RecordingRef, UserActionRef, UserErrorRef, UserSessionRef } from '../refs.js';
import { recordingsOfPerson, userSessionsOfPerson } from './person.js';
import { recordingVisible } from './recording.js';

/** The kinds in their tie order: items at the same millisecond come in this order, then by pk. */
const KINDS = ['recording', 'userSession', 'userAction', 'userError'] as const;
type Kind = (typeof KINDS)[number];

const TimelineKind = builder.enumType('TimelineKind', {
  description: "What a person's timeline item is; at the same millisecond items come in this order.",
  values: {
    RECORDING: { value: 'recording', description: 'A PostHog session recording (at its start time).' },
    USER_SESSION: { value: 'userSession', description: 'A Dynatrace user session (at its start time).' },
    USER_ACTION: { value: 'userAction', description: "A user action of one of the person's sessions (at its start time)." },
    USER_ERROR: { value: 'userError', description: "An error of one of the person's sessions (at its time)." },
  } as const,
});

const refs = { recording: RecordingRef, userSession: UserSessionRef, userAction: UserActionRef, userError: UserErrorRef };
/** Which member of the union a loaded row is (rows of different tables are not told apart by shape). */
const kindOfRow = new WeakMap<object, Kind>();

const TimelineItem = builder.unionType('TimelineItem', {
  description: "An item of a person's timeline: a recording, a user session, or an action or error of a session.",
  types: [RecordingRef, UserSessionRef, UserActionRef, UserErrorRef],
  resolveType: (row) => refs[kindOfRow.get(row)!],
});

interface TimelineFilterInput {
  at?: OperatorFilter | null;
}

const TimelineFilter = builder.inputRef<TimelineFilterInput>('TimelineFilter').implement({
  description: 'Conditions on timeline items; all given conditions must hold.',
  fields: (i) => ({
    at: i.field({ type: operatorFilterFor({ kind: 'time' }), required: false, description: "The item's time (`at`)." }),
  }),
});

type TimelineRow = t.RecordingRow | t.UserSessionRow | t.UserActionRow | t.UserErrorRow;

interface TimelineEdge {
  cursor: string;
  node: TimelineRow;
  kind: Kind;
  at: Date;
}

const PersonTimelineConnection = builder.connectionObject(
  { type: TimelineItem, name: 'PersonTimelineConnection', description: "A page of a person's timeline (a Relay cursor connection)." },
  {
    name: 'PersonTimelineEdge',
    description: 'One item of the timeline, with its cursor, kind and time.',
    fields: (e) => ({
      kind: e.field({ type: TimelineKind, description: 'What the item is.', resolve: (edge) => (edge as unknown as TimelineEdge).kind }),
      at: e.field({ type: 'DateTime', description: "The item's time: the start of a recording, session or action; the time of an error.", resolve: (edge) => (edge as unknown as TimelineEdge).at }),
    }),
  },
);

const d = t.personDistinctIds;
const r = t.recordings;
const s = t.userSessions;
const a = t.userActions;
const e = t.userErrors;

/**
 * A table joined to the persons' distinct ids through its link's index (INDEXED BY on SQLite, as
 * lists.ts selectChildren does: left to itself SQLite may walk an index of a filtered column).
 */
function joinLinked(table: Table, link: ParentLink): SQL {
  return sql`inner join ${tableThroughIndex(table, parentIndex(table, link)!)} on ${link.join!.on}`;
}

/** A session's rows, searched by session pk (the (session_pk, seq) index). */
function sessionRows(child: typeof a | typeof e): Pick<KindSource, 'joins' | 'guards'> {
  return {
    joins: () => sql`${joinLinked(s, userSessionsOfPerson)} inner join ${child} on ${eq(child.sessionPk, s.pk)}`,
    guards: () => [projectGuard(s.project), projectGuard(child.project)],
  };
}

/** How one kind reaches the persons' distinct ids, and its time column. */
interface KindSource {
  table: Table;
  at: SQLiteColumn;
  joins: () => SQL;
  /**
   * The project guard of every table joined, and what the caller may see at all. Written `+project`
   * (projectGuard) as lists.ts does for children: a constant project on the joined table would let
   * SQLite walk all of the project's rows first instead of searching them from the persons' ids.
   */
  guards: () => SQL[];
}

const SOURCES: Record<Kind, KindSource> = {
  recording: { table: r, at: r.startTime, joins: () => joinLinked(r, recordingsOfPerson), guards: () => [projectGuard(r.project), recordingVisible()] },
  userSession: { table: s, at: s.startTime, joins: () => joinLinked(s, userSessionsOfPerson), guards: () => [projectGuard(s.project)] },
  userAction: { table: a, at: a.startTime, ...sessionRows(a) },
  userError: { table: e, at: e.startTime, ...sessionRows(e) },
};

/** Where an item is in the timeline's order: its time (epoch ms), its kind's rank in KINDS, its pk. */
interface Position {
  at: number;
  kind: number;
  pk: number;
}

/** One kind's items after the cursor's item in the timeline's order (`dir` of time, then kind, then pk). */
function afterPosition(kind: Kind, cursor: Position, dir: Direction): SQL {
  const { at, table } = SOURCES[kind];
  const [later, laterOrSame] = dir === 'asc' ? [gt, gte] : [lt, lte];
  const when = new Date(cursor.at);
  const rank = KINDS.indexOf(kind);
  if (rank === cursor.kind) return or(later(at, when), and(eq(at, when), later(table.pk, cursor.pk)))!;
  // At the cursor's very millisecond, another kind is after it when its rank is.
  const rankAfter = dir === 'asc' ? rank > cursor.kind : rank < cursor.kind;
  return rankAfter ? laterOrSame(at, when) : later(at, when);
}

/** The names the statements give their columns and subqueries. */
const n = {
  person: sql.identifier('person'),
  kind: sql.identifier('kind'),
  at: sql.identifier('at'),
  pk: sql.identifier('pk'),
  row: sql.identifier('row_number'),
  count: sql.identifier('count'),
  items: sql.identifier('items'),
  numbered: sql.identifier('numbered'),
};

/** Every item of the asked kinds of the persons in `param.keys` passing `where` (per kind): (person, kind rank, at, pk). */
function itemsSql(kinds: readonly Kind[], where: (kind: Kind) => SQL[]): SQL {
  const branches = kinds.map((kind) => {
    const { table, at, joins, guards } = SOURCES[kind];
    // The rank is this module's constant, so the text is the same for every request.
    const rank = sql.raw(String(KINDS.indexOf(kind)));
    const conditions = and(inKeys(d.personPk), projectGuard(d.project), ...guards(), isNotNull(at), ...where(kind));
    return sql`select ${d.personPk} as ${n.person}, ${rank} as ${n.kind}, ${at} as ${n.at}, ${table.pk} as ${n.pk} from ${d} ${joins()} where ${conditions}`;
  });
  return sql.join(branches, sql` union all `);
}

/**
 * The page: the first `param.limit` items of each person in the timeline's order, each with its
 * row (every column of its kind's table, joined by pk; the other kinds' come back null), in one
 * statement.
 */
function pageQuery(ctx: Context, items: SQL, dir: Direction) {
  const order = sql.join([n.at, n.kind, n.pk].map((column) => orderTerm(sql`${column}`, dir)), sql`, `);
  const numbered = sql`(select ${n.person}, ${n.kind}, ${n.at}, ${n.pk}, row_number() over (partition by ${n.person} order by ${order}) as ${n.row} from (${items}) as ${n.items}) as ${n.numbered}`;
  const col = (name: SQLWrapper) => sql`${n.numbered}.${name}`;
  const isKind = (kind: Kind, table: Table) => and(sql`${col(n.kind)} = ${sql.raw(String(KINDS.indexOf(kind)))}`, sql`${table.pk} = ${col(n.pk)}`);
  return ctx.store.db
    .select({
      person: sql<number>`${col(n.person)}`,
      kind: sql<number>`${col(n.kind)}`,
      at: sql<number>`${col(n.at)}`,
      pk: sql<number>`${col(n.pk)}`,
      recording: getTableColumns(r),
      userSession: getTableColumns(s),
      userAction: getTableColumns(a),
      userError: getTableColumns(e),
    })
    .from(numbered)
    .leftJoin(r, isKind('recording', r))
    .leftJoin(s, isKind('userSession', s))
    .leftJoin(a, isKind('userAction', a))
    .leftJoin(e, isKind('userError', e))
    .where(sql`${col(n.row)} <= ${param.limit}`)
    .orderBy(col(n.person), col(n.row));
}

interface TimelineArgs {
  first?: number | null;
  after?: string | null;
  filter?: TimelineFilterInput | null;
  kinds?: Kind[] | null;
  direction?: Direction | null;
}

/** An item of a page: where it is in the order, and its row. */
type ItemRow = { person: number; kind: number; at: number; pk: number; node: TimelineRow };

/** What a cursor is valid for: the timeline in one direction (scoped and sealed by pagination.ts). */
const signature = (dir: Direction) => `timeline:${dir}`;

/** Each kind's conditions from the filter and the cursor. */
function conditionsOf(ctx: Context, args: TimelineArgs, dir: Direction): (kind: Kind) => SQL[] {
  const filter = args.filter?.at;
  if (args.filter) checkFilterSize(args.filter);
  const after = args.after ? decodeListCursor(ctx, args.after, signature(dir), 3, 'after').map(Number) : null;
  const cursor = after && { at: after[0]!, kind: after[1]!, pk: after[2]! };
  return (kind) => [...(filter ? compileOperators(SOURCES[kind].at, filter, ctx.now) : []), ...(cursor ? [afterPosition(kind, cursor, dir)] : [])];
}

/** How many items each person has in all (filter and kinds, no cursor): one statement, only when totalCount is asked. */
async function countItems(ctx: Context, persons: readonly number[], kinds: readonly Kind[], where: (kind: Kind) => SQL[]): Promise<Map<number, number>> {
  const counts = new Map(persons.map((p) => [p, 0]));
  if (!kinds.length) return counts;
  const rows = await ctx.sql.raw<{ person: number; count: number }>(
    sql`select ${n.person}, count(*) as ${n.count} from (${itemsSql(kinds, where)}) as ${n.items} group by ${n.person}`,
    keyList(persons),
  );
  for (const row of rows) counts.set(Number(row.person), Number(row.count));
  return counts;
}

/** What one person's page is made of: its items with their rows, numbered up to size + 1. */
interface PageParts {
  mine: ItemRow[];
  size: number;
  cursorOf: (item: ItemRow | undefined) => string | null;
  after: boolean;
  totalCount: () => Promise<number>;
}

/** One person's Relay page. */
function timelinePage({ mine, size, cursorOf, after, totalCount }: PageParts): Connection<TimelineRow> {
  const kept = mine.slice(0, size);
  const edges: TimelineEdge[] = kept.map((item) => ({
    node: item.node,
    kind: KINDS[item.kind]!,
    at: new Date(item.at),
    get cursor() {
      return cursorOf(item)!;
    },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: mine.length > size,
      hasPreviousPage: after,
      // Cursors are made when read, as pagination.ts toPage makes them.
      get startCursor() {
        return cursorOf(kept[0]);
      },
      get endCursor() {
        return cursorOf(kept.at(-1));
      },
    },
    totalCount,
  };
}

/** The timelines of many persons, one page each. */
async function timelines(ctx: Context, persons: number[], args: TimelineArgs): Promise<Connection<TimelineRow>[]> {
  checkPageSize('first', args.first);
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const dir = args.direction ?? 'asc';
  const kinds = KINDS.filter((k) => args.kinds == null || args.kinds.includes(k));
  const where = conditionsOf(ctx, args, dir);
  const rows = kinds.length ? await ctx.sql.shaped(null, () => pageQuery(ctx, itemsSql(kinds, where), dir), { ...keyList(persons), limit: size + 1 }) : [];
  const items = rows.map((row): ItemRow => {
    const kind = Number(row.kind);
    // Joined by pk in the same statement that numbered it: the row of the item's own kind is there.
    const node = row[KINDS[kind]!]!;
    kindOfRow.set(node, KINDS[kind]!);
    return { person: Number(row.person), kind, at: Number(row.at), pk: Number(row.pk), node };
  });
  // Counted without the cursor (the same total on every page), for all persons at once when asked.
  const counter = requestLoader(ctx, `Person.timeline.count:${JSON.stringify([kinds, args.filter ?? null])}`, (keys) =>
    countItems(ctx, keys, kinds, conditionsOf(ctx, { filter: args.filter }, dir)),
  );
  const cursorOf = (item: ItemRow | undefined) => (item ? encodeListCursor(ctx, signature(dir), [item.at, item.kind, item.pk]) : null);
  return persons.map((person) =>
    timelinePage({ mine: items.filter((i) => i.person === person), size, cursorOf, after: Boolean(args.after), totalCount: () => counter.load(person) }),
  );
}

builder.objectFields(PersonRef, (f) => ({
  timeline: f.loadable({
    type: PersonTimelineConnection,
    description:
      "The person's recordings, user sessions, and the actions and errors of those sessions, in time order (ties: recording, session, action, error, then as stored), one page per person; items without a time are not on it.",
    // byPath: one loader per place in the query, so all its keys share the arguments.
    byPath: true,
    ...reads('pk'),
    args: {
      first: f.arg.int({ description: `Page size (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` }),
      after: f.arg.string({ description: 'Items after this cursor (an `endCursor` or edge `cursor` of this timeline in the same direction).' }),
      filter: f.arg({ type: TimelineFilter, description: 'Only the items matching all these conditions.' }),
      kinds: f.arg({ type: [TimelineKind], description: 'Only items of these kinds (default: all).' }),
      direction: f.arg({ type: SortDirection, defaultValue: 'asc', description: 'ASC: oldest first; DESC: newest first (the exact reverse order).' }),
    },
    complexity: pageComplexity,
    load: batchLoad((persons: number[], ctx: Context, args: TimelineArgs) => timelines(ctx, persons, args)),
    resolve: (p) => p.pk,
  }),
}));
