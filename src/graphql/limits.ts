/** What one query may ask for. Documented in the README's Security section. */
export const QUERY_LIMITS = {
  /** Pothos complexity: fields, multiplied by the page sizes of the lists they sit in. */
  complexity: 250_000,
  /** Nesting of selections (also enforced by graphql-armor, which reports it before validation). */
  depth: 15,
  /** Total selections in one query. */
  breadth: 500,
  aliases: 100,
  directives: 20,
  tokens: 5_000,
  /** Brackets nested in the document text (checked before parsing, which recurses). */
  nesting: 100,
  /** Conditions in one filter (all levels of and/or/not together), and their nesting. */
  filterConditions: 200,
  filterDepth: 16,
  /** Values in one `in`/`notIn` list. */
  inValues: 10_000,
  /** Terms of one orderBy; conditions of one having. */
  orderTerms: 10,
  havingConditions: 20,
  /** Bytes of a GraphQL request body. */
  bodyBytes: 1024 * 1024,
  /** Wall time one request may spend running SQL. */
  timeoutMs: 10_000,
} as const;

/** Items per list page: when neither `first` nor `last` is given, and at most. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

const AGGREGATE = 'sessiongraphAggregate';

/**
 * Field option for root fields that aggregate over whole tables (stats, funnel): the read pool
 * runs them in their own lane so they never hold up the short reads of other clients.
 */
export const aggregate = { extensions: { [AGGREGATE]: true } } as const;

export function isAggregate(field: { extensions?: Record<string, unknown> | null } | undefined): boolean {
  return field?.extensions?.[AGGREGATE] === true;
}
