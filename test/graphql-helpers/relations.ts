/**
 * The JS side of issue 16's person and relation filters: PostHog person properties by JSON type,
 * and `some` / `none` / `every` over a related list — written from the schema's documentation,
 * to judge the API's answers.
 */
import { matchOps, type Row } from './rows.js';

const JSON_TYPE = { string: 'string', number: 'number', boolean: 'boolean' } as const;

/** Every condition holds: a typed one only on a value of that JSON type; `exists` on the key alone (a null value exists). */
export function matchPersonProperties(properties: unknown, conditions: Row[]): boolean {
  const props = (properties ?? {}) as Record<string, unknown>;
  return conditions.every((c) => {
    const key = c.key as string;
    if (c.exists != null) return Object.hasOwn(props, key) === c.exists;
    const type = (Object.keys(JSON_TYPE) as (keyof typeof JSON_TYPE)[]).find((t) => c[t] != null)!;
    const value = props[key];
    return typeof value === JSON_TYPE[type] && matchOps(value, c[type] as Row);
  });
}

/** `{ some, none, every }` over the related rows; `matches` judges one row against one filter. */
export function matchRelation<R>(related: R[], arg: Row, matches: (row: R, filter: Row) => boolean): boolean {
  if (arg.some && !related.some((r) => matches(r, arg.some as Row))) return false;
  if (arg.none && related.some((r) => matches(r, arg.none as Row))) return false;
  if (arg.every && !related.every((r) => matches(r, arg.every as Row))) return false;
  return true;
}
