/**
 * What protects the server from heavy or hostile requests, before any SQL runs:
 * graphql-armor (depth, aliases, directives, tokens), a body-size cap, and a per-request time
 * budget checked between statements. Query cost is priced by the Pothos complexity plugin.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../graphql/limits.js';
import type { Context } from '../graphql/context.js';

function tooLarge(status: 411 | 413, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'REQUEST_TOO_LARGE' } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** A GraphQL POST must say how big it is, and be at most `bodyBytes`. */
function useBodyLimit(endpoint: string, maxBytes: number): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== endpoint || request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.headers.get('transfer-encoding')) {
          endResponse(tooLarge(411, 'Send GraphQL requests with a Content-Length header'));
        }
        return;
      }
      if (Number(length) > maxBytes) {
        endResponse(tooLarge(413, `Request body is ${length} bytes, over the limit of ${maxBytes} bytes`));
      }
    },
  };
}

/** SQL runs synchronously, so the budget is checked before each statement (see SqlRunner). */
function useTimeBudget(ms: number): Plugin<Context> {
  return {
    onExecute({ args }) {
      (args.contextValue as Context).sql.deadline = Date.now() + ms;
    },
  };
}

export function useQueryLimits(endpoint: string): Plugin<Context>[] {
  return [
    useBodyLimit(endpoint, QUERY_LIMITS.bodyBytes) as Plugin<Context>,
    EnvelopArmorPlugin({
      maxDepth: { n: QUERY_LIMITS.depth, ignoreIntrospection: true },
      maxAliases: { n: QUERY_LIMITS.aliases },
      maxDirectives: { n: QUERY_LIMITS.directives },
      maxTokens: { n: QUERY_LIMITS.tokens },
      // Cost is the complexity plugin's job: it knows page sizes.
      costLimit: { enabled: false },
      // Field suggestions ("Did you mean …") stay: they help people in GraphiQL, and the schema is public.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin<Context>,
    useTimeBudget(QUERY_LIMITS.timeoutMs),
  ];
}
