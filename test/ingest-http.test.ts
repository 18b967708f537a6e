/**
 * The HTTP side of the server: the ingest endpoints (PostHog recordings, Dynatrace sessions)
 * with real fixture bodies, their error answers and size limit, /health and GraphiQL. On the
 * store the server writes to: the SQLite file, or (vitest project `postgres`) a PostgreSQL
 * database (test/graphql-helpers/server.ts), whose rows the test reads through an admin connection.
 */
import { getTableName } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema.js';
import { fixtureLines, fixtureText, readFixture, sessionId, toMs, type Json } from './graphql-helpers/expected.js';
import { startServer, type TestServer } from './graphql-helpers/server.js';

const POSTHOG_PATH = '/ingest/posthog/recordings';
const DYNATRACE_PATH = '/ingest/dynatrace/sessions';

interface IngestAnswer {
  accepted: number;
  rejected: number;
  errors: { line: number; message: string }[];
}

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function fresh(options: { maxIngestBytes?: number } = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

async function post(server: TestServer, path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: JSON.parse(text) as IngestAnswer & { error?: string } };
}

/** Rows of project default in `table`, in the store the server writes to. */
async function rowCount(server: TestServer, table: typeof t.recordings | typeof t.userSessions | typeof t.persons): Promise<number> {
  const [row] = await server.rows<{ n: number }>(`select count(*) as n from "${getTableName(table)}" where project = ?`, 'default');
  return row!.n;
}

async function recordingIds(server: TestServer): Promise<string[]> {
  const data = await server.ok('{ recordings(first: 500) { nodes { id } } }');
  return (data.recordings.nodes as { id: string }[]).map((n) => n.id).sort();
}

async function sessionIds(server: TestServer): Promise<string[]> {
  const data = await server.ok('{ userSessions(first: 500) { nodes { id } } }');
  return (data.userSessions.nodes as { id: string }[]).map((n) => n.id).sort();
}

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('POST /ingest/posthog/recordings', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await fresh();
  });

  it('accepts a PostHog list response ({"results": [...]}) and the recordings become queryable', async () => {
    const records = readFixture('posthog-list.json');
    const r = await post(server, POSTHOG_PATH, fixtureText('posthog-list.json'), { 'content-type': 'application/json' });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/application\/json/);
    expect(r.body).toEqual({ accepted: records.length, rejected: 0, errors: [], warnings: expect.any(Array) });
    expect(await recordingIds(server)).toEqual(records.map((x) => String(x.id)).sort());
    const first = records[0]!;
    const data = await server.ok(`query($id: ID!) { recording(id: $id) { id distinctId recordingDuration startTime startUrl viewers person { uuid } } }`, {
      id: first.id,
    });
    expect(data.recording).toEqual({
      id: first.id,
      distinctId: first.distinct_id,
      recordingDuration: first.recording_duration,
      startTime: new Date(toMs(first.start_time)!).toISOString(),
      startUrl: first.start_url,
      viewers: [...(first.viewers as string[])].sort(),
      person: { uuid: (first.person as Json).uuid },
    });
  });

  it('accepts NDJSON', async () => {
    const records = readFixture('posthog-recordings.ndjson');
    const r = await post(server, POSTHOG_PATH, fixtureText('posthog-recordings.ndjson'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: records.length, rejected: 0, errors: [], warnings: expect.any(Array) });
    for (const rec of records) {
      const data = await server.ok(`query($id: ID!) { recording(id: $id) { id clickCount snapshotLibrary } }`, { id: rec.id });
      expect(data.recording).toEqual({ id: rec.id, clickCount: rec.click_count, snapshotLibrary: rec.snapshot_library });
    }
  });

  it('accepts a JSON array, and persons on their own', async () => {
    const recs = readFixture('posthog-recordings.ndjson').map((r, i) => ({ ...r, id: `array-${i}`, person: undefined, distinct_id: 'array-person' }));
    const person = { id: 777, uuid: '01900000-0000-7000-8000-000000000777', name: 'solo', distinct_ids: ['array-person'], properties: { plan: 'pro' } };
    const r = await post(server, POSTHOG_PATH, JSON.stringify([...recs, person], null, 2), { 'content-type': 'application/json' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: recs.length + 1, rejected: 0, errors: [], warnings: expect.any(Array) });
    const data = await server.ok(`{ personByDistinctId(distinctId: "array-person") { uuid recordings { totalCount nodes { id } } } }`);
    expect(data.personByDistinctId.uuid).toBe(person.uuid);
    expect(data.personByDistinctId.recordings.totalCount).toBe(recs.length);
    expect(data.personByDistinctId.recordings.nodes.map((n: Json) => n.id).sort()).toEqual(recs.map((x) => x.id).sort());
  });

  it('rejects Dynatrace sessions: the wrong record kind for this endpoint', async () => {
    const before = await rowCount(server, t.userSessions);
    const r = await post(server, POSTHOG_PATH, fixtureText('dynatrace-sessions.ndjson'));
    expect(r.status).toBe(400);
    expect(r.body.accepted).toBe(0);
    expect(r.body.rejected).toBe(readFixture('dynatrace-sessions.ndjson').length);
    expect(r.body.errors.map((e) => e.line)).toEqual([1, 2]);
    for (const e of r.body.errors) expect(e.message).toMatch(/PostHog/);
    expect(await rowCount(server, t.userSessions)).toBe(before);
  });

  it('a mixed body: the recording is accepted (200), the session on line 2 rejected', async () => {
    const recording = { ...readFixture('posthog-recordings.ndjson')[1]!, id: 'mixed-1' };
    const session = readFixture('dynatrace-sessions.ndjson')[1]!;
    const r = await post(server, POSTHOG_PATH, ndjson([recording, session]));
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toBe(1);
    expect(r.body.errors).toEqual([{ line: 2, message: expect.any(String) }]);
    expect(await recordingIds(server)).toContain('mixed-1');
  });

  it('GET is 405', async () => {
    const response = await fetch(`${server.base}${POSTHOG_PATH}`);
    expect(response.status).toBe(405);
  });
});

describe('POST /ingest/dynatrace/sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await fresh();
  });

  it('accepts NDJSON and the sessions, with everything nested, become queryable', async () => {
    const records = readFixture('dynatrace-sessions.ndjson');
    const r = await post(server, DYNATRACE_PATH, fixtureText('dynatrace-sessions.ndjson'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: records.length, rejected: 0, errors: [], warnings: expect.any(Array) });
    expect(await sessionIds(server)).toEqual(records.map(sessionId).sort());
    for (const s of records) {
      const data = await server.ok(
        `query($id: ID!) { userSession(id: $id) { id country duration startTime userActions { name duration } events { name } errors { name }
          stringProperties { key value } } }`,
        { id: sessionId(s) },
      );
      expect(data.userSession).toEqual({
        id: sessionId(s),
        country: s.country ?? null,
        duration: s.duration ?? null,
        startTime: new Date(s.startTime as number).toISOString(),
        userActions: ((s.userActions as Json[]) ?? []).map((a) => ({ name: a.name ?? null, duration: a.duration ?? null })),
        events: ((s.events as Json[]) ?? []).map((e) => ({ name: e.name ?? null })),
        errors: ((s.errors as Json[]) ?? []).map((e) => ({ name: e.name ?? null })),
        stringProperties: (s.stringProperties as Json[]) ?? [],
      });
    }
  });

  it('accepts a JSON array', async () => {
    const records = readFixture('dynatrace-sessions.json');
    const r = await post(server, DYNATRACE_PATH, fixtureText('dynatrace-sessions.json'), { 'content-type': 'application/json' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: records.length, rejected: 0, errors: [], warnings: expect.any(Array) });
    const ids = await sessionIds(server);
    for (const s of records) expect(ids).toContain(sessionId(s));
  });

  it('a body with some bad lines: 200, the good ones stored, the bad ones reported by line', async () => {
    const lines = fixtureLines('dynatrace-bad.ndjson');
    // The fixture names its good sessions GOOD-*; every other line is broken in some way.
    const good = lines.filter((l) => String(l.value?.userSessionId ?? '').startsWith('GOOD-'));
    const bad = lines.filter((l) => !good.includes(l));
    expect(good.length).toBeGreaterThan(0);
    expect(bad.length).toBeGreaterThan(0);
    const r = await post(server, DYNATRACE_PATH, fixtureText('dynatrace-bad.ndjson'));
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(good.length);
    expect(r.body.rejected).toBe(bad.length);
    expect(r.body.errors.map((e) => e.line)).toEqual(bad.map((l) => l.line));
    for (const e of r.body.errors) expect(e.message.length).toBeGreaterThan(0);
    const ids = await sessionIds(server);
    for (const l of good) expect(ids).toContain(sessionId(l.value!));
    for (const l of bad) if (l.value?.userSessionId) expect(ids).not.toContain(sessionId(l.value));
  });

  it('nothing readable is 400: garbage, an empty body, only bad lines', async () => {
    const before = await rowCount(server, t.userSessions);
    const badOnly = fixtureLines('dynatrace-bad.ndjson')
      .filter((l) => !String(l.value?.userSessionId ?? '').startsWith('GOOD-'))
      .map((l) => l.text)
      .join('\n');
    for (const body of ['this is not json at all', '', '   \n\n', badOnly, '[]', '{"results": []}']) {
      const r = await post(server, DYNATRACE_PATH, body);
      expect(r.status, JSON.stringify(body.slice(0, 40))).toBe(400);
      expect(r.body.accepted).toBe(0);
      expect(r.body.errors.length, JSON.stringify(body.slice(0, 40))).toBeGreaterThan(0);
      for (const e of r.body.errors) expect(e).toEqual({ line: expect.any(Number), message: expect.any(String) });
    }
    expect(await rowCount(server, t.userSessions)).toBe(before);
  });

  it('rejects PostHog recordings: the wrong record kind for this endpoint', async () => {
    const before = await rowCount(server, t.recordings);
    const r = await post(server, DYNATRACE_PATH, fixtureText('posthog-recordings.ndjson'));
    expect(r.status).toBe(400);
    expect(r.body.rejected).toBe(readFixture('posthog-recordings.ndjson').length);
    expect(r.body.errors.map((e) => e.line)).toEqual([1, 2]);
    for (const e of r.body.errors) expect(e.message).toMatch(/Dynatrace/);
    expect(await rowCount(server, t.recordings)).toBe(before);
  });

  it('GET, PUT are 405', async () => {
    expect((await fetch(`${server.base}${DYNATRACE_PATH}`)).status).toBe(405);
    expect((await fetch(`${server.base}${DYNATRACE_PATH}`, { method: 'PUT', body: '{}' })).status).toBe(405);
  });
});

describe('ingest size limit', () => {
  const limit = 1000;

  async function expectNothingStored(server: TestServer) {
    expect(await rowCount(server, t.recordings)).toBe(0);
    expect(await rowCount(server, t.userSessions)).toBe(0);
    expect(await rowCount(server, t.persons)).toBe(0);
    const data = await server.ok('{ recordings { totalCount } userSessions { totalCount } persons { totalCount } }');
    expect(data).toEqual({ recordings: { totalCount: 0 }, userSessions: { totalCount: 0 }, persons: { totalCount: 0 } });
  }

  it('a body declared (content-length) larger than maxIngestBytes is 413 and nothing is stored; a smaller one passes', async () => {
    const server = await fresh({ maxIngestBytes: limit });
    const list = fixtureText('posthog-list.json');
    expect(Buffer.byteLength(list)).toBeGreaterThan(limit);
    const declared = await post(server, POSTHOG_PATH, list, { 'content-type': 'application/json' });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(String(limit));
    await expectNothingStored(server);

    const small = fixtureLines('posthog-recordings.ndjson')[1]!.text;
    expect(Buffer.byteLength(small)).toBeLessThan(limit);
    const ok = await post(server, POSTHOG_PATH, small);
    expect(ok.status).toBe(200);
    expect(ok.body.accepted).toBe(1);
  });

  it('a streamed body (chunked, no content-length) that grows past maxIngestBytes is 413 and nothing is stored', async () => {
    const server = await fresh({ maxIngestBytes: limit });
    const sessions = fixtureText('dynatrace-sessions.ndjson');
    expect(Buffer.byteLength(sessions)).toBeGreaterThan(limit);
    const bytes = new TextEncoder().encode(sessions);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 256) controller.enqueue(bytes.slice(i, i + 256));
        controller.close();
      },
    });
    let status: number | string;
    try {
      status = (await post(server, DYNATRACE_PATH, stream)).status;
    } catch (e) {
      status = `no response: ${String((e as Error).cause ?? e)}`;
    }
    expect(status).toBe(413);
    await expectNothingStored(server);
  });
});

describe('health and GraphiQL', () => {
  it('GET /health is 200 {"status":"ok"} while the store is open', async () => {
    const server = await fresh();
    const response = await fetch(`${server.base}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /health is 503 once the store is closed', async () => {
    const server = await fresh();
    // The store the server answers from (on PostgreSQL its pool, not the SQLite file it was copied from).
    await server.served.close();
    const response = await fetch(`${server.base}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', checks: { database: false } });
  });

  it('GET /graphql with Accept: text/html serves GraphiQL', async () => {
    const server = await fresh();
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<html/i);
    expect(html).toMatch(/graphiql/i);
    expect(html).toContain('sessiongraph');
  });
});
