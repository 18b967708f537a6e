/**
 * Every field of both source models comes back through GraphQL, over real HTTP, with the value
 * the fixture file holds: PostHog SessionRecording (+ its MinimalPerson) and Dynatrace
 * UserSession with its user actions, events, errors, synthetic events and custom properties.
 * Selection sets are built from introspection, so every field of the served types is covered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  camel,
  enumName,
  expectedLeaves,
  expectedProperty,
  expectedPropertyLists,
  latestPersons,
  propertyAliases,
  propertyKeys,
  PROPERTY_LISTS,
  readFixture,
  selectionOf,
  sessionId,
  snake,
  toMs,
  unaliasUnion,
  type Json,
} from './graphql-helpers/expected.js';
import { introspect, normalize, type SchemaInfo } from './graphql-helpers/introspection.js';
import { servedRecording } from './graphql-helpers/rows.js';
import { FIXTURE_FILES, NOW, startServer, type TestServer } from './graphql-helpers/server.js';


const POSTHOG = [...readFixture('posthog-list.json'), ...readFixture('posthog-recordings.ndjson')];
const DYNATRACE = [...readFixture('dynatrace-sessions.ndjson'), ...readFixture('dynatrace-sessions.json')];
const PERSONS = latestPersons(POSTHOG);

let server: TestServer;
let schema: SchemaInfo;

beforeAll(async () => {
  server = await startServer({ fixtures: FIXTURE_FILES });
  schema = await introspect(server);
});
afterAll(async () => {
  await server?.close();
});

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(toMs(v)!));
const fieldNames = (typeName: string) => schema.type(typeName).fields.map((f) => f.name).sort();
/**
 * The fields that serve a source field of its own: not `extra` (what the source has beyond the
 * schema), an open enum's `…Raw` sibling or `expired` (derived from expiryTime).
 */
const sourceFieldNames = (typeName: string) => {
  const enums = new Set(schema.leafFields(typeName).filter((f) => f.typeKind === 'ENUM').map((f) => `${f.name}Raw`));
  // A nested row's id and session link are the graph's, not the export's.
  const graphs = ['UserAction', 'UserEvent', 'UserError', 'SyntheticEvent'].includes(typeName) ? ['id', 'session'] : [];
  // The visit links (issue 17) are the graph's too: test/visit-links.test.ts checks them.
  if (typeName === 'SessionRecording') graphs.push('userSessions', 'hasUserSession');
  if (typeName === 'UserSession') graphs.push('recordings', 'hasRecording');
  return fieldNames(typeName).filter((n) => n !== 'extra' && n !== 'expired' && !enums.has(n) && !graphs.includes(n));
};

/** The person owning a distinct id, per the fixtures. */
function personOf(distinctId: unknown): { person: Json; distinctIds: Set<string> } | undefined {
  if (typeof distinctId !== 'string') return undefined;
  return [...PERSONS.values()].find((p) => p.distinctIds.has(distinctId));
}

/** Person fields computed by the API rather than imported (distinctId and account are for federation). */
const PERSON_COMPUTED = ['distinctIds', 'lastSeenAt', 'distinctId'];

function expectedPerson(p: { person: Json; distinctIds: Set<string> }): Json {
  // Last seen: the latest end (or start, without an end) of any of the person's recordings or sessions.
  const seen = [
    ...POSTHOG.filter((r) => p.distinctIds.has(r.distinct_id as string)).map((r) => toMs(r.end_time ?? r.start_time)),
    ...DYNATRACE.filter((s) => p.distinctIds.has(s.userId as string)).map((s) => toMs(s.endTime ?? s.startTime)),
  ].filter((v): v is number => v !== null);
  return {
    ...expectedLeaves(schema, 'Person', p.person, { keyOf: snake, skip: PERSON_COMPUTED }),
    distinctIds: [...p.distinctIds].sort(),
    lastSeenAt: seen.length ? Math.max(...seen) : null,
    // Without an entity reference, the first distinct id in order.
    distinctId: [...p.distinctIds].sort()[0] ?? null,
    account: (({ account_id: id } = {} as Json) => (typeof id === 'string' ? { id } : null))(p.person.properties as Json | undefined),
  };
}

/** Recordings and sessions a person owns, per the fixtures: by distinct id / userId. */
function expectedPersonLists(p: { distinctIds: Set<string> }) {
  const recordings = POSTHOG.filter((r) => p.distinctIds.has(r.distinct_id as string))
    .filter((r) => r.expiry_time === null || toMs(r.expiry_time)! > NOW.getTime())
    .map((r) => String(r.id));
  const sessions = DYNATRACE.filter((s) => p.distinctIds.has(s.userId as string)).map(sessionId);
  // Person.timeline: those recordings and sessions (the last record of each), and the sessions' actions and errors, all with a time.
  const latest = new Map(DYNATRACE.filter((s) => p.distinctIds.has(s.userId as string)).map((s) => [sessionId(s), s]));
  const timed = (rows: unknown) => ((rows as Json[] | undefined) ?? []).filter((r) => r.startTime != null).length;
  const servedRecordings = new Map(
    POSTHOG.filter((r) => recordings.includes(String(r.id)) && r.start_time != null).map((r) => [String(r.id), r]),
  );
  const timeline = servedRecordings.size + [...latest.values()].reduce((n, s) => n + timed([s]) + timed(s.userActions) + timed(s.errors), 0);
  return { recordings: [...new Set(recordings)].sort(), sessions: [...new Set(sessions)].sort(), timeline };
}

const PERSON_LISTS = {
  account: 'account { id }',
  recordings: 'recordings(first: 100) { totalCount nodes { id } }',
  userSessions: 'userSessions(first: 100) { totalCount nodes { id } }',
  timeline: 'timeline(first: 1) { totalCount }',
};

describe('SessionRecording: every PostHog field', () => {
  it('the schema has exactly the 27 fields of the PostHog SessionRecording model, and Person those of MinimalPerson', () => {
    const posthogKeys = Object.keys(POSTHOG[0]!).map(camel).sort();
    expect(posthogKeys).toHaveLength(27);
    expect(sourceFieldNames('SessionRecording')).toEqual(posthogKeys);
    const personKeys = Object.keys(POSTHOG[0]!.person as Json).map(camel);
    expect(sourceFieldNames('Person')).toEqual([...new Set([...personKeys, ...PERSON_COMPUTED, 'account', 'recordings', 'userSessions', 'timeline'])].sort());
  });

  it.each(POSTHOG.map((r) => [String(r.id), r] as const))('recording(id: %s) answers every field as imported', async (id, fixture) => {
    const selection = selectionOf(schema, 'SessionRecording', {
      summaryOutcome: `summaryOutcome { ${selectionOf(schema, 'Outcome')} }`,
      person: `person { ${selectionOf(schema, 'Person', PERSON_LISTS)} }`,
      // No fixture session is of the same visit as a fixture recording (visit-links.test.ts has those).
      userSessions: 'userSessions { linkedBy overlapMs userSession { id } }',
    });
    const data = await server.ok(`query($id: ID!) { recording(id: $id) { ${selection} } }`, { id });
    const actual = normalize(schema, 'SessionRecording', data.recording) as Json;

    const outcome = fixture.summary_outcome as Json | null;
    const owner = fixture.person ? personOf(fixture.distinct_id) : undefined;
    // Per-request values (PostHog semantics), judged at the pinned NOW; the rest as imported.
    const served = servedRecording(
      { endTime: date(fixture.end_time), expiryTime: date(fixture.expiry_time), ongoing: (fixture.ongoing as boolean | undefined) ?? null, recordingTtl: (fixture.recording_ttl as number | undefined) ?? null },
      NOW.getTime(),
    );
    const expected: Json = {
      ...expectedLeaves(schema, 'SessionRecording', fixture, { keyOf: snake }),
      ongoing: served.ongoing,
      recordingTtl: served.recordingTtl,
      expired: served.expired,
      viewers: [...(fixture.viewers as string[])].sort(),
      userSessions: [],
      hasUserSession: false,
      summaryOutcome: outcome ? { description: outcome.description ?? null, success: outcome.success ?? null } : null,
      person: owner
        ? {
            ...expectedPerson(owner),
            recordings: { totalCount: expectedPersonLists(owner).recordings.length, nodes: expectedPersonLists(owner).recordings },
            userSessions: { totalCount: expectedPersonLists(owner).sessions.length, nodes: expectedPersonLists(owner).sessions },
            timeline: { totalCount: expectedPersonLists(owner).timeline },
          }
        : null,
    };
    if (actual.person) {
      const p = actual.person as { distinctIds: string[]; recordings: { nodes: { id: string }[] }; userSessions: { nodes: { id: string }[] } };
      p.distinctIds = [...p.distinctIds].sort();
      (p as Json).recordings = { ...p.recordings, nodes: p.recordings.nodes.map((n) => n.id).sort() };
      (p as Json).userSessions = { ...p.userSessions, nodes: p.userSessions.nodes.map((n) => n.id).sort() };
    }
    actual.viewers = [...(actual.viewers as string[])].sort();
    expect(actual).toEqual(expected);
  });

  it('DateTime fields are ISO-8601 strings of the imported instant (offsets normalized)', async () => {
    const fixture = POSTHOG.find((r) => String(r.start_time).includes('+01:00'))!;
    const data = await server.ok(`query($id: ID!) { recording(id: $id) { startTime endTime expiryTime } }`, { id: fixture.id });
    for (const key of ['startTime', 'endTime', 'expiryTime']) {
      const value = data.recording[key] as string;
      expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Date.parse(value)).toBe(toMs(fixture[snake(key)]));
    }
  });

  it('an unknown recording id is null, not an error', async () => {
    const r = await server.gql(`{ recording(id: "no-such-recording") { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ recording: null });
  });
});

describe('UserSession: every Dynatrace field', () => {
  /** The fixture session with every field present. */
  const FULL = DYNATRACE.find((s) => s.userSessionId === 'ARRAY-SESSION-1')!;

  it('the full fixture session carries a value for every scalar field of UserSession and UserAction', () => {
    const sessionLeaves = schema.leafFields('UserSession').map((f) => f.name).filter((n) => n !== 'id' && sourceFieldNames('UserSession').includes(n));
    expect(sessionLeaves.filter((n) => !(n in FULL))).toEqual([]);
    expect(Object.keys(FULL).filter((k) => !sourceFieldNames('UserSession').includes(k))).toEqual([]);
    const action = (FULL.userActions as Json[])[0]!;
    const actionLeaves = schema.leafFields('UserAction').map((f) => f.name).filter((n) => n !== 'id' && sourceFieldNames('UserAction').includes(n));
    expect(actionLeaves.filter((n) => !(n in action))).toEqual([]);
    expect(Object.keys(action).filter((k) => !sourceFieldNames('UserAction').includes(k))).toEqual([]);
    for (const [list, type] of [['events', 'UserEvent'], ['errors', 'UserError'], ['syntheticEvents', 'SyntheticEvent']] as const) {
      const item = (FULL[list] as Json[])[0]!;
      expect(sourceFieldNames(type).filter((n) => !(n in item)), type).toEqual([]);
      expect(Object.keys(item).sort(), type).toEqual(sourceFieldNames(type));
    }
  });

  it('wire enum values map to GraphQL enum values in one convention (GHDPlus → GHD_PLUS, Load → LOAD, RageClick → RAGE_CLICK, qHD → Q_HD)', () => {
    expect(schema.type('DisplayResolution').enumValues).toEqual(expect.arrayContaining(['GHD_PLUS', 'SXGA_MINUS', 'Q_HD', 'QHD', 'N_HD', 'DCI2K', '_1280X854']));
    expect(schema.type('UserActionType').enumValues).toEqual(expect.arrayContaining(['LOAD', 'SYNTHETIC_HIDDEN_ACTION', 'USER_SESSION_PROPERTIES', 'END_VISIT']));
    expect(schema.type('UserEventType').enumValues).toEqual(expect.arrayContaining(['RAGE_CLICK', 'USER_TAG_FROM_META_DATA', 'PAGE_CHANGE']));
    // No name runs words together any more.
    for (const name of ['UserActionType', 'UserEventType', 'DisplayResolution']) {
      expect(schema.type(name).enumValues.filter((v: string) => /RAGECLICK|HIDDENACTION|TAGFROM|[A-Z](PLUS|MINUS)$/.test(v) && v !== 'XGAPLUS')).toEqual([]);
    }
  });

  it.each(DYNATRACE.map((s) => [sessionId(s), s] as const))('userSession(id: %s) answers every field as imported', async (id, fixture) => {
    const sessionKeys = propertyKeys(fixture);
    const actions = (fixture.userActions as Json[] | undefined) ?? [];
    const actionKeys = [...new Set(actions.flatMap(propertyKeys))];
    const propertyLists = Object.fromEntries(
      Object.entries(PROPERTY_LISTS).map(([list, type]) => [list, `${list} { ${selectionOf(schema, type)} }`]),
    );
    const missing = 'no-such-property';
    const selection = selectionOf(schema, 'UserSession', {
      ...propertyLists,
      property: propertyAliases(schema, [...sessionKeys, missing]),
      person: `person { ${selectionOf(schema, 'Person', PERSON_LISTS)} }`,
      userActions: `userActions { ${selectionOf(schema, 'UserAction', {
        ...propertyLists,
        property: propertyAliases(schema, [...actionKeys, missing]),
        session: 'session { id }',
      })} }`,
      events: `events { ${selectionOf(schema, 'UserEvent', { session: 'session { id }' })} }`,
      errors: `errors { ${selectionOf(schema, 'UserError', { session: 'session { id }' })} }`,
      syntheticEvents: `syntheticEvents { ${selectionOf(schema, 'SyntheticEvent', { session: 'session { id }' })} }`,
      recordings: 'recordings { linkedBy overlapMs recording { id } }',
    });
    const data = await server.ok(`query($id: ID!) { userSession(id: $id) { ${selection} } }`, { id });
    const raw = data.userSession as Json;
    expect(raw).not.toBeNull();

    // Aliased property(key:) answers, normalized per their union member.
    const aliases = (row: Json, keys: string[]) =>
      Object.fromEntries([...keys, missing].map((k, i) => [k, unaliasUnion(schema, row[`prop${i}`])]));
    const actual = normalize(schema, 'UserSession', raw) as Json;
    const actualProps = aliases(raw, sessionKeys);
    for (const k of Object.keys(actual)) if (/^prop\d+$/.test(k)) delete actual[k];
    const actualActions = (actual.userActions as Json[]).map((a, i) => {
      const props = aliases((raw.userActions as Json[])[i]!, actionKeys);
      const rest = Object.fromEntries(Object.entries(a).filter(([k]) => !/^prop\d+$/.test(k)));
      return { ...rest, props };
    });

    const owner = personOf(fixture.userId);
    const expected: Json = {
      ...expectedLeaves(schema, 'UserSession', fixture, { defaults: { partNumber: 0 } }),
      id,
      recordings: [],
      hasRecording: false,
      ...expectedPropertyLists(fixture),
      person: owner
        ? {
            ...expectedPerson(owner),
            recordings: { totalCount: expectedPersonLists(owner).recordings.length, nodes: expectedPersonLists(owner).recordings },
            userSessions: { totalCount: expectedPersonLists(owner).sessions.length, nodes: expectedPersonLists(owner).sessions },
            timeline: { totalCount: expectedPersonLists(owner).timeline },
          }
        : null,
      // A nested row's id: its session's id and its position in the export.
      events: ((fixture.events as Json[] | undefined) ?? []).map((e, i) => ({ ...expectedLeaves(schema, 'UserEvent', e), id: `${id}/${i}`, session: { id } })),
      errors: ((fixture.errors as Json[] | undefined) ?? []).map((e, i) => ({ ...expectedLeaves(schema, 'UserError', e), id: `${id}/${i}`, session: { id } })),
      syntheticEvents: ((fixture.syntheticEvents as Json[] | undefined) ?? []).map((e, i) => ({ ...expectedLeaves(schema, 'SyntheticEvent', e), id: `${id}/${i}`, session: { id } })),
    };
    const expectedActions = actions.map((a, i) => ({
      ...expectedLeaves(schema, 'UserAction', a),
      id: `${id}/${i}`,
      ...expectedPropertyLists(a),
      session: { id },
      props: Object.fromEntries([...actionKeys, missing].map((k) => [k, expectedProperty(a, k)])),
    }));
    const expectedProps = Object.fromEntries([...sessionKeys, missing].map((k) => [k, expectedProperty(fixture, k)]));

    if (actual.person) {
      const p = actual.person as Json & { distinctIds: string[]; recordings: { nodes: { id: string }[] }; userSessions: { nodes: { id: string }[] } };
      p.distinctIds = [...p.distinctIds].sort();
      p.recordings = { ...p.recordings, nodes: p.recordings.nodes.map((n) => n.id).sort() } as never;
      p.userSessions = { ...p.userSessions, nodes: p.userSessions.nodes.map((n) => n.id).sort() } as never;
    }
    const { userActions: _, ...sessionRest } = actual;
    expect(sessionRest).toEqual(expected);
    expect(actualActions).toEqual(expectedActions);
    expect(actualProps).toEqual(expectedProps);
  });

  it('enum and nested values of the full session, spelled out', async () => {
    const data = await server.ok(`query($id: ID!) { userSession(id: $id) {
      displayResolution userType userActions { type apdexCategory } events { type }
    } }`, { id: sessionId(FULL) });
    const s = data.userSession;
    expect(s.displayResolution).toBe(enumName(FULL.displayResolution as string));
    expect(s.displayResolution).toBe('GHD_PLUS');
    expect(s.userActions.map((a: Json) => a.type)).toEqual((FULL.userActions as Json[]).map((a) => enumName(a.type as string)));
    expect(s.userActions[0].type).toBe('LOAD');
    expect(s.events.map((e: Json) => e.type)).toContain('RAGE_CLICK');
  });

  it('a session without a userId (anonymous) has person null; an unknown id is null; a malformed id is a GraphQL error', async () => {
    const anonymous = DYNATRACE.find((s) => !s.userId)!;
    const data = await server.ok(`query($id: ID!) { userSession(id: $id) { id userId person { id } } }`, { id: sessionId(anonymous) });
    expect(data.userSession).toEqual({ id: sessionId(anonymous), userId: null, person: null });

    const unknown = await server.gql(`{ userSession(id: "umsaywsjuo:NO-SUCH-SESSION:0") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ userSession: null });

    const malformed = await server.gql(`{ userSession(id: "no-colons") { id } }`);
    expect(malformed.status).toBe(200);
    expect(malformed.errors?.[0]?.message).toMatch(/tenantId:userSessionId:partNumber/);
  });
});

describe('GraphQL over HTTP GET', () => {
  it('GET /graphql?query= answers the same as POST', async () => {
    const id = String(POSTHOG[0]!.id);
    const query = `query($id: ID!) { recording(id: $id) { id recordingDuration startTime person { uuid } } }`;
    const url = `${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ id }))}`;
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Json };
    expect(body.data).toEqual(await server.ok(query, { id }));
    expect(body.data.recording).toMatchObject({ id, recordingDuration: POSTHOG[0]!.recording_duration });
  });
});
