/**
 * Streaming reader for the shapes the two products hand out, with the line each record starts on:
 *  - NDJSON, one record per line (Dynatrace's user session export, or PostHog recordings);
 *  - a JSON array of records, pretty-printed or not;
 *  - a PostHog list response `{"results": [...], "has_next": ...}`, on one line or many.
 * Only one record's text is held at a time, so memory stays flat in the size of the input.
 */

export type RawRecord = { line: number; value: unknown } | { line: number; error: string };

function parse(text: string, line: number): RawRecord {
  try {
    return { line, value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    // V8 quotes the whole offending text; a record can be large, so keep the message short.
    return { line, error: `invalid JSON: ${message.length > 160 ? `${message.slice(0, 160)}…` : message}` };
  }
}

/** A parsed top-level value that is a list response stands for its results. */
function* expandListResponse(record: RawRecord): Generator<RawRecord> {
  if ('value' in record) {
    const v = record.value as { results?: unknown } | null;
    if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.results)) {
      for (const item of v.results) yield { line: record.line, value: item };
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) yield { line: record.line, value: item };
      return;
    }
  }
  yield record;
}

/** Longest piece of input scanned in one go (characters or bytes). */
const MAX_CHUNK = 1 << 20;

async function* decode(input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<string> {
  // Malformed UTF-8 becomes U+FFFD rather than aborting the whole file.
  const decoder = new TextDecoder('utf-8');
  for await (const whole of input) {
    // A body arrives as one buffer: cut it so the scanner hands out records as it goes, not all
    // of a 32 MiB body's records at once after scanning it in one go.
    for (let at = 0; at < whole.length; at += MAX_CHUNK) {
      const chunk = whole.length <= MAX_CHUNK ? whole : typeof whole === 'string' ? whole.slice(at, at + MAX_CHUNK) : whole.subarray(at, at + MAX_CHUNK);
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * NDJSON: every non-blank line is one value. A line longer than a chunk (one big session) is kept
 * as pieces and joined once: appending each chunk to one string and searching it again from the
 * start cost time growing with the square of the line's length.
 */
async function* readLines(first: string, rest: AsyncIterator<string>): AsyncGenerator<RawRecord> {
  let pieces: string[] = [];
  let line = 1;
  let chunk = first;
  for (;;) {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) >= 0) {
      pieces.push(chunk.slice(start, nl));
      const text = (pieces.length === 1 ? pieces[0]! : pieces.join('')).trim();
      pieces = [];
      if (text) yield* expandListResponse(parse(text, line));
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) pieces.push(chunk.slice(start));
    const next = await rest.next();
    if (next.done) break;
    chunk = next.value;
  }
  const text = pieces.join('').trim();
  if (text) yield* expandListResponse(parse(text, line));
}

/**
 * Multi-line JSON: a character scanner that tracks nesting and strings, and cuts out each element
 * of the root array (or of the root object's `results` array). Other top-level objects are
 * records themselves.
 */
async function* scanJson(first: string, rest: AsyncIterator<string>): AsyncGenerator<RawRecord> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let recordsDepth = -1; // depth at which record elements live, once known
  let rootIsObject = false;
  let key = ''; // the last string seen directly inside the root object
  let keyOpen = false;
  let pieces: string[] | null = null; // text of the element being collected
  let elementLine = 0;
  let elementDepth = 0;
  const out: RawRecord[] = [];

  let chunk = first;
  for (;;) {
    let segStart = 0;
    const finish = (end: number) => {
      pieces!.push(chunk.slice(segStart, end));
      const text = pieces!.join('').trim();
      pieces = null;
      if (text) out.push(parse(text, elementLine));
    };
    const start = (at: number, d: number) => {
      pieces = [];
      segStart = at;
      elementLine = line;
      elementDepth = d;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        if (keyOpen) {
          if (inString) key += chunk[i];
          else keyOpen = false;
        }
        continue;
      }
      switch (c) {
        case 32: case 9: case 10: case 13:
          break;
        case 34: // "
          if (!pieces && depth === recordsDepth) start(i, depth);
          inString = true;
          if (rootIsObject && depth === 1) {
            key = '';
            keyOpen = true;
          }
          break;
        case 123: // {
        case 91: // [
          if (depth === 0) {
            rootIsObject = c === 123;
            if (rootIsObject) start(i, 0);
            else recordsDepth = 1;
          } else if (!pieces && depth === recordsDepth) {
            start(i, depth);
          } else if (c === 91 && rootIsObject && depth === 1 && key === 'results') {
            pieces = null; // a list response: its results are the records, not the wrapper
            recordsDepth = 2;
          }
          depth++;
          break;
        case 125: // }
        case 93: // ]
          if (pieces && elementDepth > 0 && depth - 1 < elementDepth) finish(i);
          depth--;
          if (depth < recordsDepth) recordsDepth = -1;
          if (pieces && elementDepth === 0 && depth === 0) {
            finish(i + 1);
          }
          if (depth < 0) {
            out.push({ line, error: 'invalid JSON: unexpected closing bracket' });
            depth = 0;
          }
          break;
        case 44: // ,
          if (pieces && depth === elementDepth && elementDepth > 0) finish(i);
          break;
        default:
          if (!pieces && depth === recordsDepth) start(i, depth);
          else if (depth === 0) {
            out.push({ line, error: 'invalid JSON: expected an array or object at the top level' });
            // Skip to the end of this line and try again from there.
            const nl = chunk.indexOf('\n', i);
            i = nl < 0 ? chunk.length : nl - 1;
          }
      }
    }
    if (pieces) (pieces as string[]).push(chunk.slice(segStart));
    yield* out.splice(0);
    const next = await rest.next();
    if (next.done) break;
    chunk = next.value;
  }
  if (pieces || depth > 0 || inString) {
    yield { line: pieces ? elementLine : line, error: 'invalid JSON: unexpected end of input (unclosed value)' };
  }
}

export async function* readRecords(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<RawRecord> {
  const chunks = decode(input)[Symbol.asyncIterator]();
  // Read until the first line is complete: its shape tells NDJSON from multi-line JSON.
  let head = '';
  for (;;) {
    if (head.trimStart() && head.includes('\n')) break;
    const next = await chunks.next();
    if (next.done) break;
    head += next.value;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1); // BOM
  const trimmed = head.trimStart();
  if (!trimmed) return;
  const firstLine = (trimmed.split('\n', 1)[0] ?? '').trim();
  // An NDJSON file's first line is a whole record; a pretty-printed document's is `{` or `[`-ish.
  const ndjson = trimmed[0] === '{' && firstLine.length > 1 && firstLine.endsWith('}');
  yield* ndjson ? readLines(head, chunks) : scanJson(head, chunks);
}
