/**
 * The GraphQL client every HTTP suite uses: POST a query as JSON, keep status, data, errors and
 * extensions; `ok` fails the test on any error and answers `data`.
 *
 * Every query runs twice: as written, then with its literal arguments hoisted into variables as
 * gateways send it (hoist.ts). The caller gets the first answer; the test fails if the second one
 * differs (see `compareHoisted` for what is compared and when). Mutations and subscriptions run once.
 * A request that must run once (it counts statements or requests, times itself, or has side
 * effects) passes `{ once: 'why' }` — to the client or to one call.
 */
import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';
import { hoistArguments } from './hoist.js';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: GqlError[] | undefined;
  extensions: { sql?: { statements: number; ms: number } } & Record<string, unknown>;
}

/** The escape hatch: this request runs once, as written, for the reason given. */
export interface RunOnce {
  once?: string;
}

export interface GraphqlClient {
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>, options?: RunOnce): Promise<GqlResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>, options?: RunOnce): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Codes of errors that depend on how an argument was written: an invalid inline literal fails
 * validation (GRAPHQL_VALIDATION_FAILED, or a scalar's parseLiteral), the same value as a variable
 * fails variable coercion with other words — or passes (`"ASC"` is no enum literal, but a valid
 * enum value in JSON). When the as-written answer has one of these, the two runs are not compared.
 * Every other error (BAD_USER_INPUT from the resolvers' own checks, QUERY_TOO_COMPLEX, TIMEOUT,
 * FORBIDDEN, …) must come back the same either way.
 */
const WRITING_DEPENDENT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** What must be equal between the two runs: status, data, and each error's message, path and code. */
function comparable(r: GqlResponse<unknown>): unknown {
  return {
    status: r.status,
    data: r.data,
    errors: r.errors?.map((e) => ({
      // Each request has its own id; the rest of the message must match.
      message: e.message.replace(/request id [^)\s]+/g, 'request id …'),
      path: e.path,
      code: e.extensions?.code,
    })),
  };
}

/** Whether the as-written answer can be compared with the hoisted one (see WRITING_DEPENDENT_CODES). */
export function compareHoisted(written: GqlResponse<unknown>): boolean {
  return !(written.errors ?? []).some((e) => WRITING_DEPENDENT_CODES.has(String(e.extensions?.code)));
}

/** One line per query when SESSIONGRAPH_HOIST_LOG names a file: how the hoisting went (for counting). */
function log(outcome: string): void {
  const file = process.env.SESSIONGRAPH_HOIST_LOG;
  if (file) appendFileSync(file, `${outcome}\n`);
}

/** A client for the GraphQL endpoint at `url`, sending `headers` with every request. */
export function graphqlClient(url: string, headers: Record<string, string> = {}, clientOptions: RunOnce = {}): GraphqlClient {
  const send = async <T>(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}): Promise<GqlResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers, ...extra },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T | null; errors?: GqlError[]; extensions?: GqlResponse['extensions'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`non-JSON response (${response.status}): ${text.slice(0, 500)}`);
    }
    return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions ?? {} };
  };
  const gql = async <T>(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}, options: RunOnce = {}): Promise<GqlResponse<T>> => {
    const written = await send<T>(query, variables, extra);
    const once = options.once ?? clientOptions.once;
    if (once !== undefined) {
      log(`once: ${once}`);
      return written;
    }
    const hoisted = hoistArguments(query, variables ?? {});
    if ('skipped' in hoisted) {
      log(`skipped: ${hoisted.skipped}`);
      return written;
    }
    if (!compareHoisted(written)) {
      log('skipped: validation error as written');
      return written;
    }
    const again = await send<T>(hoisted.query, hoisted.variables, extra);
    log(`double: ${hoisted.hoisted}`);
    const [expected, actual] = [comparable(written), comparable(again)];
    expect(
      actual,
      [
        'the same query with its arguments hoisted into variables answers differently:',
        `--- as written:\n${query}\n${JSON.stringify(variables ?? {})}`,
        `--- hoisted:\n${hoisted.query}\n${JSON.stringify(hoisted.variables)}`,
        `--- answer as written:\n${JSON.stringify(expected).slice(0, 2000)}`,
        `--- answer hoisted:\n${JSON.stringify(actual).slice(0, 2000)}\n`,
      ].join('\n'),
    ).toEqual(expected);
    return written;
  };
  return {
    gql,
    async ok(query, variables, extra, options) {
      const r = await gql(query, variables, extra, options);
      if (r.errors?.length || r.status !== 200) {
        throw new Error(`GraphQL request failed (${r.status}): ${JSON.stringify(r.errors)}\n${query}\n${JSON.stringify(variables)}`);
      }
      return r.data as never;
    },
  };
}
