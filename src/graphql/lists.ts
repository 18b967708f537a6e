/**
 * Reading lists of an entity: root connections (one page, one statement, plus a COUNT only when
 * `totalCount` is asked for) and nested lists for many parents at once (one statement with a
 * window function, whatever the number of parents).
 */
import { and, count, eq, getTableName, is, sql, SQL } from 'drizzle-orm';
import { getTableConfig, SQLiteColumn, type SelectedFields, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { columnSelection, selectedColumns, type Shape } from './columns.js';
import { param, type Context } from './context.js';
import { equalsWithoutIndex, inJsonArray, tableThroughIndex } from '../db/dialect.js';
import type { EntityFilter, EntityFilterType } from './filters.js';
import { DEFAULT_PAGE_SIZE, orderBySql, planPage, toPage, type EntityOrder, type OrderInput, type OrderTerm, type Page, type PageArgs } from './pagination.js';
import type { ConnectionExtras } from './builder.js';

export type Table = SQLiteTable & { pk: SQLiteColumn; project: SQLiteColumn };
export type Row<T extends Table> = T['$inferSelect'] & { pk: number };

export interface ListQuery<T extends Table> {
  table: T;
  where: SQL | undefined;
  terms: OrderTerm[];
  /** Rows the caller may see at all (e.g. recordings not yet expired). */
  visible?: SQL;
  /** The columns the query's selection reads (pk and order keys are added); null or absent: all. */
  columns?: readonly string[] | null;
}

/** The list's Drizzle selection: the columns asked for, with pk and the order keys cursors hold. */
function listSelection<T extends Table>(q: ListQuery<T>) {
  return columnSelection(q.table, q.columns, q.terms.map((t) => t.field.name));
}

/**
 * `column IN (…keys)`, the keys one JSON parameter (`param.keys`, filled by `keyList`): the
 * statement text is the same for any number of keys. A filter's `in` list passes its own JSON
 * array text instead (one SQL variable, however long the list).
 */
export function inKeys(column: SQLiteColumn | SQL, keys: typeof param.keys | string = param.keys): SQL {
  return inJsonArray(column, keys);
}

/** The value of `param.keys`. */
export function keyList(keys: readonly (number | string)[]): { keys: string } {
  return { keys: JSON.stringify(keys) };
}

const linkIds = new WeakMap<ParentLink, number>();
let nextLinkId = 1;

/**
 * What decides a list statement's text (see SqlRunner.shaped), or null when a filter or a cursor
 * brings values of its own. `visible` is the table's one condition (entityList), so the table
 * name stands for it; a link counts by identity (links are module constants).
 */
function listShape<T extends Table>(q: ListQuery<T>, link: ParentLink | null, bounds: SQL | undefined, ...more: (string | number | boolean | undefined)[]): string | null {
  if (q.where || bounds) return null;
  let linkId = link ? linkIds.get(link) : 0;
  if (linkId === undefined) linkIds.set(link!, (linkId = nextLinkId++));
  const terms = q.terms.map((t) => `${t.field.name} ${t.direction}`).join(',');
  return [getTableName(q.table), q.visible ? 'visible' : '', q.columns?.join(',') ?? '*', terms, linkId, ...more].join('|');
}

export type Connection<R> = Page<R> & ConnectionExtras;

/** Conditions every read carries: the caller's project, and the caller's filter. */
function scoped<T extends Table>(q: ListQuery<T>, ...more: (SQL | undefined)[]): SQL {
  return and(eq(q.table.project, param.project), q.visible, q.where, ...more)!;
}

/**
 * The same for children found through their parents' keys. Those keys are already of the caller's
 * project, and the project check stays as a safeguard, but written `+project` so SQLite does not
 * pick a project-leading index (every row of the project) over the parent-key index.
 */
function scopedChildren<T extends Table>(q: ListQuery<T>, ...more: (SQL | undefined)[]): SQL {
  return and(projectGuard(q.table.project), q.visible, q.where, ...more)!;
}

/** `+project = ?`: checks the project without letting SQLite pick a project-leading index for it. */
export function projectGuard(column: SQLiteColumn): SQL {
  return equalsWithoutIndex(column, param.project);
}

export async function rootConnection<T extends Table>(ctx: Context, q: ListQuery<T>, args: PageArgs): Promise<Connection<Row<T>>> {
  const { db } = ctx.store;
  const plan = planPage(args, q.terms, q.table.pk, ctx);
  const rows = (await ctx.sql.shaped(
    listShape(q, null, plan.where, 'root', plan.inverted),
    () =>
      db
        .select(listSelection(q))
        .from(q.table as SQLiteTable)
        .where(scoped(q, plan.where))
        .orderBy(...orderBySql(q.terms, q.table.pk, plan.inverted))
        .limit(param.limit),
    { limit: plan.limit },
  )) as Row<T>[];
  return {
    ...toPage(rows, plan, q.terms, args),
    totalCount: async () =>
      (await ctx.sql.shaped(listShape({ ...q, columns: [] }, null, undefined, 'count'), () => db.select({ n: count() }).from(q.table as SQLiteTable).where(scoped(q)), {}))[0]?.n ?? 0,
  };
}

/** Rows grouped under their parent's key, in row order; every key present (empty when it has none). */
export function groupByParent<R, V>(keys: readonly number[], rows: readonly R[], parentOf: (row: R) => number, valueOf: (row: R) => V): Map<number, V[]> {
  const grouped = new Map<number, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) grouped.get(parentOf(row))?.push(valueOf(row));
  return grouped;
}

/** How children hang off their parents: the parent key expression, and a join if needed. */
export interface ParentLink {
  key: SQLiteColumn;
  join?: { table: SQLiteTable; on: SQL };
  /**
   * A column numbering each parent's children 0, 1, 2, … without gaps, in their default order
   * (the import writes it so). The first N children in that order are then `position < N`: a
   * range on the (parent, position) index instead of a window over every child of every parent.
   */
  position?: SQLiteColumn;
}

/** Which children of each parent: the first `limit` (all with null) in `terms` order, reversed when `inverted`, within cursor `bounds`. */
export interface ChildWindow {
  limit: number | null;
  inverted?: boolean;
  bounds?: SQL;
}

type Windowed<T extends Table> = Row<T> & { parentKey: number; rowNumber: number; windowCount?: number };

/** A window read: the pages of every parent and, when asked, how many children each has in all. */
export interface ChildPages<T extends Table> {
  pages: Map<number, Row<T>[]>;
  /** Per parent, all children matching the filter (present only with `count`, and without bounds). */
  counts?: Map<number, number>;
}

/**
 * The first `limit` children (in `terms` order, within `bounds`) of every parent, in one
 * statement: ROW_NUMBER() OVER (PARTITION BY parent ORDER BY …). With `count` (and no bounds)
 * the same statement also counts each parent's children: COUNT(*) OVER (PARTITION BY parent).
 */
export async function childPages<T extends Table>(
  ctx: Context,
  q: ListQuery<T>,
  link: ParentLink,
  parentKeys: readonly number[],
  window: ChildWindow & { count?: boolean },
): Promise<ChildPages<T>> {
  const counted = window.count === true && !window.bounds;
  if (!counted && (window.limit == null || inPositionOrder(q, link, window))) return { pages: await orderedChildren(ctx, q, link, parentKeys, window) };
  const rows = (await ctx.sql.shaped(
    listShape(q, link, window.bounds, 'window', window.limit == null, window.inverted, counted),
    () => windowStatement(ctx, q, link, { ...window, counted }),
    { ...keyList(parentKeys), limit: window.limit },
  )) as unknown as Windowed<T>[];
  const pages = groupByParent(parentKeys, rows, (r) => r.parentKey, ({ parentKey: _p, rowNumber: _n, windowCount: _c, ...row }) => row as Row<T>);
  if (!counted) return { pages };
  // A parent without rows has no children at all (a parent with some has at least its first row).
  const counts = new Map(parentKeys.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.parentKey, r.windowCount!);
  return { pages, counts };
}

/** childPages' statement: every parent's children numbered (and counted) in a window, the first `param.limit` of each kept. */
function windowStatement<T extends Table>(ctx: Context, q: ListQuery<T>, link: ParentLink, window: ChildWindow & { counted: boolean }) {
  const { db } = ctx.store;
  const order = sql.join(orderBySql(q.terms, q.table.pk, window.inverted), sql`, `);
  const inner = selectChildren(ctx, q, link, {
    ...listSelection(q),
    parentKey: sql<number>`${link.key}`.as('parent_key'),
    rowNumber: sql<number>`row_number() over (partition by ${link.key} order by ${order})`.as('row_number'),
    ...(window.counted ? { windowCount: sql<number>`count(*) over (partition by ${link.key})`.as('window_count') } : {}),
  }).where(scopedChildren(q, inKeys(link.key), window.bounds)).as('w');
  const outer = db.select().from(inner);
  return (window.limit == null ? outer : outer.where(sql`${inner.rowNumber} <= ${param.limit}`)).orderBy(sql`${inner.parentKey}`, sql`${inner.rowNumber}`);
}

/**
 * SELECT … FROM the children's table, joined to the link's table when the parent key lives there.
 * The children's table is read `INDEXED BY` the index of the link (see parentIndex): whatever the
 * filter and order, SQLite finds each parent's children through the parent key first and checks
 * the filter on those few rows. Left to itself it may pick an index of a filtered column instead,
 * e.g. `(project, duration)` for `duration >= 0` (the join's `project = project` makes a
 * project-leading index usable): every row of the project, once per parent.
 */
function selectChildren<T extends Table, S extends SelectedFields>(ctx: Context, q: ListQuery<T>, link: ParentLink, selection: S) {
  const from = ctx.store.db.select(selection).from(q.table as SQLiteTable);
  const base = link.join ? from.innerJoin(link.join.table, link.join.on) : from;
  const index = parentIndex(q.table, link);
  if (!index) return base;
  // Drizzle has no INDEXED BY, and refuses a FROM that is not a table while the selection names
  // its columns: the statement it builds gets the table's FROM item replaced.
  const hinted = tableThroughIndex(q.table, index);
  const query = base as unknown as { getSQL(): SQL };
  const build = query.getSQL.bind(query);
  query.getSQL = () => {
    const statement = build();
    const at = statement.queryChunks.indexOf(q.table);
    if (at < 0) throw new Error(`selectChildren: no FROM ${getTableName(q.table)} to hint`);
    statement.queryChunks.splice(at, 1, hinted);
    return statement;
  };
  return base;
}

const parentIndexes = new WeakMap<ParentLink, Map<SQLiteTable, string | null>>();

/**
 * The index of `table` that leads with the columns linking it to its parents (the link's key, or
 * the table's columns in the link's join condition), e.g. `user_sessions_project_user_start` for
 * sessions joined on (project, user_id); null when it has none.
 */
export function parentIndex(table: SQLiteTable, link: ParentLink): string | null {
  let byTable = parentIndexes.get(link);
  if (!byTable) parentIndexes.set(link, (byTable = new Map()));
  let found = byTable.get(table);
  if (found !== undefined) return found;
  const linked = new Set<string>();
  const collect = (chunk: unknown): void => {
    if (is(chunk, SQLiteColumn)) {
      if (chunk.table === table) linked.add(chunk.name);
    } else if (is(chunk, SQL)) chunk.queryChunks.forEach(collect);
  };
  collect(link.join ? link.join.on : link.key);
  const candidates = getTableConfig(table).indexes.filter((i) => {
    const leading = i.config.columns.slice(0, linked.size).map((c) => (is(c, SQLiteColumn) ? c.name : null));
    return linked.size > 0 && leading.length === linked.size && leading.every((name) => name != null && linked.has(name));
  });
  // The narrowest such index: the least to read per entry.
  candidates.sort((a, b) => a.config.columns.length - b.config.columns.length);
  found = candidates[0]?.config.name ?? null;
  byTable.set(table, found);
  return found;
}

/** Whether the first `limit` children are simply those with `position < limit` (see ParentLink.position). */
function inPositionOrder<T extends Table>(q: ListQuery<T>, link: ParentLink, window: ChildWindow): boolean {
  const [term, ...more] = q.terms;
  return link.position != null && !q.where && !window.bounds && !window.inverted && !more.length && term?.direction === 'asc' && term.field.column === link.position;
}

/**
 * Every child of every parent in page order, or with `limit` the first ones by position: no
 * window function needed, so a plain ordered read.
 */
async function orderedChildren<T extends Table>(
  ctx: Context,
  q: ListQuery<T>,
  link: ParentLink,
  parentKeys: readonly number[],
  window: ChildWindow,
): Promise<Map<number, Row<T>[]>> {
  const range = window.limit == null ? undefined : sql`${link.position!} < ${param.limit}`;
  const rows = (await ctx.sql.shaped(
    listShape(q, link, window.bounds, 'ordered', window.limit == null, window.inverted),
    () =>
      selectChildren(ctx, q, link, { ...listSelection(q), parentKey: sql<number>`${link.key}`.as('parent_key') })
        .where(scopedChildren(q, inKeys(link.key), window.bounds, range))
        .orderBy(link.key, ...orderBySql(q.terms, q.table.pk, window.inverted)),
    { ...keyList(parentKeys), limit: window.limit },
  )) as unknown as (Row<T> & { parentKey: number })[];
  return groupByParent(parentKeys, rows, (r) => r.parentKey, ({ parentKey: _p, ...row }) => row as Row<T>);
}

/** The pages of childPages alone. */
export async function childrenOfParents<T extends Table>(
  ctx: Context,
  q: ListQuery<T>,
  link: ParentLink,
  parentKeys: readonly number[],
  window: ChildWindow,
): Promise<Map<number, Row<T>[]>> {
  return (await childPages(ctx, q, link, parentKeys, window)).pages;
}

/** COUNT(*) of matching children per parent, in one statement. */
export async function countChildren<T extends Table>(
  ctx: Context,
  q: ListQuery<T>,
  link: ParentLink,
  parentKeys: readonly number[],
): Promise<Map<number, number>> {
  const rows = (await ctx.sql.shaped(
    listShape({ ...q, columns: [] }, link, undefined, 'count'),
    () => selectChildren(ctx, q, link, { parentKey: link.key, n: count() }).where(scopedChildren(q, inKeys(link.key))).groupBy(link.key),
    keyList(parentKeys),
  )) as { parentKey: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.parentKey, r.n]));
  return new Map(parentKeys.map((k) => [k, counts.get(k) ?? 0]));
}

/**
 * With batching off (the benchmark's naive variant, `--no-batch`), a loader runs once per key, as
 * row-by-row resolvers would: one statement per parent.
 */
export function batchLoad<K, V, A = undefined>(
  load: (keys: K[], ctx: Context, args: A, info: GraphQLResolveInfo) => V[] | Promise<V[]>,
): (keys: K[], ctx: Context, args: A, info: GraphQLResolveInfo) => Promise<V[]> {
  return async (keys, ctx, args, info) => {
    if (ctx.batch) return load(keys, ctx, args, info);
    const out: V[] = [];
    for (const key of keys) out.push(...(await load([key], ctx, args, info)));
    return out;
  };
}

/** Per-request loaders that are not tied to one field (e.g. nested totalCounts), cached by key. */
const requestLoaders = new WeakMap<Context, Map<string, DataLoader<unknown, unknown>>>();

export function requestLoader<V, K extends number | string = number>(
  ctx: Context,
  key: string,
  batch: (keys: readonly K[]) => Map<K, V> | Promise<Map<K, V>>,
): DataLoader<K, V> {
  let loaders = requestLoaders.get(ctx);
  if (!loaders) requestLoaders.set(ctx, (loaders = new Map()));
  let loader = loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(
      async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => found.get(k) as V);
      },
      ctx.batch ? {} : { maxBatchSize: 1 },
    );
    loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/**
 * Connections for many parents in one windowed statement, pages and counts. A page after a
 * cursor does not see all the children, so then `totalCount` takes its own statement (batched
 * over the parents, and only when selected).
 */
export async function connectionsOfParents<T extends Table>(
  ctx: Context,
  q: ListQuery<T>,
  link: ParentLink,
  parentKeys: readonly number[],
  args: PageArgs,
  cacheKey: string,
): Promise<Connection<Row<T>>[]> {
  const plan = planPage(args, q.terms, q.table.pk, ctx);
  const { pages, counts } = await childPages(ctx, q, link, parentKeys, { limit: plan.limit, inverted: plan.inverted, bounds: plan.where, count: true });
  const counter = counts ? undefined : requestLoader(ctx, cacheKey, (keys) => countChildren(ctx, q, link, keys));
  return parentKeys.map((key) => ({
    ...toPage(pages.get(key) ?? [], plan, q.terms, args),
    totalCount: () => (counts ? counts.get(key)! : counter!.load(key)),
  }));
}


/** What a list field's selection costs: once per item the page may hold. */
export function pageComplexity(args: PageArgs) {
  return { field: 1, multiplier: Math.max(1, args.first ?? args.last ?? DEFAULT_PAGE_SIZE) };
}

/** The arguments every list of an entity takes, and how they become a ListQuery. */
export interface ListArgs extends PageArgs {
  filter?: EntityFilter | null;
  orderBy?: OrderInput[] | null;
}

export function entityList<T extends Table>(spec: {
  table: T;
  filter: EntityFilterType<Context>;
  order: EntityOrder;
  /** Rows the caller may see at all. */
  visible?: (ctx: Context) => SQL;
}) {
  return {
    ...spec,
    /** connection args + `filter` + `orderBy`, for a root or nested list field. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    args: (f: any) => ({
      ...f.arg.connectionArgs(),
      filter: f.arg({ type: spec.filter.ref, description: 'Only the items matching all these conditions.' }),
      orderBy: f.arg({
        type: [spec.order.input],
        description: `The order, as terms by priority. Default: \`${spec.order.defaultField}\` descending (newest first).`,
      }),
    }),
    complexity: pageComplexity,
    /** The list query for these arguments; with `info`, reading only the columns the selection needs. */
    query: (ctx: Context, args: ListArgs, info?: GraphQLResolveInfo, shape: Shape = 'connection'): ListQuery<T> => ({
      table: spec.table,
      where: spec.filter.compile(args.filter, ctx),
      terms: spec.order.terms(args.orderBy),
      visible: spec.visible?.(ctx),
      columns: info ? selectedColumns(info, shape) : null,
    }),
  };
}
