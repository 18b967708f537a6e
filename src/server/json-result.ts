/**
 * Results whose data arrives from a read worker as JSON text. Copying a page of 100 sessions
 * across threads as an object graph, then serializing it again, kept the main thread (which also
 * parses and answers every HTTP request) busier than the workers. Yoga writes a result through
 * its own `stringify` when it has one, so the text goes out as it came; `data` is parsed only
 * if a plugin reads it.
 */
import type { ExecutionResult } from 'graphql';

type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

export function jsonResult(json: string): Result {
  let data: ExecutionResult['data'];
  const parsed = () => (data ??= JSON.parse(json) as ExecutionResult['data']);
  const result = Object.defineProperty({} as Result, 'data', { get: parsed, enumerable: true, configurable: true });
  // Yoga may hand over a copy (with errors or HTTP extensions to strip); its data is then a plain value.
  result.stringify = (r) => {
    if (Object.getOwnPropertyDescriptor(r, 'data')?.get !== parsed) return JSON.stringify(r);
    let out = `{"data":${json}`;
    for (const key of Object.keys(r) as (keyof ExecutionResult)[]) {
      if (key === 'data') continue;
      const value: unknown = r[key];
      if (value !== undefined && typeof value !== 'function') out += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
    return `${out}}`;
  };
  return result;
}

/** The result with these extensions added, its properties (a lazy `data`) kept as they are. */
export function withExtensions(result: ExecutionResult, extensions: Record<string, unknown>): ExecutionResult {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(result)) as ExecutionResult;
  copy.extensions = { ...result.extensions, ...extensions };
  return copy;
}
