/**
 * Production error masking: an unexpected error reaches the client as a generic message with a
 * request id, and the log gets the detail under the same id. Errors meant for the client
 * (validation, bad input, limits: GraphQLErrors thrown on purpose) pass unchanged.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const requestIds = new WeakMap<Request, string>();

export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) requestIds.set(request, (id = request.headers.get('x-request-id')?.slice(0, 64) || randomUUID()));
  return id;
}

/** Is this the error of a bug (a plain Error somewhere underneath), not one thrown for the client? */
function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  if (!original) return false;
  if (original instanceof GraphQLError) return isUnexpected(original);
  return true;
}

export function useErrorMasking(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Plugin {
  return {
    onRequest({ request }) {
      requestIdOf(request);
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
    onExecutionResult({ request, result, setResult }) {
      if (!result || Symbol.asyncIterator in result || !result.errors?.some(isUnexpected)) return;
      const id = requestIdOf(request);
      setResult({
        ...result,
        errors: result.errors.map((error) => {
          if (!isUnexpected(error)) return error;
          log(`request ${id}: ${error.path ? `at ${error.path.join('.')}: ` : ''}${error.originalError?.stack ?? error.message}`);
          return new GraphQLError(`Unexpected error (request id ${id})`, {
            path: error.path,
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
          });
        }),
      });
    },
  };
}
