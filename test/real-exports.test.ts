/**
 * Issue 13, first slice: the real-shaped exports of test/fixtures/real/ import with exit 0 (CLI)
 * and 200 (HTTP ingest on a real server), and come back through GraphQL as the source had them.
 * Expected values are read from the fixture files themselves.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { openStore, type Store } from '../src/db/open.js';
import { createKey } from '../src/db/keys.js';
import * as t from '../src/db/schema.js';
import * as E from '../src/model/enums.js';
import { jsonOutput, lineReports, run, TSX, useTempDir, type RunResult } from './helpers/cli.js';
import { client, listen, rowCounts, type Json, type Running } from './helpers/security.js';
import { dumpFile } from './helpers/store.js';
import { importFile } from '../src/ingest/files.js';
import { expectAsSource, selectionOf } from './helpers/as-source.js';
import { enumName } from './graphql-helpers/expected.js';

const FIXTURES = 'test/fixtures/real';
const tmp = useTempDir('sessiongraph-real-');
let dbs = 0;
const freshDb = (what: string) => tmp.path(`${what}-${dbs++}.db`);

type Source = 'posthog' | 'dynatrace';
const INGEST_PATH: Record<Source, string> = {
  posthog: '/ingest/posthog/recordings',
  dynatrace: '/ingest/dynatrace/sessions',
};

const text = (file: string) => readFileSync(`${FIXTURES}/${file}`, 'utf8');
const isBulkAction = (v: Json) => Object.keys(v).length === 1 && ('index' in v || 'create' in v);

/** The fixture's records (list responses unwrapped, bulk action lines left out). */
function records(file: string): Json[] {
  if (file.endsWith('.ndjson')) {
    return text(file)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Json)
      .filter((v) => !isBulkAction(v));
  }
  const doc = JSON.parse(text(file)) as Json | Json[];
  return Array.isArray(doc) ? doc : (doc.results as Json[]);
}

/** The instant an ISO string or epoch ms stands for; a zone-less date-time is UTC. */
function instant(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return new Date(v).toISOString();
  const s = String(v);
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`);
  expect(Number.isNaN(ms), `not a date: ${s}`).toBe(false);
  return new Date(ms).toISOString();
}

function importCli(files: string[], options: { db?: string; strict?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const db = options.db ?? freshDb('cli');
  const args = ['src/cli/import.ts', '--db', db, '--json', ...(options.strict ? ['--strict'] : []), ...files];
  return run(TSX, args, options.env ?? {}).then((result) => ({ db, result }));
}

const opened: { store: Store; server: Running }[] = [];
afterAll(async () => {
  for (const { store, server } of opened) {
    await server.close();
    store.close();
  }
});

/** A real server (default read workers) over the database file. */
async function serve(db: string): Promise<Served> {
  const store = openStore(db);
  const server = await listen({ store });
  opened.push({ store, server });
  return { store, server, gql: client(server.url, undefined), auth: {}, viewer: null };
}

function expectImported(result: RunResult, counts: Partial<Record<'recordings' | 'userSessions' | 'persons', number>>) {
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  const summary = jsonOutput(result);
  expect(summary).toMatchObject({ ...counts, rejected: 0 });
}

/**
 * The fixture imported through the CLI into a fresh file and posted to a fresh server: both
 * stores, each served over GraphQL.
 */
async function importBoth(file: string, source: Source, counts: Parameters<typeof expectImported>[1], env: NodeJS.ProcessEnv = {}) {
  // One import (and two servers) per fixture and environment, shared by the tests that read it.
  const key = `${file}|${JSON.stringify(env)}`;
  let imported = importedOnce.get(key);
  if (!imported) importedOnce.set(key, (imported = importBothOnce(file, source, env)));
  const done = await imported;
  expectImported(done.result, counts);
  return done;
}
const importedOnce = new Map<string, ReturnType<typeof importBothOnce>>();

/** A store behind a server, and a client (with the key of the fixture's project where keys are required). */
type Served = { store: Store; server: Running; gql: ReturnType<typeof client>; auth: Record<string, string>; viewer: string | null };

/**
 * Two stores, each behind one real server (read workers on, API keys required): one filled through
 * the pipeline `npm run import` runs (in this process: the CLI itself runs once for all fixtures
 * below, and per fixture where the process's TZ matters), one through HTTP ingest. Each fixture
 * goes into a project of its own, so the fixtures cannot meet, and a server per fixture (four
 * read workers to start each time) is not needed.
 */
let sharedStores: Promise<{ cli: Pick<Served, 'store' | 'server'>; http: Pick<Served, 'store' | 'server'> }> | undefined;
function shared() {
  const open = async (what: string) => {
    const store = openStore(freshDb(what));
    const server = await listen({ store, auth: 'required' });
    opened.push({ store, server });
    return { store, server };
  };
  sharedStores ??= Promise.all([open('shared-cli'), open('shared-http')]).then(([cli, http]) => ({ cli, http }));
  return sharedStores;
}

async function importBothOnce(file: string, source: Source, env: NodeJS.ProcessEnv) {
  if (Object.keys(env).length) return importBothSpawned(file, source, env);
  const { cli, http } = await shared();
  const project = file.replace(/\W/g, '-');
  const keyed = (s: Pick<Served, 'store' | 'server'>): Served => {
    // A keyed caller is a viewer (the key's name): `viewed` is then whether this viewer has seen it.
    const viewer = `reader@${project}`;
    const { key } = createKey(s.store, { project, name: viewer });
    return { ...s, gql: client(s.server.url, key), auth: { authorization: `Bearer ${key}` }, viewer };
  };
  const viaCli = keyed(cli);
  const viaHttp = keyed(http);
  const { warnings, errors, rolledBack: _, accepted: _a, ...counts } = await importFile(cli.store, `${FIXTURES}/${file}`, { project });
  const summary = { ...counts, warnings: warnings.map(({ line, ...w }) => ({ ...w, first: `${FIXTURES}/${file}:${line}` })) };
  const stderr = errors.map((e) => `${FIXTURES}/${file}:${e.line}: ${e.message}\n`).join('');
  const result = { code: counts.rejected > 0 ? 1 : 0, stdout: `${JSON.stringify(summary)}\n`, stderr } as RunResult;
  expectImported(result, {});
  const answer = await postFixture(viaHttp, file, source);
  return { result, served: [viaCli, viaHttp], warnings: { cli: summary.warnings as Json[], http: answer.warnings as Json[] } };
}

/** The CLI in a process of its own (a TZ of its own), and fresh servers for what it wrote and for HTTP ingest. */
async function importBothSpawned(file: string, source: Source, env: NodeJS.ProcessEnv) {
  const { db, result } = await importCli([`${FIXTURES}/${file}`], { env });
  expectImported(result, {});
  const viaCli = await serve(db);
  const viaHttp = await serve(freshDb('http'));
  const answer = await postFixture(viaHttp, file, source);
  return { result, served: [viaCli, viaHttp], warnings: { cli: jsonOutput(result).warnings as Json[], http: answer.warnings as Json[] } };
}

/** POSTs the fixture to its ingest endpoint: 200, every record accepted. */
async function postFixture(to: Served, file: string, source: Source): Promise<Json> {
  const response = await fetch(`${to.server.base}${INGEST_PATH[source]}`, {
    method: 'POST',
    headers: { 'content-type': file.endsWith('.ndjson') ? 'application/x-ndjson' : 'application/json', ...to.auth },
    body: text(file),
  });
  const answer = (await response.json()) as Json;
  expect(response.status, JSON.stringify(answer)).toBe(200);
  expect(answer).toEqual({ accepted: records(file).length, rejected: 0, errors: [], warnings: expect.any(Array) });
  return answer;
}

const SESSION_FIELDS = `id tenantId userSessionId partNumber startTime endTime duration userId userType
  displayResolution reasonForNoSessionReplay screenWidth screenHeight continent country region city
  browserFamily osFamily osVersion bounce clientTimeOffset
  userActions { name type startTime endTime duration apdexCategory targetUrl }
  events { type name startTime page }
  errors { type name startTime }`;

function expectSessionAsSource(served: Json, s: Json) {
  expect(served).toEqual({
    id: `${s.tenantId}:${s.userSessionId}:${s.partNumber ?? 0}`,
    tenantId: s.tenantId,
    userSessionId: s.userSessionId,
    partNumber: s.partNumber ?? 0,
    startTime: instant(s.startTime),
    endTime: instant(s.endTime),
    duration: s.duration,
    userId: s.userId,
    userType: s.userType,
    displayResolution: s.displayResolution,
    reasonForNoSessionReplay: s.reasonForNoSessionReplay,
    screenWidth: s.screenWidth,
    screenHeight: s.screenHeight,
    continent: s.continent,
    country: s.country,
    region: s.region,
    city: s.city,
    browserFamily: s.browserFamily,
    osFamily: s.osFamily,
    osVersion: s.osVersion,
    bounce: s.bounce,
    clientTimeOffset: s.clientTimeOffset,
    userActions: (s.userActions as Json[]).map((a) => ({
      name: a.name,
      type: a.type ? enumName(a.type as string) : a.type,
      startTime: instant(a.startTime),
      endTime: instant(a.endTime),
      duration: a.duration,
      apdexCategory: a.apdexCategory,
      targetUrl: a.targetUrl,
    })),
    events: (s.events as Json[]).map((e) => ({ type: e.type ? enumName(e.type as string) : e.type, name: e.name, startTime: instant(e.startTime), page: e.page ?? null })),
    errors: (s.errors as Json[]).map((e) => ({ type: e.type, name: e.name, startTime: instant(e.startTime) })),
  });
}

const RECORDING_FIELDS = `id distinctId viewed viewers recordingDuration activeSeconds inactiveSeconds
  startTime endTime expiryTime clickCount keypressCount mouseActivityCount startUrl snapshotSource
  person { id uuid name distinctIds createdAt }`;

/** The recording as the source had it (the person checked separately). */
function expectRecordingAsSource(served: Json, r: Json, viewer: string | null) {
  const { person: _person, ...rest } = served;
  expect(rest).toEqual({
    id: r.id,
    distinctId: r.distinct_id ?? null,
    viewed: viewer === null ? (r.viewed ?? false) : ((r.viewers as string[] | undefined) ?? []).includes(viewer),
    viewers: r.viewers ?? [],
    recordingDuration: Math.round(Number(r.recording_duration)),
    activeSeconds: r.active_seconds ?? null,
    inactiveSeconds: r.inactive_seconds ?? null,
    startTime: instant(r.start_time),
    endTime: instant(r.end_time),
    // As the source had it; derived from the start day and retention (30 days when unknown) where it has none.
    expiryTime: r.expiry_time ? instant(r.expiry_time) : (expect.any(String) as unknown),
    clickCount: r.click_count ?? null,
    keypressCount: r.keypress_count ?? null,
    mouseActivityCount: r.mouse_activity_count ?? null,
    startUrl: r.start_url ?? null,
    snapshotSource: r.snapshot_source ? enumName(r.snapshot_source as string) : null,
  });
}


/** The recording through GraphQL: every recording is served, expired or not (the default --retention keep). */
async function recordingView({ gql }: Served, id: string): Promise<Json> {
  const data = await gql.ok(`query($id: ID!) { recording(id: $id) { ${RECORDING_FIELDS} } }`, { id });
  expect(data.recording, `recording ${id} is served`).toBeTruthy();
  return data.recording as Json;
}

describe('Elasticsearch bulk export (dynatrace-es-bulk.ndjson)', () => {
  const FILE = 'dynatrace-es-bulk.ndjson';

  it('imports with exit 0 and 200: the index/create action lines are skipped, not rejected; every session comes back as the source had it', async () => {
    const sessions = records(FILE);
    expect(sessions).toHaveLength(3);
    const { served } = await importBoth(FILE, 'dynatrace', { userSessions: sessions.length });
    for (const { gql } of served) {
      for (const s of sessions) {
        const data = await gql.ok(`query($id: ID!) { userSession(id: $id) { ${SESSION_FIELDS} } }`, { id: `${s.tenantId}:${s.userSessionId}:${s.partNumber ?? 0}` });
        expectSessionAsSource(data.userSession as Json, s);
      }
      const all = await gql.ok('{ userSessions(first: 50) { totalCount } }');
      expect(all.userSessions.totalCount).toBe(sessions.length);
    }
  });

  it('--strict imports it too, and a re-import is idempotent', async () => {
    const { db, result } = await importCli([`${FIXTURES}/${FILE}`], { strict: true });
    expectImported(result, { userSessions: 3 });
    const omit = ['pk', 'actionPk'];
    const once = dumpFile(db, { omit });
    const again = await importCli([`${FIXTURES}/${FILE}`], { db, strict: true });
    expectImported(again.result, { userSessions: 3 });
    expect(dumpFile(db, { omit })).toStrictEqual(once);
  });

  it('--strict still refuses a file with a truly malformed record (invalid JSON, missing id), with FILE:LINE', async () => {
    const lines = text(FILE).split('\n').filter((l) => l.trim());
    const missingId = JSON.parse(lines[1]!) as Json;
    delete missingId.userSessionId;
    delete missingId.tenantId;
    missingId.userActionCount = 1;
    const bad = [lines[0], lines[1], lines[2], '{"tenantId": "vgx40517", "userSessionId": ', lines[4], JSON.stringify(missingId)].join('\n') + '\n';
    const file = tmp.path('bulk-malformed.ndjson');
    writeFileSync(file, bad);
    const { db, result } = await importCli([file], { strict: true });
    expect(result.code).toBe(1);
    const { reports } = lineReports(result.stderr, file);
    expect([...reports.keys()].sort()).toEqual([4, 6]);
    expect(reports.get(4)).toMatch(/invalid JSON/);
    expect(reports.get(6)).toMatch(/expected a .*UserSession|userSessionId|tenantId/);
    expect(result.stderr).toContain(`${file}: --strict: nothing imported from this file`);
    const store = openStore(db);
    try {
      expect(rowCounts(store).user_sessions).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('zone-less and microsecond timestamps (posthog-zoneless-timestamps.ndjson)', () => {
  const FILE = 'posthog-zoneless-timestamps.ndjson';

  it('reads a date-time without a zone as UTC, also when the importing process runs under TZ=America/New_York', async () => {
    const recs = records(FILE);
    const { served } = await importBoth(FILE, 'posthog', { recordings: recs.length }, { TZ: 'America/New_York' });
    for (const s of served) {
      const got: Json[] = [];
      for (const r of recs) {
        const recording = await recordingView(s, r.id as string);
        expectRecordingAsSource(recording, r, s.viewer);
        got.push(recording);
      }
      // The zone-less record and the one with offsets name the same instants.
      expect(got[0]!.startTime).toBe('2026-11-02T09:15:30.123Z');
      expect(got[1]!.startTime).toBe(got[0]!.startTime);
      expect(got[1]!.endTime).toBe(got[0]!.endTime);
      // The zone-less expiry given by the source is kept (start day + retention gives the same day).
      expect(got[0]!.expiryTime).toBe(instant(recs[0]!.expiry_time));
      expect(got[0]!.person.createdAt).toBe(instant((recs[0]!.person as Json).created_at));
    }
  });

  it('stores the same instants whatever the TZ of the importing process', async () => {
    const ny = await importCli([`${FIXTURES}/${FILE}`], { env: { TZ: 'America/New_York' } });
    const utc = await importCli([`${FIXTURES}/${FILE}`], { env: { TZ: 'UTC' } });
    const tokyo = await importCli([`${FIXTURES}/${FILE}`], { env: { TZ: 'Asia/Tokyo' } });
    for (const r of [ny, utc, tokyo]) expect(r.result.code, r.result.stderr).toBe(0);
    const omit = ['pk'];
    expect(dumpFile(ny.db, { omit })).toStrictEqual(dumpFile(utc.db, { omit }));
    expect(dumpFile(tokyo.db, { omit })).toStrictEqual(dumpFile(utc.db, { omit }));
  });
});

const PERSON_FIELDS = 'id uuid name distinctIds createdAt properties';

/** The set of a person's distinct ids, in a stable order (they are served in the store's order). */
const sortedIds = <T extends Json | null>(p: T): T => (p ? { ...p, distinctIds: [...(p.distinctIds as string[])].sort() } : p);
const sorted = (ids: unknown) => [...(ids as string[])].sort();

async function personOf({ gql }: Served, distinctId: string): Promise<Json | null> {
  const data = await gql.ok(`query($d: String!) { personByDistinctId(distinctId: $d) { ${PERSON_FIELDS} } }`, { d: distinctId });
  return sortedIds(data.personByDistinctId as Json | null);
}


describe('numbers sent as strings, a person without uuid (posthog-list-2021.json)', () => {
  const FILE = 'posthog-list-2021.json';

  it('imports with exit 0 and 200: "1172.675" is a duration, "4411" a person id; a person without uuid is kept', async () => {
    const recs = records(FILE);
    const withPerson = recs.filter((r) => r.person);
    const { served } = await importBoth(FILE, 'posthog', { recordings: recs.length, persons: withPerson.length });
    for (const s of served) {
      for (const r of recs) {
        const recording = await recordingView(s, r.id as string);
        expectRecordingAsSource(recording, r, s.viewer);
        expect(recording.recordingDuration).toBe(Math.round(Number(r.recording_duration)));
        const p = r.person as Json | undefined;
        if (!p) {
          expect(await personOf(s, r.distinct_id as string)).toBeNull();
          continue;
        }
        expect(await personOf(s, r.distinct_id as string)).toEqual({
          id: String(Number(p.id)),
          // No uuid in the source: the person is keyed by its id (README, "Getting data in").
          uuid: String(Number(p.id)),
          name: p.name,
          distinctIds: sorted(p.distinct_ids),
          createdAt: instant(p.created_at),
          properties: p.properties,
        });
      }
    }
  });

});

describe('PostHog person ids: null placeholder, UUID string (posthog-list-person-null.json, posthog-persons-current.json)', () => {
  const LIST = 'posthog-list-person-null.json';
  const PERSONS = 'posthog-persons-current.json';

  it('a recording whose person is the "id": null placeholder is kept with its distinct_id, and no person is made of the placeholder', async () => {
    const recs = records(LIST);
    const real = recs.filter((r) => (r.person as Json).id !== null);
    const placeholder = recs.filter((r) => (r.person as Json).id === null);
    expect(placeholder).toHaveLength(1);
    const { served } = await importBoth(LIST, 'posthog', { recordings: recs.length, persons: real.length });
    for (const s of served) {
      for (const r of recs) {
        const recording = await recordingView(s, r.id as string);
        expectRecordingAsSource(recording, r, s.viewer);
        const p = r.person as Json;
        if (p.id === null) {
          expect(recording.person).toBeNull();
          expect(await personOf(s, r.distinct_id as string)).toBeNull();
        } else {
          expect(sortedIds(recording.person as Json)).toEqual({ id: String(p.id), uuid: p.uuid, name: p.name, distinctIds: sorted(p.distinct_ids), createdAt: instant(p.created_at) });
        }
      }
      const persons = await s.gql.ok('{ persons(first: 50) { totalCount nodes { uuid } } }');
      expect(persons.persons.totalCount).toBe(real.length);
      for (const r of placeholder) expect(persons.persons.nodes).not.toContainEqual({ uuid: (r.person as Json).uuid });
    }
  });

  it('persons whose id is a UUID string import, the id stored as their uuid and an integer id assigned', async () => {
    const persons = records(PERSONS);
    const { served } = await importBoth(PERSONS, 'posthog', { persons: persons.length });
    for (const s of served) {
      for (const p of persons) {
        const got = await personOf(s, (p.distinct_ids as string[])[0]!);
        expect(got).toEqual({
          id: expect.stringMatching(/^-\d+$/) as unknown,
          uuid: p.id,
          name: p.name,
          distinctIds: sorted(p.distinct_ids),
          createdAt: instant(p.created_at),
          properties: p.properties,
        });
        expect(got!.uuid).toBe(p.uuid);
      }
    }
  });

  it('the same person from both files is one person with PostHog\'s integer id, in either order; re-imports are idempotent', async () => {
    const listed = records(LIST).map((r) => r.person as Json).filter((p) => p.id !== null);
    const shared = records(PERSONS).filter((p) => listed.some((l) => l.uuid === p.id));
    expect(shared).toHaveLength(1);
    const integerId = listed.find((l) => l.uuid === shared[0]!.id)!.id as number;
    for (const order of [[LIST, PERSONS], [PERSONS, LIST]]) {
      const { db, result } = await importCli(order.map((f) => `${FIXTURES}/${f}`));
      expect(result.code, result.stderr).toBe(0);
      const s = await serve(db);
      const got = await personOf(s, (shared[0]!.distinct_ids as string[])[0]!);
      expect(got).toMatchObject({ id: String(integerId), uuid: shared[0]!.uuid });
      const all = await s.gql.ok('{ persons(first: 50) { totalCount } }');
      expect(all.persons.totalCount).toBe(new Set([...listed.map((l) => l.uuid), ...records(PERSONS).map((p) => p.uuid)]).size);
    }
  });
});

describe('negative counters stored as given (posthog-negative-inactive.ndjson)', () => {
  const FILE = 'posthog-negative-inactive.ndjson';

  it('imports with exit 0 and 200, and negative inactive_seconds come back as the source had them', async () => {
    const recs = records(FILE);
    expect(recs.every((r) => (r.inactive_seconds as number) < 0)).toBe(true);
    const { served } = await importBoth(FILE, 'posthog', { recordings: recs.length, persons: 1 });
    for (const s of served) {
      for (const r of recs) {
        const recording = await recordingView(s, r.id as string);
        expectRecordingAsSource(recording, r, s.viewer);
        expect(recording.inactiveSeconds).toBe(r.inactive_seconds);
      }
    }
  });

});

describe('enum values from Dynatrace’s env-v1 OpenAPI that our lists lacked (dynatrace-enum-values.ndjson)', () => {
  const FILE = 'dynatrace-enum-values.ndjson';
  /** The GraphQL name of a wire value (qHD is served as Q_HD, beside QHD). */
  const nameOf = (enumeration: Record<string, string>, wire: unknown) => Object.entries(enumeration).find(([, v]) => v === wire)?.[0];

  it('qHD and KILLED_INVALID_RESPONSE import, are stored verbatim and served by their GraphQL names', async () => {
    const recs = records(FILE);
    const wires = recs.flatMap((s) => [s.displayResolution, s.reasonForNoSessionReplay]);
    expect(wires).toContain('qHD');
    expect(wires).toContain('KILLED_INVALID_RESPONSE');
    const { served } = await importBoth(FILE, 'dynatrace', { userSessions: recs.length });
    for (const { store, gql } of served) {
      for (const s of recs) {
        const id = `${s.tenantId}:${s.userSessionId}:${s.partNumber ?? 0}`;
        const data = await gql.ok('query($id: ID!) { userSession(id: $id) { displayResolution reasonForNoSessionReplay } }', { id });
        expect(data.userSession).toEqual({
          displayResolution: s.displayResolution === undefined ? null : nameOf(E.DisplayResolution, s.displayResolution),
          reasonForNoSessionReplay: s.reasonForNoSessionReplay === undefined ? null : nameOf(E.ReasonForNoSessionReplay, s.reasonForNoSessionReplay),
        });
        const row = store.db.select().from(t.userSessions).where(eq(t.userSessions.userSessionId, s.userSessionId as string)).get();
        expect(row?.displayResolution ?? undefined).toBe(s.displayResolution);
      }
    }
    // A filter by the new name finds the qHD session (the wire value is what the store compares).
    const qhd = recs.filter((s) => s.displayResolution === 'qHD').length;
    const data = await served[0]!.gql.ok('query($f: UserSessionFilter) { userSessions(filter: $f) { totalCount } }', { f: { displayResolution: { eq: 'Q_HD' } } });
    expect(data.userSessions.totalCount).toBe(qhd);
  });

});

/** Every real-shaped document of test/fixtures/real/, and which endpoint takes it. */
const ALL_FIXTURES: [string, Source][] = readdirSync(FIXTURES)
  .filter((f) => /\.(nd)?json$/.test(f))
  .sort()
  .map((f) => [f, f.startsWith('posthog-') ? 'posthog' : 'dynatrace']);

describe('every value comes back as the source had it (field by field, unknown fields in `extra`)', () => {
  it('covers every fixture of test/fixtures/real/, one per row of issue 13 and the property kinds', () => {
    expect(ALL_FIXTURES.length).toBe(15);
  });

  it.each(ALL_FIXTURES)('%s: exit 0 and 200; every source field is served or kept in extra, and the report names the unmodelled ones', async (file, source) => {
    const recs = records(file);
    const { served, warnings } = await importBoth(file, source, {});
    for (const s of served) {
      const unmodelled = { names: new Set<string>() };
      for (const [i, r] of recs.entries()) {
        const where = `${file}#${i}`;
        if (source === 'dynatrace') {
          const id = `${r.tenantId}:${r.userSessionId}:${r.partNumber ?? 0}`;
          const data = await s.gql.ok(`query($id: ID!) { userSession(id: $id) { ${selectionOf('UserSession')} } }`, { id });
          expectAsSource('UserSession', data.userSession as Json, r, where, unmodelled, s.viewer);
        } else if ('recording_duration' in r) {
          const data = await s.gql.ok(`query($id: ID!) { recording(id: $id) { ${selectionOf('SessionRecording')} } }`, { id: r.id });
          expectAsSource('SessionRecording', data.recording as Json, r, where, unmodelled, s.viewer);
        } else {
          const data = await s.gql.ok(`query($d: String!) { personByDistinctId(distinctId: $d) { ${selectionOf('Person')} } }`, { d: (r.distinct_ids as string[])[0] });
          expectAsSource('Person', data.personByDistinctId as Json, r, where, unmodelled, s.viewer);
        }
      }
      for (const list of [warnings.cli, warnings.http]) {
        const named = new Set(list.filter((w) => w.kind === 'unknownField').map((w) => w.name as string));
        expect(named, `${file}: the report names every unmodelled field`).toEqual(unmodelled.names);
      }
    }
  });

  it('the CLI imports them all in one run (exit 0, --json warnings with their first FILE:LINE); a second run, with the TTY table, changes nothing', async () => {
    const paths = ALL_FIXTURES.map(([f]) => `${FIXTURES}/${f}`);
    const { db, result } = await importCli(paths);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const summary = jsonOutput(result);
    expect(summary.rejected).toBe(0);
    const warnings = summary.warnings as Json[];
    for (const w of warnings) {
      expect(Object.keys(w).sort()).toEqual(['count', 'first', 'kind', 'name']);
      expect(w.first).toMatch(new RegExp(`^${FIXTURES}/[\\w-]+\\.(nd)?json:\\d+$`));
    }
    const find = (kind: string, name: string) => warnings.find((w) => w.kind === kind && w.name === name);
    expect(find('bulkActionLine', 'index')).toMatchObject({ count: 2, first: `${FIXTURES}/dynatrace-es-bulk.ndjson:1` });
    expect(find('bulkActionLine', 'create')).toMatchObject({ count: 1 });
    expect(find('unlistedEnumValue', 'UserAction.type = SoftNavigation')).toMatchObject({ count: 1, first: `${FIXTURES}/dynatrace-unknown-action-type.ndjson:1` });
    expect(find('legacyField', 'UserSession.geolocationCountryName → country')).toMatchObject({ count: 1 });
    const negativeInactive = ALL_FIXTURES.flatMap(([f]) => records(f)).filter((r) => typeof r.inactive_seconds === 'number' && r.inactive_seconds < 0);
    expect(negativeInactive.length).toBeGreaterThan(0);
    expect(find('negativeCount', 'SessionRecording.inactive_seconds')?.count).toBe(negativeInactive.length);
    expect(find('coercedValue', 'SessionRecording.recording_duration: number sent as a string')).toMatchObject({ first: `${FIXTURES}/posthog-list-2021.json:3` });
    // Recordings past their expiry (the source's, else start day + retention) when imported: reported, kept.
    const DAY = 86_400_000;
    const expiry = (r: Json) =>
      r.expiry_time ? Date.parse(instant(r.expiry_time)!) : r.start_time ? Math.floor(Date.parse(instant(r.start_time)!) / DAY) * DAY + ((r.retention_period_days as number | null) ?? 30) * DAY : Infinity;
    const recordings = ALL_FIXTURES.flatMap(([f]) => records(f)).filter((r) => 'recording_duration' in r);
    const past = recordings.filter((r) => expiry(r) <= Date.now());
    expect(past.length).toBeGreaterThan(5);
    expect(find('pastExpiry', 'SessionRecording')?.count).toBe(past.length);

    const omit = ['pk', 'actionPk'];
    const once = dumpFile(db, { omit });
    const again = await run(TSX, ['src/cli/import.ts', '--db', db, ...paths], {});
    expect(again.code, again.stderr).toBe(0);
    expect(dumpFile(db, { omit })).toStrictEqual(once);
    // The same warnings as a short table: a header, then one row per warning.
    const table = again.stdout.split('\n').slice(1).filter(Boolean);
    expect(table[0]).toMatch(/^warnings \(nothing was refused/);
    expect(table[1]).toMatch(/^\s+count\s+what\s+first seen\s+meaning$/);
    expect(table.slice(2)).toHaveLength(warnings.length);
    expect(table.find((l) => l.includes('UserAction.type = SoftNavigation'))).toMatch(/^\s+1\s+UserAction\.type = SoftNavigation\s+test\/fixtures\/real\/dynatrace-unknown-action-type\.ndjson:1\s+enum value not in the documented list/);
  });
});

describe("derived values: only where the source has none, by PostHog's formulas", () => {
  it("recording_ttl and ongoing as given; else the UTC midnights to the expiry (29/89/364/29 at 2023-01-01T12:00Z, as PostHog's tests expect) and last data under five minutes old", async () => {
    const FILE = 'posthog-ttl-ongoing.ndjson';
    const recs = records(FILE);
    const { served } = await importBoth(FILE, 'posthog', { recordings: recs.length });
    // The request's moment is taken on the main thread and travels to the read workers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2023-01-01T12:00:00Z'));
    try {
      for (const s of served) {
        const data = await s.gql.ok('{ recordings(first: 10, orderBy: [{ field: ID }]) { nodes { id expiryTime recordingTtl ongoing expired } } }');
        const at = (day: string) => `${day}T00:00:00.000Z`;
        expect(data.recordings.nodes).toEqual([
          // PostHog's own values, as its test_get_single_session_recording_metadata expects them.
          { id: recs[0]!.id, expiryTime: at('2023-01-30'), recordingTtl: 29, ongoing: true, expired: false },
          { id: recs[1]!.id, expiryTime: at('2023-01-30'), recordingTtl: 29, ongoing: false, expired: false },
          { id: recs[2]!.id, expiryTime: at('2023-03-31'), recordingTtl: 89, ongoing: false, expired: false },
          { id: recs[3]!.id, expiryTime: at('2023-12-31'), recordingTtl: 364, ongoing: false, expired: false },
          { id: recs[4]!.id, expiryTime: at('2023-01-30'), recordingTtl: 29, ongoing: false, expired: false },
        ].sort((x, y) => (x.id < y.id ? -1 : 1)));
        // Filters and stats judge the same values.
        const counts = await s.gql.ok(`{
          ttl29: recordings(filter: { recordingTtl: { eq: 29 } }) { totalCount }
          ongoing: recordings(filter: { ongoing: { eq: true } }) { totalCount }
          stats: recordingStats { min(field: RECORDING_TTL) max(field: RECORDING_TTL) }
        }`);
        expect(counts).toEqual({ ttl29: { totalCount: 3 }, ongoing: { totalCount: 1 }, stats: [{ min: 29, max: 364 }] });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('activity_score as given, null included; else the formula of PostHog\'s list query, unbounded, and null with nothing to divide by', async () => {
    const FILE = 'posthog-activity-score.ndjson';
    const recs = records(FILE);
    const { served } = await importBoth(FILE, 'posthog', { recordings: recs.length });
    const n = (r: Json, k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
    const formula = (r: Json) => {
      const total = n(r, 'mouse_activity_count') + n(r, 'recording_duration') + n(r, 'console_error_count') + n(r, 'console_log_count') + n(r, 'console_warn_count');
      const activity = n(r, 'active_seconds') + n(r, 'click_count') + n(r, 'keypress_count') + n(r, 'console_error_count');
      return total === 0 ? null : Math.round((activity / total) * 100 * 100) / 100;
    };
    const expected = recs.map((r) => ('activity_score' in r ? r.activity_score : formula(r)));
    expect(expected).toEqual([null, 272.73, 16.67, null]);
    for (const s of served) {
      const data = await s.gql.ok('{ recordings(first: 10, orderBy: [{ field: ID }]) { nodes { id activityScore } } }');
      expect(data.recordings.nodes).toEqual(recs.map((r, i) => ({ id: r.id, activityScore: expected[i] })));
    }
  });
});

describe('open enums: a value outside the list is kept, served as OTHER with its text in …Raw, and filterable', () => {
  it('a SoftNavigation action: type OTHER, typeRaw "SoftNavigation"; filters on OTHER and on the raw text, and stats group it as OTHER', async () => {
    const FILE = 'dynatrace-unknown-action-type.ndjson';
    const [session] = records(FILE);
    const actions = session!.userActions as Json[];
    const unlisted = actions.filter((a) => !Object.values(E.UserActionType).includes(a.type as never));
    expect(unlisted.map((a) => a.type)).toEqual(['SoftNavigation']);
    const { served } = await importBoth(FILE, 'dynatrace', { userSessions: 1 });
    for (const s of served) {
      const data = await s.gql.ok(`query($other: [UserActionType!]) {
        other: userActions(filter: { type: { eq: OTHER } }) { totalCount nodes { name type typeRaw } }
        raw: userActions(filter: { typeRaw: { eq: "SoftNavigation" } }) { totalCount }
        listed: userActions(filter: { type: { notIn: $other } }) { totalCount }
        either: userActions(filter: { type: { in: [OTHER, LOAD] } }) { totalCount }
        stats: userActionStats(groupBy: [TYPE], orderBy: [{ dimension: TYPE, direction: ASC }]) { dimensions { type } count }
      }`, { other: ['OTHER'] });
      expect(data.other).toEqual({ totalCount: 1, nodes: [{ name: unlisted[0]!.name, type: 'OTHER', typeRaw: 'SoftNavigation' }] });
      expect(data.raw.totalCount).toBe(1);
      expect(data.listed.totalCount).toBe(actions.length - 1);
      expect(data.either.totalCount).toBe(1 + actions.filter((a) => a.type === 'Load').length);
      expect(data.stats).toContainEqual({ dimensions: { type: 'OTHER' }, count: 1 });
      expect(data.stats.reduce((sum: number, row: Json) => sum + (row.count as number), 0)).toBe(actions.length);
    }
  });

  it('a hostile-looking value over HTTP is stored as text, served as OTHER, and matched only by its own exact text', async () => {
    const session = { ...records('dynatrace-enum-values.ndjson')[0]!, userSessionId: 'ENUM-QUOTE', userType: "ROBOT' OR 1=1 --" };
    const s = await serve(freshDb('quote'));
    const response = await fetch(`${s.server.base}${INGEST_PATH.dynatrace}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(session)}\n` });
    const answer = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(answer.warnings).toEqual([{ kind: 'unlistedEnumValue', name: "UserSession.userType = ROBOT' OR 1=1 --", count: 1, line: 1 }]);
    const data = await s.gql.ok(`query($raw: String) {
      hit: userSessions(filter: { userTypeRaw: { eq: $raw } }) { totalCount nodes { userType userTypeRaw } }
      robots: userSessions(filter: { userType: { eq: ROBOT } }) { totalCount }
    }`, { raw: session.userType });
    expect(data.hit).toEqual({ totalCount: 1, nodes: [{ userType: 'OTHER', userTypeRaw: session.userType }] });
    expect(data.robots.totalCount).toBe(0);
  });
});
