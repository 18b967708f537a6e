/** Object fields for an entity's scalar columns, generated from its description. */
import { EXTRA_DOC, type EntitySpec, type FieldSpec } from '../model/fields.js';
import { reads } from './columns.js';
import { enumTypes } from './enums.js';

const SCALAR_TYPES = { int: 'Int', float: 'Float', string: 'String', bool: 'Boolean', time: 'DateTime' } as const;

export function graphqlTypeOf(field: FieldSpec): string | object {
  if (field.name === 'id') return 'ID';
  if (field.kind === 'enum') return enumTypes[field.enumName!];
  if (field.kind === 'json') throw new Error(`${field.name}: JSON columns get an explicit type`);
  return SCALAR_TYPES[field.kind];
}

/**
 * `t.field` for every non-JSON column of the entity, resolving straight from the row.
 * (Pothos' field builder is typed per object; the generated fields are checked at schema build.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function columnFields(
  t: any,
  entity: EntitySpec,
  skip: string[] = [],
  extra: Record<string, Record<string, unknown>> = {},
): Record<string, unknown> {
  return Object.fromEntries(
    entity.fields
      .filter((f) => f.kind !== 'json' && !f.virtual && !skip.includes(f.name))
      .flatMap((f) => [
        [
          f.name,
          t.field({
            type: graphqlTypeOf(f),
            nullable: f.nullable,
            description: f.description,
            ...(f.pii ? { tag: 'pii' } : {}),
            ...reads(f.name),
            ...extra[f.name],
            resolve: (row: Record<string, unknown>) => (f.name === 'id' ? String(row.id) : row[f.name]),
          }),
        ],
        ...(f.kind === 'enum' ? [[rawName(f), rawField(t, f)]] : []),
      ])
      .concat(entity.fields.some((f) => f.name === 'extra') && !skip.includes('extra') ? [['extra', extraField(t)]] : []),
  );
}

/** The enum value naming a field (ORDER BY, GROUP BY, aggregates): `recordingDuration` → RECORDING_DURATION. */
export const fieldEnumName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** An open enum's sibling that serves the stored text verbatim (graphql/enums.ts). */
export const rawName = (f: FieldSpec) => `${f.name}Raw`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rawField(t: any, f: FieldSpec) {
  return t.string({
    nullable: true,
    description: `\`${f.name}\` exactly as the source sent it, also when it is outside the list (OTHER).`,
    ...reads(f.name),
    resolve: (row: Record<string, unknown>) => row[f.name] ?? null,
  });
}

/** The `extra` field of a row type: the source fields the store does not model, verbatim. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function extraField(t: any) {
  return t.field({
    type: 'JSON',
    nullable: true,
    description: EXTRA_DOC,
    ...reads('extra'),
    resolve: (row: { extra?: unknown }) => row.extra ?? null,
  });
}
