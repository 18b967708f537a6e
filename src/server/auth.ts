/**
 * API-key authentication as a Yoga plugin. With auth required, every GraphQL and ingest request
 * must carry `Authorization: Bearer KEY`; a missing or wrong key gets a 401 with a GraphQL error
 * and nothing else. The GraphiQL page itself is public: it asks the person for their key.
 */
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { verifyKey, verifyKeyIn, type Caller } from '../db/keys.js';
import type { AnyStore, Context } from '../graphql/context.js';
import { wantsGraphiQL } from './graphiql.js';
import { PUBLIC_ROUTES, routeOf } from './routes.js';

export type AuthMode = 'required' | 'off';

const callers = new WeakMap<Request, Caller>();

/** The caller a request authenticated as (none when auth is off). */
export function callerOf(request: Request): Caller | undefined {
  return callers.get(request);
}


function unauthorized(message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer realm="sessiongraph"' },
  });
}

export function useApiKeys(options: { store: AnyStore; mode: AuthMode }): Plugin<Context> {
  return {
    onRequest({ request, endResponse }) {
      // Decided on the route the request will be served by (routes.ts), never on a path pattern.
      const route = routeOf(request);
      if (options.mode === 'off' || (route && PUBLIC_ROUTES.has(route))) return;
      // The GraphiQL page (a browser GET for HTML on the endpoint) is served without a key; its queries are not.
      if (route === 'graphql' && wantsGraphiQL(request)) return;
      const header = request.headers.get('authorization') ?? '';
      const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      if (!token) {
        endResponse(unauthorized('Authentication required: send "Authorization: Bearer <API key>"'));
        return;
      }
      const verdict = (caller: Caller | null) => {
        if (caller) callers.set(request, caller);
        else endResponse(unauthorized('Invalid API key'));
      };
      // SQLite answers at once; PostgreSQL asynchronously.
      if (options.store.kind === 'sqlite') return verdict(verifyKey(options.store, token));
      return verifyKeyIn(options.store, token).then(verdict);
    },
    // Read-only keys read: a mutation is refused before it runs.
    onExecute({ args, setResultAndStopExecution }) {
      if (!(args.contextValue as Context).readOnly) return;
      const operation = args.document.definitions.find(
        (d: { kind: string; name?: { value: string } }) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === OperationTypeNode.MUTATION) {
        setResultAndStopExecution({
          errors: [new GraphQLError('This API key is read-only: mutations are not allowed', { extensions: { code: 'FORBIDDEN' } })],
        });
      }
    },
  };
}
