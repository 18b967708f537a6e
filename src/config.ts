/** Defaults shared by every command, overridable by flags and the environment. */
export const DEFAULT_DB = './data/sessiongraph.db';
export const DEFAULT_PROJECT = 'default';

export function defaultDbPath(): string {
  return process.env.SESSIONGRAPH_DB || DEFAULT_DB;
}

export function parsePositiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}
