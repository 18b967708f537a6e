/**
 * Which lane a GraphQL operation goes to, light or heavy: the one classification both stores use
 * (the SQLite read pool's workers, src/server/read-pool.ts, and the PostgreSQL gate on pooled
 * connections, src/server/pg-lanes.ts). A query is heavy when it asks for an aggregate root field
 * (stats, funnel), carries filters heavy enough to scan (filterWeight), or has been slow before
 * (its SQL time, remembered by query text). Mutations are light. Also the queue both use for
 * what waits in a lane: fair between projects.
 */
import { getOperationAST, Kind, OperationTypeNode, valueFromASTUntyped, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { isAggregate } from '../graphql/limits.js';
import { selectedFields } from '../graphql/selection.js';
import { TEXT_SEARCH } from '../db/text-match.js';

export type Lane = 'light' | 'heavy';

/** A query whose runs have averaged this long (ms of SQL) is treated as heavy from then on. */
export const SLOW_MS = 50;
/**
 * Filters at least this heavy make a query heavy before it has ever run: a text not seen before
 * would otherwise go to the light lane, and the worker kept for short reads with it (issue 12: a
 * new `or` of 200 `contains` is one statement of 8 s). See filterWeight.
 */
export const HEAVY_FILTER_WEIGHT = 100;
/** What one text-search condition weighs: it is checked row by row (no index serves a LIKE '%…%'). */
export const TEXT_SEARCH_WEIGHT = 10;
/** The text-search conditions of a filter (src/graphql/filters.ts). */
const TEXT_SEARCHES = new Set<string>(TEXT_SEARCH);
/** Query texts whose SQL time is remembered (least recently used forgotten first). */
const REMEMBERED_QUERIES = 1000;
/** Longer texts are not remembered (a one-off generated query would only push others out). */
const REMEMBERED_MAX_TEXT = 16 * 1024;

/**
 * The lane of a query text, from what it asks for and how long it took before: one per server
 * (the SQLite read pool's, or the PostgreSQL app's), fed with every operation's SQL time.
 */
export class LaneClassifier {
  /** Average SQL time by query text (exponentially weighted), to spot slow queries. */
  private readonly runMs = new LRUCache<string, number>({ max: REMEMBERED_QUERIES });

  /**
   * Heavy when the operation asks for an aggregate, carries filters heavy enough to scan (see
   * filterWeight), or this query has run slowly before.
   */
  laneOf(query: string, aggregate: boolean, filterWeight = 0): Lane {
    return aggregate || filterWeight >= HEAVY_FILTER_WEIGHT || (this.runMs.peek(query) ?? 0) >= SLOW_MS ? 'heavy' : 'light';
  }

  /** The lane of one operation as a yoga `onExecute` sees it (`query`: its text, the slow history's key). */
  laneOfOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, query: string | undefined): Lane {
    const operation = getOperationAST(document, operationName);
    if (operation?.operation === OperationTypeNode.MUTATION) return 'light';
    const aggregate = selectsAggregate(schema, document, operationName);
    const weight = filterWeight(document, operationName, variables);
    // Without a text (never from yoga's HTTP handler) there is no history to look up.
    return this.laneOf(query ?? '', aggregate, weight);
  }

  /** A run of `query` took `ms` of SQL. */
  remember(query: string, ms: number): void {
    if (!query || query.length > REMEMBERED_MAX_TEXT) return;
    const before = this.runMs.get(query);
    this.runMs.set(query, before === undefined ? ms : before * 0.7 + ms * 0.3);
  }
}

/**
 * How heavy the operation's arguments are: every input field set (a filter's conditions, `and`/`or`
 * members, orderings) counts 1, a text search (`contains`, `startsWith`, `endsWith`, `like`,
 * `ilike`, `regex`) TEXT_SEARCH_WEIGHT; arguments sent
 * as variables count as if written inline.
 */
export function filterWeight(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  let weight = 0;
  const weigh = (value: unknown, depth = 0): void => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => weigh(v, depth + 1));
    for (const [key, v] of Object.entries(value)) {
      weight += TEXT_SEARCHES.has(key) ? TEXT_SEARCH_WEIGHT : 1;
      weigh(v, depth + 1);
    }
  };
  // The whole document (fragments included; another operation's arguments too, an overestimate).
  visit(document, {
    Argument(node) {
      try {
        weigh(valueFromASTUntyped(node.value, variables ?? undefined));
      } catch {
        // A value that does not read is for validation to answer.
      }
    },
  });
  return weight;
}

/** Whether the operation selects an aggregate root field (stats, funnel). */
export function selectsAggregate(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  const fields = schema.getQueryType()?.getFields() ?? {};
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  return selectedFields([operation.selectionSet], fragments).some((f) => isAggregate(fields[f.name.value]));
}

/**
 * What waits in one lane, fair between projects: one FIFO per project, served in turn, so one
 * tenant's burst of dashboards waits behind itself and not in front of everybody else.
 */
export class FairQueue<J> {
  private readonly byKey = new Map<string, J[]>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(key: string, item: J, front = false): void {
    const queue = this.byKey.get(key) ?? [];
    if (front) queue.unshift(item);
    else queue.push(item);
    // A Map iterates in insertion order: a key re-inserted after being served goes to the back.
    if (!this.byKey.has(key)) this.byKey.set(key, queue);
    this.size++;
  }

  shift(): J | undefined {
    for (const [key, queue] of this.byKey) {
      const item = queue.shift();
      this.byKey.delete(key);
      if (queue.length) this.byKey.set(key, queue);
      if (item !== undefined) {
        this.size--;
        return item;
      }
    }
    return undefined;
  }

  remove(item: J): boolean {
    for (const [key, queue] of this.byKey) {
      const i = queue.indexOf(item);
      if (i < 0) continue;
      queue.splice(i, 1);
      if (!queue.length) this.byKey.delete(key);
      this.size--;
      return true;
    }
    return false;
  }
}
