/**
 * Production error masking: an unexpected error reaches the client as a generic message with a
 * request id, and the log gets the detail under the same id (also the `x-request-id` response
 * header). Errors meant for the client (validation, bad input, limits: GraphQLErrors thrown on
 * purpose) pass unchanged. Yoga decides what is unexpected and calls `maskError`; the request id
 * reaches it through AsyncLocalStorage, entered when the request arrives.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const requestIds = new WeakMap<Request, string>();
const currentRequest = new AsyncLocalStorage<string>();

export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) requestIds.set(request, (id = request.headers.get('x-request-id')?.replace(/[^\w.-]/g, '').slice(0, 64) || randomUUID()));
  return id;
}

type Log = (line: string) => void;
const stderr: Log = (line) => process.stderr.write(`${line}\n`);

function masked(error: unknown, id: string, log: Log): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError && error.path ? `at ${error.path.join('.')}: ` : '';
  log(`request ${id}: ${path}${original instanceof Error ? (original.stack ?? original.message) : String(original)}`);
  return new GraphQLError(`Unexpected error (request id ${id})`, {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
  });
}

/** For Yoga's `maskedErrors.maskError`: never the stack, whatever NODE_ENV says. */
export function maskError(error: unknown, _message: string, log: Log = stderr): Error {
  if (error instanceof GraphQLError) {
    // Errors made for the client pass: thrown on purpose, or the request's own fault with an HTTP
    // status (Yoga's "POST body sent invalid JSON." and the like).
    if (!isUnexpected(error) || (error.extensions as { http?: unknown } | undefined)?.http) return error;
  }
  return masked(error, currentRequest.getStore() ?? randomUUID(), log);
}

/** Is this the error of a bug (a plain Error somewhere underneath), not one thrown for the client? */
function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  if (!original) return false;
  if (original instanceof GraphQLError) return isUnexpected(original);
  return true;
}

/** The same masking where Yoga does not run it (the read workers). */
export function maskUnexpected(errors: readonly GraphQLError[], id: string, log: Log = stderr): GraphQLError[] {
  return errors.map((error) => (isUnexpected(error) ? masked(error, id, log) : error));
}

/** Runs `fn` with `id` as the current request's id (for maskError where no yoga request is at hand). */
export function withRequestId<T>(id: string, fn: () => T): T {
  return currentRequest.run(id, fn);
}

/** Gives every request an id: in the async context (for maskError) and in the response header. */
export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      currentRequest.enterWith(requestIdOf(request));
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
