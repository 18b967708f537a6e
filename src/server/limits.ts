/**
 * What protects the server from heavy or hostile requests, before any SQL runs:
 * graphql-armor (depth, aliases, directives, tokens), a document-nesting cap (the parser
 * recurses), body-size caps, sane GET parameters, and a per-request time budget checked between
 * statements. Query cost is priced by the Pothos complexity plugin.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { QUERY_LIMITS } from '../graphql/limits.js';
import type { Context } from '../graphql/context.js';

function refuse(status: 400 | 411 | 413, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * A GraphQL POST must say how big it is, and be at most `maxBytes`. Yoga answers GraphQL on any
 * path ending in its endpoint, so every POST but ingest (which has its own limit) is held to it.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'POST' || url.pathname.startsWith('/ingest/')) return;
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.headers.get('transfer-encoding')) {
          endResponse(refuse(411, 'REQUEST_TOO_LARGE', 'Send GraphQL requests with a Content-Length header'));
        }
        return;
      }
      if (Number(length) > maxBytes) {
        endResponse(refuse(413, 'REQUEST_TOO_LARGE', `Request body is ${length} bytes, over the limit of ${maxBytes} bytes`));
      }
    },
  };
}

/** GET parameters that are not JSON are the client's mistake (400), not the server's. */
function useGetParameters(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (!value) continue;
        try {
          JSON.parse(value);
        } catch {
          endResponse(refuse(400, 'BAD_REQUEST', `The "${name}" parameter is not valid JSON`));
          return;
        }
      }
    },
  };
}

/** Deepest nesting of { [ ( in a document, outside strings and comments. */
export function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 34 /* " */) {
      const block = source.startsWith('"'.repeat(3), i);
      if (block) {
        const end = source.indexOf('"'.repeat(3), i + 3);
        i = end < 0 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source.charCodeAt(i) !== 34; i++) if (source.charCodeAt(i) === 92) i++;
      }
    } else if (c === 35 /* # */) {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
    } else if (c === 123 || c === 91 || c === 40) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93 || c === 41) depth--;
  }
  return max;
}

/** graphql-js parses recursively: a document nested thousands deep would overflow the stack. */
function useNestingLimit(max: number): Plugin {
  return {
    onParse({ params }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const depth = nestingDepth(source);
      if (depth > max) {
        throw new GraphQLError(`Document nesting depth is ${depth}, over the limit of ${max}`, {
          extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'nesting', value: depth, max, http: { status: 400 } },
        });
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

export function useQueryLimits(): Plugin<Context>[] {
  return [
    useBodyLimit(QUERY_LIMITS.bodyBytes) as Plugin<Context>,
    useGetParameters() as Plugin<Context>,
    useNestingLimit(QUERY_LIMITS.nesting) as Plugin<Context>,
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
