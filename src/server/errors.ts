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

type Log = (line: string) => void;
const stderr: Log = (line) => process.stderr.write(`${line}\n`);

/** Replaces each unexpected error by a generic one carrying the request id; logs the detail. */
export function maskUnexpected(errors: readonly GraphQLError[], id: string, log: Log = stderr): GraphQLError[] {
  return errors.map((error) => {
    if (!isUnexpected(error)) return error;
    log(`request ${id}: ${error.path ? `at ${error.path.join('.')}: ` : ''}${error.originalError?.stack ?? error.message}`);
    return new GraphQLError(`Unexpected error (request id ${id})`, {
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
    });
  });
}

export function useErrorMasking(log: Log = stderr): Plugin {
  return {
    onRequest({ request }) {
      requestIdOf(request);
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
    onExecutionResult({ request, result, setResult }) {
      if (!result || Symbol.asyncIterator in result || !result.errors?.some(isUnexpected)) return;
      setResult({ ...result, errors: maskUnexpected(result.errors, requestIdOf(request), log) });
    },
  };
}
