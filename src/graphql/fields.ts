/** Object fields for an entity's scalar columns, generated from its description. */
import type { EntitySpec, FieldSpec } from '../model/fields.js';
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
      .filter((f) => f.kind !== 'json' && !skip.includes(f.name))
      .map((f) => [
        f.name,
        t.field({
          type: graphqlTypeOf(f),
          nullable: f.nullable,
          ...(f.pii ? { tag: 'pii' } : {}),
          ...reads(f.name),
          ...extra[f.name],
          resolve: (row: Record<string, unknown>) => (f.name === 'id' ? String(row.id) : row[f.name]),
        }),
      ]),
  );
}
