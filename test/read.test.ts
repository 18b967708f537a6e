/** readRecords: the streaming reader for NDJSON, JSON arrays and PostHog list responses. */
import { describe, expect, test } from 'vitest';
import { readRecords, type RawRecord } from '../src/ingest/read.js';
import { FIXTURES, fixtureRecords, readText } from './helpers/fixtures.js';

const encoder = new TextEncoder();

async function* chunks(parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

async function read(input: string | Uint8Array | (string | Uint8Array)[]): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readRecords(chunks(Array.isArray(input) ? input : [input]))) out.push(r);
  return out;
}

/** The input's bytes cut into chunks of the given sizes, repeating (cuts land inside characters). */
function split(text: string, sizes: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

const values = (records: RawRecord[]) => records.map((r) => ('value' in r ? r.value : r));
const lines = (records: RawRecord[]) => records.map((r) => r.line);

/** A record with the characters a scanner can trip over: brackets, commas and quotes in strings, escapes, non-ASCII. */
const tricky = {
  id: 'a,b]}{["',
  text: 'back\\slash \\" quote, ünïcödé ✓ 🎉',
  nested: { list: [1, [2, 3], { x: '}' }], empty: {}, none: null, results: [4] },
};
/** Inside a list response, a record's own `results` key is just a field. */
const withResults = { id: 'r-results', results: ['not', 'a', 'list response'] };

const pretty = JSON.stringify([{ a: 1 }, tricky, { c: [true, false] }], null, 2) + '\n';

const INPUTS: Record<string, { text: string; values: unknown[]; lines: number[] }> = {
  ndjson: {
    text: '\uFEFF{"a":1}\r\n\r\n{"b":"x\\ny"}\r\n   \r\n' + JSON.stringify(tricky) + '\r\n\n',
    values: [{ a: 1 }, { b: 'x\ny' }, tricky],
    lines: [1, 3, 5],
  },
  'pretty JSON array': {
    text: pretty,
    values: [{ a: 1 }, tricky, { c: [true, false] }],
    // JSON.stringify(…, null, 2) opens each element on its own line, indented by two spaces.
    lines: pretty.split('\n').flatMap((l, i) => (/^ {2}\{/.test(l) ? [i + 1] : [])),
  },
  'one-line JSON array': {
    text: JSON.stringify([{ a: 1 }, tricky]),
    values: [{ a: 1 }, tricky],
    lines: [1, 1],
  },
  'multi-line list response': {
    text:
      '{\n  "count": 3,\n  "next": "https://eu.posthog.com/api/?results=[1]",\n  "columns": ["a", "b"],\n  "results": [\n' +
      '    {"id": "r1", "n": [1, 2]},\n' +
      `    ${JSON.stringify(tricky)},\n` +
      `    ${JSON.stringify(withResults)},\n` +
      '    {\n      "id": "r3"\n    }\n  ],\n  "has_next": false\n}\n',
    values: [{ id: 'r1', n: [1, 2] }, tricky, withResults, { id: 'r3' }],
    lines: [6, 7, 8, 9],
  },
  'single-line list response': {
    text: JSON.stringify({ results: [{ id: 'r1' }, tricky, withResults], has_next: true, next: 'https://x/?offset=2' }) + '\n',
    values: [{ id: 'r1' }, tricky, withResults],
    lines: [1, 1, 1],
  },
};

describe('readRecords', () => {
  test.each(Object.entries(INPUTS))('%s: values and the line each record starts on', async (_, input) => {
    expect(input.lines).toHaveLength(input.values.length);
    const records = await read(input.text);
    expect(values(records)).toStrictEqual(input.values);
    expect(lines(records)).toStrictEqual(input.lines);
  });

  test.each(Object.entries(INPUTS))('%s: the same from 1-3 byte chunks, split inside characters', async (_, input) => {
    for (const sizes of [[1], [2], [3], [1, 2, 3], [3, 1, 2, 2]]) {
      const records = await read(split(input.text, sizes));
      expect(values(records), `chunks ${sizes.join(',')}`).toStrictEqual(input.values);
      expect(lines(records), `chunks ${sizes.join(',')}`).toStrictEqual(input.lines);
    }
  });

  test('a UTF-8 byte order mark is skipped, as bytes or as text', async () => {
    const text = '{"a":1}\n{"a":2}\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]);
    expect(values(await read(bom))).toStrictEqual([{ a: 1 }, { a: 2 }]);
    expect(values(await read(`\uFEFF${text}`))).toStrictEqual([{ a: 1 }, { a: 2 }]);
    expect(values(await read(`\uFEFF[\n{"a":1},\n{"a":2}\n]`))).toStrictEqual([{ a: 1 }, { a: 2 }]);
  });

  test('leading blank lines count towards line numbers', async () => {
    expect(lines(await read('\n\n{"a":1}\n{"a":2}\n'))).toStrictEqual([3, 4]);
    expect(lines(await read('\r\n\r\n[\r\n  {"a":1},\r\n  {"a":2}\r\n]\r\n'))).toStrictEqual([4, 5]);
  });

  test('a pretty-printed top-level object that is not a list response is one record', async () => {
    const session = { tenantId: 't', userSessionId: 's', userActions: [{ a: 1 }, { b: [2] }] };
    const text = `\n${JSON.stringify(session, null, 2)}\n${JSON.stringify({ ...session, userSessionId: 's2' }, null, 1)}\n`;
    const records = await read(text);
    expect(values(records)).toStrictEqual([session, { ...session, userSessionId: 's2' }]);
    expect(lines(records)).toStrictEqual([2, 2 + JSON.stringify(session, null, 2).split('\n').length]);
  });

  test('empty and blank input yields nothing', async () => {
    expect(await read('')).toStrictEqual([]);
    expect(await read(' \n\r\n\t\n')).toStrictEqual([]);
    expect(await read('[]')).toStrictEqual([]);
    expect(await read('{\n"results": [],\n"has_next": false\n}')).toStrictEqual([]);
  });

  test('a malformed NDJSON line is an error at its line; the lines around it still parse', async () => {
    const records = await read('{"a":1}\n{"a":\n{"a":3}\n');
    expect(records[0]).toStrictEqual({ line: 1, value: { a: 1 } });
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^invalid JSON/) });
    expect(records[2]).toStrictEqual({ line: 3, value: { a: 3 } });
    expect(records).toHaveLength(3);
  });

  test('an unclosed document ends in an error at the unfinished record', async () => {
    const array = await read('[\n  {"a": 1},\n  {"b": [1,\n');
    expect(array[0]).toStrictEqual({ line: 2, value: { a: 1 } });
    expect(array[1]).toMatchObject({ line: 3, error: expect.stringMatching(/unexpected end of input/) });
    expect(array).toHaveLength(2);

    const list = await read('{\n"results": [\n{"id": 1},\n{"id": "unterminated string');
    expect(values(list.slice(0, 1))).toStrictEqual([{ id: 1 }]);
    expect(list[1]).toMatchObject({ line: 4, error: expect.stringMatching(/unexpected end of input/) });
    expect(list).toHaveLength(2);

    // The same from tiny chunks.
    expect(await read(split('[\n  {"a": 1},\n  {"b": [1,\n', [1, 2]))).toStrictEqual(array);
  });

  test('a malformed element of a pretty-printed array is reported at its line', async () => {
    const records = await read('[\n  {"a": 1},\n  {"a": tru},\n  {"a": 3}\n]\n');
    expect(records).toHaveLength(3);
    expect(records[1]).toMatchObject({ line: 3, error: expect.stringMatching(/^invalid JSON/) });
    expect(values([records[0]!, records[2]!])).toStrictEqual([{ a: 1 }, { a: 3 }]);
  });

  test.each([FIXTURES.posthogList, FIXTURES.posthogNdjson, FIXTURES.dynatraceNdjson, FIXTURES.dynatraceJson])(
    'reads the fixture %s, whole and in 1-3 byte chunks',
    async (file) => {
      const text = readText(file);
      const expected = fixtureRecords(file);
      expect(values(await read(text))).toStrictEqual(expected);
      expect(values(await read(split(text, [1, 2, 3])))).toStrictEqual(expected);
    },
  );

  test('each record of the pretty-printed fixtures starts on the line of its opening brace', async () => {
    for (const file of [FIXTURES.posthogList, FIXTURES.dynatraceJson]) {
      const text = readText(file);
      const records = await read(text);
      const expected = text
        .split('\n')
        .map((l, i) => [l, i + 1] as const)
        .filter(([l]) => /^ {2,4}\{$/.test(l))
        .map(([, n]) => n);
      expect(lines(records), file).toStrictEqual(expected);
      expect(expected.length).toBe(fixtureRecords(file).length);
    }
  });
});
