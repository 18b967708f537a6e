/**
 * Text matching that answers the same on SQLite and PostgreSQL: Unicode case folding, LIKE
 * patterns, and regular expressions in a subset both engines read alike.
 *
 * - Folding is ICU's full upper-casing then lower-casing in the root locale: V8's
 *   toUpperCase/toLowerCase (registered on SQLite as sg_fold) and PostgreSQL's upper/lower under
 *   the "und-x-icu" collation are the same ICU mapping, so `ß`, `ẞ`, `SS` and `ss` all meet, and
 *   `É` meets `é`, where SQLite's LIKE only ignores ASCII case.
 * - Regular expressions run on RE2 (re2js) in SQLite: matching time is linear in the text, so no
 *   pattern can backtrack catastrophically. PostgreSQL runs its own engine on a translation of
 *   the pattern; the accepted syntax (below) is where the two agree, and constructs where they
 *   differ (`\b`, `\p{…}`, back-references, look-around, POSIX classes) are refused by name.
 */
import type Database from 'better-sqlite3';
import { RE2JS } from 're2js';

/** Filter operators that search text inside a value: checked row by row (no index serves them), each text at most 1,000 characters. */
export const TEXT_SEARCH = ['contains', 'startsWith', 'endsWith', 'like', 'ilike', 'regex'] as const;
export type TextSearch = (typeof TEXT_SEARCH)[number];

/** A pattern that cannot be used, with why (the filter reports it with the field's path). */
export class PatternError extends Error {}

/** Unicode case folding (ICU full mapping, root locale): what case-insensitive operators compare. */
export function fold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** Escapes LIKE's wildcards (and the escape character) so that text matches literally. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Refuses a LIKE pattern PostgreSQL would refuse (an escape with nothing after it). */
export function checkLikePattern(pattern: string): void {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\' && ++i === pattern.length) throw new PatternError('the pattern ends with an unfinished escape: write \\\\ for a backslash');
  }
}

/**
 * The GLOB pattern matching exactly what a case-sensitive LIKE pattern matches (SQLite's LIKE
 * ignores ASCII case, its GLOB does not): `%` → `*`, `_` → `?`, GLOB's own wildcards as classes.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i]!;
    if (c === '%' || c === '_') {
      out += c === '%' ? '*' : '?';
      continue;
    }
    if (c === '\\') c = pattern[++i]!;
    out += c === '*' || c === '?' || c === '[' ? `[${c}]` : c;
  }
  return out;
}

/** Repetition counts PostgreSQL accepts in `{n,m}` (RE_DUP_MAX). */
const MAX_REPEAT = 255;
/** Nested repetitions multiply: `(a{200}){200}` would compile to 40,000 copies. */
const MAX_EXPANSION = 1_000;

const SHORTHAND_CLASS: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: '\\t\\n\\f\\r ' };
const CONTROL_ESCAPES = new Set(['t', 'n', 'r', 'f', 'v']);

/**
 * Checks a regular expression against the subset both stores read alike and answers its
 * PostgreSQL (ARE) text. Accepted: literal characters, `\` before any punctuation, `.`, `^`, `$`,
 * `|`, groups `(…)` and `(?:…)`, classes `[…]`/`[^…]` with ranges, `\d \w \s` (ASCII, as RE2)
 * and `\D \W \S` outside classes, `\t \n \r \f \v`, quantifiers `* + ? {n} {n,} {n,m}` (greedy or
 * lazy, n and m at most 255), and `(?i)` at the very start for case-insensitive matching.
 */
export function regexForPostgres(pattern: string): string {
  let i = 0;
  let out = '';
  const fail = (what: string): never => {
    throw new PatternError(`${what} at character ${i + 1}`);
  };
  if (pattern.startsWith('(?i)')) {
    out = '(?i)';
    i = 4;
  }
  // Copies each part compiles to: the largest within each open group (the last is the whole
  // pattern), and what the atom just written expands to (a closed group: its largest part).
  const largest: number[] = [1];
  let atom: number | undefined;
  const wrote = (text: string, copies: number | undefined) => {
    out += text;
    atom = copies;
    if (copies !== undefined) largest[largest.length - 1] = Math.max(largest.at(-1)!, copies);
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) fail('an unfinished escape');
      if (/[dws]/.test(e!)) wrote(`[${SHORTHAND_CLASS[e!]}]`, 1);
      else if (/[DWS]/.test(e!)) wrote(`[^${SHORTHAND_CLASS[e!.toLowerCase()]}]`, 1);
      else if (CONTROL_ESCAPES.has(e!)) wrote(`\\${e}`, 1);
      else if (/[A-Za-z0-9]/.test(e!)) fail(`\\${e} (not read alike by both stores: word boundaries, \\p{…}, \\x, back-references are not supported)`);
      else wrote(`\\${e}`, 1);
      i += 2;
    } else if (c === '[') {
      const end = classEnd(pattern, i, fail);
      wrote(translateClass(pattern.slice(i + 1, end), fail), 1);
      i = end + 1;
    } else if (c === '(') {
      const open = pattern.startsWith('(?:', i) ? '(?:' : '(';
      if (open === '(' && pattern[i + 1] === '?') fail('a group with options or a name (only (?: …), and (?i) at the very start, are supported)');
      out += open;
      i += open.length;
      largest.push(1);
      atom = undefined;
    } else if (c === ')') {
      if (largest.length === 1) fail('an unmatched )');
      const inner = largest.pop()!;
      i++;
      wrote(')', inner);
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (atom === undefined) fail(`a quantifier ${c} with nothing to repeat`);
      let copies = 1;
      let text = c;
      if (c === '{') {
        const m = /^\{(\d{1,3})(,(\d{1,3})?)?\}/.exec(pattern.slice(i));
        if (!m) fail('a { that is not a repetition {n}, {n,} or {n,m} (write \\{ for the character)');
        const n = Number(m![1]);
        const upper = m![2] ? (m![3] === undefined ? undefined : Number(m![3])) : n;
        if (n > MAX_REPEAT || (upper ?? 0) > MAX_REPEAT) fail(`a repetition over ${MAX_REPEAT}`);
        if (upper !== undefined && upper < n) fail(`a repetition {${n},${upper}} whose maximum is below its minimum`);
        copies = Math.max(1, upper ?? n);
        text = m![0];
      }
      i += text.length;
      if (pattern[i] === '?') {
        text += '?';
        i++;
      }
      if ('*+?{'.includes(pattern[i] ?? '.')) fail('a quantifier after a quantifier');
      const expanded = atom! * copies;
      if (expanded > MAX_EXPANSION) fail(`repetitions expanding to over ${MAX_EXPANSION.toLocaleString('en-US')} copies`);
      wrote(text, expanded);
      atom = undefined;
    } else if (c === ']' || c === '}') {
      fail(`a lone ${c} (write \\${c} for the character)`);
    } else {
      i++;
      wrote(c, c === '^' || c === '$' || c === '|' ? undefined : 1);
    }
  }
  if (largest.length > 1) fail('an unclosed (');
  return out;
}

/** The index of the `]` closing the class that opens at `start`. */
function classEnd(pattern: string, start: number, fail: (what: string) => never): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > start + 1 && !(i === start + 2 && pattern[start + 1] === '^')) return i;
    else if (pattern[i] === ']') fail('an empty class [] or [^]');
  }
  return fail('an unclosed [');
}

function translateClass(body: string, fail: (what: string) => never): string {
  const negated = body.startsWith('^');
  let out = negated ? '[^' : '[';
  for (let i = negated ? 1 : 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const e = body[++i]!;
      if (/[dws]/.test(e)) out += SHORTHAND_CLASS[e];
      else if (CONTROL_ESCAPES.has(e)) out += `\\${e}`;
      else if (/[A-Za-z0-9]/.test(e)) fail(`\\${e} inside a class (only \\d \\w \\s \\t \\n \\r \\f \\v and escaped punctuation)`);
      else out += `\\${e}`;
    } else if (c === '[') fail('[ inside a class (write \\[; POSIX classes such as [:alpha:] are not supported)');
    else out += c;
  }
  return `${out}]`;
}

/** Compiled expressions by pattern: a query's few patterns are compiled once, not per row. */
const compiled = new Map<string, RE2JS>();
const COMPILED_KEPT = 64;

/** RE2 for a pattern already checked by regexForPostgres (DOTALL: `.` matches a newline, as on PostgreSQL). */
export function compileRegex(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern, RE2JS.DOTALL);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re;
}

/** Checks a pattern on both engines: the subset, then RE2 itself. */
export function checkRegex(pattern: string): void {
  regexForPostgres(pattern);
  try {
    compileRegex(pattern);
  } catch (e) {
    throw new PatternError((e as Error).message.replace(/^error parsing regexp: /, ''));
  }
}

/** Registers sg_fold(text) and sg_regexp(pattern, text) on a SQLite connection. */
export function registerTextFunctions(sqlite: Database.Database): void {
  sqlite.function('sg_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : text));
  sqlite.function('sg_regexp', { deterministic: true }, (pattern: unknown, text: unknown) =>
    typeof text === 'string' && typeof pattern === 'string' ? (compileRegex(pattern).matcher(text).find() ? 1 : 0) : null,
  );
}
