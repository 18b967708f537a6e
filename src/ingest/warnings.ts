/**
 * What an import notices without refusing anything: a field the store does not model, an enum
 * value beyond the documented list, a value read in a looser shape than the schema's, a bulk
 * action line, a recording already past its expiry. Each is counted per kind and name, with the
 * first line it was seen on, so a user sees what the schema does not cover yet.
 */

export const WARNING_KINDS = {
  unknownField: 'field not modelled: kept in `extra`',
  unlistedEnumValue: 'enum value not in the documented list: kept as sent, served as OTHER',
  coercedValue: 'value read in an older or looser shape',
  negativeCount: 'count or duration below 0: stored as given',
  legacyField: "older export field name, read as today's field",
  bulkActionLine: 'Elasticsearch bulk action line: skipped',
  pastExpiry: 'recording already past its expiry time',
  replacedCharacter: 'U+0000 or an unpaired surrogate in a string: replaced by U+FFFD (PostgreSQL cannot store them)',
} as const;

export type WarningKind = keyof typeof WARNING_KINDS;

export interface ImportWarning {
  kind: WarningKind;
  /** What it is about, e.g. `SessionRecording.storage` or `UserAction.type = SoftNavigation`. */
  name: string;
  count: number;
  /** The first line (record) it was seen on. */
  line: number;
}

/** Distinct (kind, name) pairs kept per input: a hostile body of random keys must not grow it without end. */
const MAX_DISTINCT = 200;
const OVERFLOW = '(other names, not listed)';

/** Counts warnings for one input. */
export class WarningTally {
  private readonly byKey = new Map<string, ImportWarning>();

  add(kind: WarningKind, name: string, line: number, count = 1): void {
    let key = `${kind}\0${name}`;
    if (!this.byKey.has(key) && this.byKey.size >= MAX_DISTINCT) {
      key = `${kind}\0${OVERFLOW}`;
      name = OVERFLOW;
    }
    const known = this.byKey.get(key);
    if (known) known.count += count;
    else this.byKey.set(key, { kind, name, count, line });
  }

  list(): ImportWarning[] {
    return [...this.byKey.values()];
  }
}

/*
 * Parsing is synchronous, and the schemas note what they see while a record parses (see `noting`):
 * the notes of one record are gathered here and handed to the pipeline with the record, which
 * keeps them only if the record is stored.
 */
let current: [WarningKind, string][] | undefined;

/** Called from inside a schema: remembered for the record being parsed (if anyone is listening). */
export function note(kind: WarningKind, name: string): void {
  current?.push([kind, name]);
}

/** Runs `parse` and returns what it noted, even when it throws (the notes are then dropped). */
export function noting<T>(parse: () => T): { value: T; notes: [WarningKind, string][] } {
  const outer = current;
  const notes: [WarningKind, string][] = [];
  current = notes;
  try {
    return { value: parse(), notes };
  } finally {
    current = outer;
  }
}
