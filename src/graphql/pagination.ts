/**
 * Ordering and keyset pagination. Every order ends with the row's pk, so equal sort keys still
 * have a stable order; a cursor holds (sealed, see CursorScope) the sort-key values of its row and
 * its pk, and the next page is the rows strictly after them in that order (no OFFSET scans). NULLs sort first ascending and last
 * descending, as SQLite does, and the keyset conditions follow the same rule.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { and, getTableName, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { GraphQLError } from 'graphql';
import type { Store } from '../db/open.js';
import { orderTerm } from '../db/dialect.js';
import type { EntitySpec, FieldSpec } from '../model/fields.js';
import { builder } from './builder.js';
import { SortDirection } from './enums.js';
import { fieldEnumName } from './fields.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, QUERY_LIMITS } from './limits.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export type Direction = 'asc' | 'desc';
export interface OrderTerm {
  field: Pick<FieldSpec, 'name' | 'column' | 'kind'>;
  direction: Direction;
}
export interface OrderInput {
  field: string;
  direction?: Direction | null;
}



export type EntityOrder = ReturnType<typeof entityOrder>;

/** `<Entity>OrderField` enum and `<Entity>Order { field, direction }` input. */
export function entityOrder(entity: EntitySpec, defaultField: string, aliases: Record<string, string> = {}) {
  const orderable = entity.fields.filter((f) => f.orderable);
  const fieldEnum = builder.enumType(`${entity.name}OrderField`, {
    description: `What ${entity.name} lists can be ordered by.`,
    values: Object.fromEntries(
      [...orderable.map((f) => f.name), ...Object.keys(aliases)].map((name) => [fieldEnumName(name), { value: name, description: entity.field(name).description }]),
    ),
  });
  const input = builder.inputType(`${entity.name}Order`, {
    description: `One term of a ${entity.name} order; later terms break ties of earlier ones, and the row's internal id breaks the rest.`,
    fields: (t) => ({
      field: t.field({ type: fieldEnum, required: true, description: 'The field to order by.' }),
      direction: t.field({
        type: SortDirection,
        required: true,
        defaultValue: 'asc',
        description: 'ASC or DESC; nulls come first ascending and last descending.',
      }),
    }),
  });
  const defaultTerms: OrderTerm[] = [{ field: entity.field(defaultField), direction: 'desc' }];
  return {
    input,
    /** The field the list is ordered by, descending, when the client gives no order. */
    defaultField,
    /** The client's order, or newest first. */
    terms(orderBy: readonly OrderInput[] | null | undefined): OrderTerm[] {
      if (!orderBy?.length) return defaultTerms;
      if (orderBy.length > QUERY_LIMITS.orderTerms) {
        throw new GraphQLError(`orderBy has ${orderBy.length} terms, over the limit of ${QUERY_LIMITS.orderTerms}`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'orderBy' },
        });
      }
      return orderBy.map((o) => ({ field: entity.field(aliases[o.field] ?? o.field), direction: o.direction ?? 'asc' }));
    },
  };
}

/** Row values in driver form (Dates as epoch ms, booleans as 0/1), as the cursor holds them. */
export function driverValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** What a cursor is valid for: the list's table and its order. */
function signature(terms: OrderTerm[], pk: SQLiteColumn): string {
  return `${getTableName(pk.table)}:${terms.map((t) => `${t.field.name}:${t.direction}`).join(',')}`;
}

/**
 * Cursors are sealed, so a client sees neither the row's pk (global row ids would tell one tenant
 * how much the others write) nor its sort values, cannot forge or alter one, and a cursor handed
 * to one project is refused in another. Deterministic authenticated encryption in the SIV way: the
 * tag is HMAC-SHA256 (first 16 bytes) over the project and the text `[signature, ...sort values,
 * pk]`, and the text is encrypted with AES-256-CTR using that tag as its IV. The same row in the
 * same list and project always gets the same cursor, different rows unrelated ones, and no nonce
 * can repeat for two different texts (the weakness of random or derived GCM nonces under one
 * long-lived key). The keys derive from the database's `cursor_secret` row, so every process and
 * read worker serving the same file accepts the others' cursors.
 */
export interface CursorScope {
  store: Pick<Store, 'cursorSecret'>;
  project: string;
}

interface CursorKeys {
  encrypt: KeyObject;
  authenticate: KeyObject;
}

const TAG_BYTES = 16;
/** A cursor longer than this (base64url characters) is refused before decoding. */
export const MAX_CURSOR_LENGTH = 16 * 1024;

const cursorKeysByStore = new WeakMap<object, CursorKeys>();

function cursorKeys(store: CursorScope['store']): CursorKeys {
  let keys = cursorKeysByStore.get(store);
  if (!keys) {
    const secret = store.cursorSecret();
    const derive = (purpose: string) => createSecretKey(createHmac('sha256', secret).update(purpose).digest());
    keys = { encrypt: derive('sessiongraph cursor encryption'), authenticate: derive('sessiongraph cursor authentication') };
    cursorKeysByStore.set(store, keys);
  }
  return keys;
}

function cursorTag(keys: CursorKeys, project: string, plain: Buffer): Buffer {
  return createHmac('sha256', keys.authenticate).update(`${project.length}:${project}:`).update(plain).digest().subarray(0, TAG_BYTES);
}

function sealCursor(scope: CursorScope, text: string): string {
  const keys = cursorKeys(scope.store);
  const plain = Buffer.from(text, 'utf8');
  const tag = cursorTag(keys, scope.project, plain);
  const cipher = createCipheriv('aes-256-ctr', keys.encrypt, tag);
  return Buffer.concat([tag, cipher.update(plain), cipher.final()]).toString('base64url');
}

/** The cursor's text, or null when it was not sealed by this database for this project. */
function openCursor(scope: CursorScope, cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) return null;
  const sealed = Buffer.from(cursor, 'base64url');
  if (sealed.length <= TAG_BYTES) return null;
  const keys = cursorKeys(scope.store);
  const tag = sealed.subarray(0, TAG_BYTES);
  const decipher = createDecipheriv('aes-256-ctr', keys.encrypt, tag);
  const plain = Buffer.concat([decipher.update(sealed.subarray(TAG_BYTES)), decipher.final()]);
  return timingSafeEqual(tag, cursorTag(keys, scope.project, plain)) ? plain.toString('utf8') : null;
}

function invalidCursor(argName: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid cursor in "${argName}": ${reason}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: argName } });
}

export function encodeCursor(scope: CursorScope, row: Record<string, unknown>, terms: OrderTerm[], pk: SQLiteColumn): string {
  const values = terms.map((t) => driverValue(row[t.field.name]));
  return encodeListCursor(scope, signature(terms, pk), [...values, row.pk]);
}

export function decodeCursor(scope: CursorScope, cursor: string, terms: OrderTerm[], pk: SQLiteColumn, argName: string): unknown[] {
  return decodeListCursor(scope, cursor, signature(terms, pk), terms.length + 1, argName);
}

/**
 * A sealed cursor of a list that is not one table's (e.g. a person's timeline across tables):
 * `signature` is `list:order`, `values` the sort keys ending with a numeric pk.
 */
export function encodeListCursor(scope: CursorScope, signature: string, values: unknown[]): string {
  return sealCursor(scope, JSON.stringify([signature, ...values]));
}

/** The values of a cursor made by encodeListCursor for this signature (`count` of them), or a BAD_USER_INPUT naming `argName`. */
export function decodeListCursor(scope: CursorScope, cursor: string, expected: string, count: number, argName: string): unknown[] {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor(argName, `${cursor.length} characters, over the limit of ${MAX_CURSOR_LENGTH}`);
  const plain = openCursor(scope, cursor);
  if (plain == null) {
    throw invalidCursor(argName, 'not a cursor this API handed out to this project (cursors are opaque: pass back endCursor/startCursor unchanged)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw invalidCursor(argName, 'not a cursor');
  const [list, order] = [parsed[0].slice(0, parsed[0].indexOf(':')), parsed[0].slice(parsed[0].indexOf(':') + 1)];
  if (list !== expected.slice(0, expected.indexOf(':'))) throw invalidCursor(argName, 'it belongs to another list');
  if (parsed[0] !== expected || parsed.length !== count + 1 || typeof parsed.at(-1) !== 'number') {
    throw invalidCursor(argName, `it was made for a different orderBy (${order})`);
  }
  for (const v of parsed.slice(1, -1)) {
    if (v !== null && typeof v !== 'number' && typeof v !== 'string') throw invalidCursor(argName, 'not a cursor');
  }
  return parsed.slice(1);
}

const flip = (d: Direction): Direction => (d === 'asc' ? 'desc' : 'asc');

/** ORDER BY the terms, then pk in the first term's direction. */
export function orderBySql(terms: OrderTerm[], pk: SQLiteColumn, inverted = false): SQL[] {
  const dir = (d: Direction) => (inverted ? flip(d) : d);
  const last = dir(terms[0]?.direction ?? 'desc');
  return [
    ...terms.map((t) => orderTerm(t.field.column, dir(t.direction))),
    orderTerm(pk, last),
  ];
}

/** Rows strictly after the cursor's row in the given order. */
export function afterSql(terms: OrderTerm[], pk: SQLiteColumn, values: unknown[], inverted = false): SQL {
  const columns = [...terms.map((t) => t.field.column), pk];
  const dirs = [...terms.map((t) => t.direction), terms[0]?.direction ?? 'desc'].map((d) => (inverted ? flip(d) : d));
  const beyond = (c: SQLiteColumn, d: Direction, v: unknown): SQL => {
    if (d === 'asc') return v === null ? sql`${c} IS NOT NULL` : sql`${c} > ${v}`;
    return v === null ? sql`false` : sql`(${c} < ${v} OR ${c} IS NULL)`;
  };
  const same = (c: SQLiteColumn, v: unknown): SQL => (v === null ? sql`${c} IS NULL` : sql`${c} = ${v}`);
  const alternatives = columns.map((c, i) => and(...columns.slice(0, i).map((p, j) => same(p, values[j])), beyond(c, dirs[i]!, values[i]))!);
  return or(...alternatives)!;
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface PagePlan {
  /** Rows to fetch: the page size plus one, to know whether there is more. */
  limit: number;
  size: number;
  /** Fetch in inverted order (for `last`), then reverse. */
  inverted: boolean;
  where: SQL | undefined;
  pk: SQLiteColumn;
  /** Whose cursors the page hands out and accepts. */
  scope: CursorScope;
}

/** A page size must be between 0 and MAX_PAGE_SIZE: a larger one is an error, not a silent cut. */
export function checkPageSize(name: string, value: number | null | undefined): void {
  if (value == null) return;
  if (value < 0) throw new GraphQLError(`"${name}" must not be negative (got ${value})`, { extensions: { code: 'BAD_USER_INPUT' } });
  if (value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"${name}" must be at most ${MAX_PAGE_SIZE} (got ${value}); page through larger lists with "after"`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: name, maxPageSize: MAX_PAGE_SIZE },
    });
  }
}

export function planPage(args: PageArgs, terms: OrderTerm[], pk: SQLiteColumn, scope: CursorScope): PagePlan {
  checkPageSize('first', args.first);
  checkPageSize('last', args.last);
  if (args.first != null && args.last != null) {
    throw new GraphQLError('Pass either "first" or "last", not both', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const inverted = args.last != null;
  const size = (inverted ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const bounds: SQL[] = [];
  if (args.after) bounds.push(afterSql(terms, pk, decodeCursor(scope, args.after, terms, pk, 'after')));
  if (args.before) bounds.push(afterSql(terms, pk, decodeCursor(scope, args.before, terms, pk, 'before'), true));
  return { limit: size + 1, size, inverted, where: bounds.length ? and(...bounds) : undefined, pk, scope };
}

export interface Page<R> {
  edges: { cursor: string; node: R }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Rows fetched per the plan (size + 1, maybe inverted) → a Relay page. */
export function toPage<R extends { pk: number }>(rows: R[], plan: PagePlan, terms: OrderTerm[], args: PageArgs): Page<R> {
  const more = rows.length > plan.size;
  const kept = rows.slice(0, plan.size);
  if (plan.inverted) kept.reverse();
  // Cursors are made when read: most selections ask for nodes only (a hundred sealings saved).
  const cursorOf = (node: R | undefined) => (node ? encodeCursor(plan.scope, node as Record<string, unknown>, terms, plan.pk) : null);
  return {
    edges: kept.map((node) => ({
      node,
      get cursor() {
        return cursorOf(node)!;
      },
    })),
    pageInfo: {
      hasNextPage: plan.inverted ? Boolean(args.before) : more,
      hasPreviousPage: plan.inverted ? more : Boolean(args.after),
      get startCursor() {
        return cursorOf(kept[0]);
      },
      get endCursor() {
        return cursorOf(kept.at(-1));
      },
    },
  };
}
