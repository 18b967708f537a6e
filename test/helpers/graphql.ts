/**
 * The GraphQL client every HTTP suite uses: POST a query as JSON, keep status, data, errors and
 * extensions; `ok` fails the test on any error and answers `data`.
 */
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

export interface GraphqlClient {
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A client for the GraphQL endpoint at `url`, sending `headers` with every request. */
export function graphqlClient(url: string, headers: Record<string, string> = {}): GraphqlClient {
  const gql = async <T>(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}): Promise<GqlResponse<T>> => {
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
  return {
    gql,
    async ok(query, variables, extra) {
      const r = await gql(query, variables, extra);
      if (r.errors?.length || r.status !== 200) {
        throw new Error(`GraphQL request failed (${r.status}): ${JSON.stringify(r.errors)}\n${query}\n${JSON.stringify(variables)}`);
      }
      return r.data as never;
    },
  };
}
