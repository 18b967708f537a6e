/**
 * ONE description per GraphQL type over the store: which columns are exposed and how (kind,
 * nullability, enum). Object fields, filter inputs, order enums and (later) stats dimensions and
 * measures are all generated from these descriptions; nothing is written twice per type.
 */
import { and, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as E from './enums.js';
import * as t from '../db/schema.js';

export type FieldKind = 'int' | 'float' | 'string' | 'enum' | 'time' | 'bool' | 'json';
export type EnumName = Exclude<keyof typeof E, 'wireValues' | 'PropertyType'>;

/** What a computed field may depend on: the caller and the moment of the request. */
export interface ReadScope {
  project: string;
  viewer: string | null;
  /** Epoch ms, fixed for the whole request. */
  now: number;
}

export interface FieldSpec {
  /** GraphQL name = the Drizzle column key. */
  name: string;
  column: SQLiteColumn;
  kind: FieldKind;
  nullable: boolean;
  enumName?: EnumName;
  /** Scalar fields can be filtered and ordered; JSON and list fields cannot. */
  filterable: boolean;
  orderable: boolean;
  /** Stats can group by it: strings, enums and booleans. */
  dimension: boolean;
  /** Stats can aggregate it: numbers, and booleans as 0/1 (so avg(BOUNCE) is the bounce rate). */
  measure: boolean;
  /**
   * A field computed per request (who asks, when), or an open enum's value as served (OTHER_VALUE
   * for a value outside the list): filters and stats use this, not the column.
   */
  expression?: (scope: ReadScope) => SQL;
  /** Personal data: tagged so a public federation contract can hide it. */
  pii: boolean;
  /** A field with no column (its description): its object field is written by hand beside its type. */
  virtual?: string;
}

export interface EntitySpec<T extends SQLiteTable = SQLiteTable> {
  /** GraphQL type name. */
  name: string;
  table: T;
  fields: FieldSpec[];
  field(name: string): FieldSpec;
}

/** What an open enum's value outside its documented list is, in filters and stats (graphql/enums.ts). */
export const OTHER_VALUE = '(other)';

/** An enum column's value as served: itself when listed (or null), else OTHER_VALUE. */
function servedEnum(column: SQLiteColumn, enumName: EnumName): () => SQL {
  // Our own constants (letters and digits), written into the statement rather than bound 60 times.
  const listed = sql.raw(E.wireValues(E[enumName]).map((v) => (/^\w+$/.test(v) ? `'${v}'` : fail(v))).join(', '));
  const expression = sql`(case when ${column} is null or ${column} in (${listed}) then ${column} else ${OTHER_VALUE} end)`;
  return () => expression;
}

function fail(value: string): never {
  throw new Error(`enum wire value ${JSON.stringify(value)} cannot be written into SQL`);
}

/** Store-internal columns: never part of the graph. */
const INTERNAL = new Set(['pk', 'project', 'sessionPk', 'seq', 'actionPk', 'recordingPk']);

function kindOf(column: SQLiteColumn): FieldKind {
  switch (column.columnType) {
    case 'SQLiteTimestamp':
      return 'time';
    case 'SQLiteBoolean':
      return 'bool';
    case 'SQLiteReal':
      return 'float';
    case 'SQLiteTextJson':
      return 'json';
    case 'SQLiteText':
      return 'string';
    default:
      return 'int';
  }
}

function describe<T extends SQLiteTable>(
  name: string,
  table: T,
  options: {
    enums?: Partial<Record<keyof T['_']['columns'], EnumName>>;
    hide?: (keyof T['_']['columns'])[];
    computed?: Partial<Record<keyof T['_']['columns'], (scope: ReadScope) => SQL>>;
    /** Fields with no column of their own, only an expression (filterable and groupable, not orderable). */
    virtual?: Record<string, { kind: 'bool' | 'int'; description: string; expression: (scope: ReadScope) => SQL }>;
    pii?: (keyof T['_']['columns'])[];
  } = {},
): EntitySpec<T> {
  const enums = (options.enums ?? {}) as Record<string, EnumName>;
  const hide = new Set<string>(options.hide as string[] | undefined);
  const computed = (options.computed ?? {}) as Record<string, (scope: ReadScope) => SQL>;
  const pii = new Set<string>(options.pii as string[] | undefined);
  const fields = Object.entries(getTableColumns(table))
    .filter(([key]) => !INTERNAL.has(key) && !hide.has(key))
    .map(([key, column]): FieldSpec => {
      const kind = enums[key] ? 'enum' : kindOf(column);
      const scalar = kind !== 'json';
      return {
        name: key,
        column,
        kind,
        nullable: !column.notNull,
        enumName: enums[key],
        filterable: scalar,
        // A computed value is not in the row, so it cannot key a cursor.
        orderable: scalar && !computed[key],
        dimension: (kind === 'string' || kind === 'enum' || kind === 'bool') && key !== 'id',
        measure: kind === 'int' || kind === 'float' || kind === 'bool',
        expression: computed[key] ?? (enums[key] ? servedEnum(column, enums[key]) : undefined),
        pii: pii.has(key),
      };
    });
  for (const [key, v] of Object.entries(options.virtual ?? {})) {
    fields.push({
      name: key,
      // Never read: a virtual field is filtered and grouped by its expression, resolved by its type.
      column: Object.values(getTableColumns(table))[0] as SQLiteColumn,
      kind: v.kind,
      nullable: false,
      filterable: true,
      orderable: false,
      dimension: v.kind === 'bool',
      measure: true,
      expression: v.expression,
      pii: false,
      virtual: v.description,
    });
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  return {
    name,
    table,
    fields,
    field(fieldName) {
      const f = byName.get(fieldName);
      if (!f) throw new Error(`${name} has no field ${fieldName}`);
      return f;
    },
  };
}

export const personEntity = describe('Person', t.persons, { pii: ['name', 'properties'] });

const DAY = 86_400_000;
/** A recording is ongoing while its last data is less than five minutes old. */
export const ONGOING_MS = 5 * 60_000;

export const recordingEntity = describe('SessionRecording', t.recordings, {
  pii: ['distinctId', 'startUrl'],
  computed: {
    // PostHog semantics: `viewed` is about the caller; the imported flag stands in for anonymous callers.
    viewed: (scope) =>
      scope.viewer === null
        ? sql`${t.recordings.viewed}`
        : sql`exists (select 1 from ${t.recordingViewers} where ${and(
            eq(t.recordingViewers.recordingPk, t.recordings.pk),
            eq(t.recordingViewers.viewer, scope.viewer),
          )})`,
    // As the source sent them; derived (PostHog's way) only where it did not (see recordingTtlAt).
    ongoing: (scope) => sql`coalesce(${t.recordings.ongoing}, ${gt(t.recordings.endTime, new Date(scope.now - ONGOING_MS))}, 0)`,
    recordingTtl: (scope) =>
      sql`coalesce(${t.recordings.recordingTtl}, ${t.recordings.expiryTime} / ${sql.raw(String(DAY))} - ${sql.raw(String(Math.floor(scope.now / DAY)))})`,
  },
  virtual: {
    expired: {
      kind: 'bool',
      description: 'Whether the expiry time has passed (served only under `--retention keep`, the default).',
      expression: (scope) => sql`coalesce(${t.recordings.expiryTime} <= ${sql.raw(String(scope.now))}, 0)`,
    },
  },
});

/**
 * PostHog's `recording_ttl` where the source has none: ClickHouse's dateDiff('day', now, expiry),
 * which counts the UTC midnights between the two (29 from 2023-01-01T12:00Z to 2023-01-30T00:00Z,
 * where whole elapsed days would say 28).
 */
export function recordingTtlAt(expiryTime: Date | null, now: number): number | null {
  return expiryTime === null ? null : Math.floor(expiryTime.getTime() / DAY) - Math.floor(now / DAY);
}

export const userSessionEntity = describe('UserSession', t.userSessions, {
  pii: ['ip', 'city', 'region', 'userId', 'internalUserId', 'isp', 'carrier'],
  enums: {
    userType: 'UserType',
    reasonForNoSessionReplay: 'ReasonForNoSessionReplay',
    reasonForNoSessionReplayMobile: 'ReasonForNoSessionReplayMobile',
    applicationType: 'ApplicationType',
    screenOrientation: 'ScreenOrientation',
    displayResolution: 'DisplayResolution',
    endReason: 'EndReason',
    userExperienceScore: 'UserExperienceScore',
    connectionType: 'ConnectionType',
  },
});

export const userActionEntity = describe('UserAction', t.userActions, {
  enums: { type: 'UserActionType', apdexCategory: 'ApdexCategory' },
});

export const userEventEntity = describe('UserEvent', t.userEvents, { enums: { type: 'UserEventType' } });
export const userErrorEntity = describe('UserError', t.userErrors);
export const syntheticEventEntity = describe('SyntheticEvent', t.syntheticEvents);
