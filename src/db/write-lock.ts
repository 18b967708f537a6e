/**
 * One writer at a time per connection. An import holds a transaction open across awaits of its
 * input stream; a mutation arriving meanwhile must wait, not join that transaction.
 */
import type { AnyStore } from '../graphql/context.js';

const locks = new WeakMap<AnyStore, Promise<unknown>>();

export function withWriteLock<T>(store: AnyStore, fn: () => T | Promise<T>): Promise<T> {
  const previous = locks.get(store) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  locks.set(store, run.catch(() => undefined));
  return run;
}
