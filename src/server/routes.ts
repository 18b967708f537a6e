/**
 * What this server answers, decided once per request on the exact path: GraphQL at exactly one
 * endpoint, the ingest routes, health and GraphiQL's files; any other path is a 404 before any
 * other plugin runs. Yoga itself would answer GraphQL on any URL that merely ends in its endpoint
 * (`/health/live?a=/graphql` included), so authentication and everything else asks `routeOf`,
 * and a GraphQL request that reaches yoga's parser on another route is refused there as well.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type Route = 'graphql' | 'ingest' | 'health' | 'graphiql-asset';

/** Routes anyone may fetch without a key. */
export const PUBLIC_ROUTES: ReadonlySet<Route> = new Set<Route>(['health', 'graphiql-asset']);

export const HEALTH_PATHS = ['/health', '/health/live', '/health/ready'] as const;

const routes = new WeakMap<Request, Route>();

export function routeOf(request: Request): Route | undefined {
  return routes.get(request);
}

export interface RouteTable {
  graphqlEndpoint: string;
  ingestPaths: readonly string[];
  /** GraphiQL's files live right under this prefix (no deeper folders). */
  assetPrefix: string;
}

/** The route of an exact path (no prefix, suffix, trailing slash, case or percent-encoding variants). */
export function matchRoute(pathname: string, table: RouteTable): Route | undefined {
  if (pathname === table.graphqlEndpoint) return 'graphql';
  if (table.ingestPaths.includes(pathname)) return 'ingest';
  if ((HEALTH_PATHS as readonly string[]).includes(pathname)) return 'health';
  if (pathname.startsWith(table.assetPrefix) && /^[\w.-]+$/.test(pathname.slice(table.assetPrefix.length))) return 'graphiql-asset';
  return undefined;
}

function notFound(method: string, pathname: string, endpoint: string): Response {
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  return new Response(
    JSON.stringify({ errors: [{ message: `Nothing at ${method} ${shown}: GraphQL is served at ${endpoint}`, extensions: { code: 'NOT_FOUND' } }] }),
    { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );
}

export function useRoutes(table: RouteTable): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      const route = matchRoute(url.pathname, table);
      if (!route) {
        endResponse(notFound(request.method, url.pathname, table.graphqlEndpoint));
        return;
      }
      routes.set(request, route);
    },
    // The second lock: whatever another plugin left unanswered, GraphQL runs on its route alone.
    onRequestParse({ request }) {
      if (routeOf(request) === 'graphql') return;
      throw new GraphQLError(`GraphQL is served at ${table.graphqlEndpoint} only`, { extensions: { code: 'NOT_FOUND', http: { status: 404 } } });
    },
  };
}
