/**
 * Root lists over real HTTP: filters of every kind, ordering, and keyset pagination, each
 * answer compared with the same predicate/order evaluated in JS over every row read directly
 * from the store (fixtures + a seeded data set, imported through the real import path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema.js';
import { introspect, type SchemaInfo } from './graphql-helpers/introspection.js';
import { expectedKeys, iso, listSpecs, quantile, type ListName, type ListSpec } from './graphql-helpers/lists.js';
import { compareValues, plain, readRows, sortRows, type Row, type StoreRows } from './graphql-helpers/rows.js';
import { fetchAll, FIXTURE_FILES, NOW, ROOT_INPUTS, twinServer, startServer, type ConnectionPage, type TestServer } from './graphql-helpers/server.js';


let server: TestServer;
let schema: SchemaInfo;
let rows: StoreRows;
let lists: Record<ListName, ListSpec>;

beforeAll(async () => {
  // text-match.ndjson: non-ASCII text in several cases, LIKE and GLOB wildcards in values, a newline.
  // synthetic-events.ndjson: synthetic sessions with synthetic events, errors and events (NULL times, ties).
  server = await startServer({ fixtures: [...FIXTURE_FILES, 'text-match.ndjson', 'synthetic-events.ndjson'], persons: 60 });
  schema = await introspect(server);
  rows = readRows(server.store, NOW.getTime());
  lists = listSpecs(rows, schema);
});
afterAll(async () => {
  await server?.close();
});

/** The list answer for a filter (all pages) as sorted node keys, and its totalCount. */
async function apiKeys(list: ListName, filter: Row) {
  const spec = lists[list];
  const { nodes, totalCount } = await fetchAll(server, list, spec.selection, { filter });
  return { keys: nodes.map((n) => spec.nodeKey(n)).sort(), totalCount };
}

interface FilterCase {
  name: string;
  list: ListName;
  filter: () => Row;
  /** The filter may legitimately match no rows / every row. */
  empty?: boolean;
  all?: boolean;
}

const recordingCases: FilterCase[] = [
  { name: 'Int gt', list: 'recordings', filter: () => ({ clickCount: { gt: quantile(rows.recordings, 'clickCount', 0.5) } }) },
  { name: 'Int lte', list: 'recordings', filter: () => ({ consoleErrorCount: { lte: 2 } }) },
  {
    name: 'Int in',
    list: 'recordings',
    filter: () => ({ recordingDuration: { in: rows.recordings.slice(0, 5).map((r) => r.recordingDuration) } }),
  },
  { name: 'Int notIn (nulls never match)', list: 'recordings', filter: () => ({ consoleErrorCount: { notIn: [0, 1] } }) },
  { name: 'Int isNull true', list: 'recordings', filter: () => ({ activeSeconds: { isNull: true } }) },
  { name: 'Int isNull false', list: 'recordings', filter: () => ({ activeSeconds: { isNull: false } }) },
  { name: 'Int ne', list: 'recordings', filter: () => ({ consoleErrorCount: { ne: 0 } }) },
  { name: 'Int gte + lt range', list: 'recordings', filter: () => ({ recordingDuration: { gte: 60, lt: 300 } }) },
  { name: 'Float gt', list: 'recordings', filter: () => ({ activityScore: { gt: 10 } }) },
  { name: 'Float lte', list: 'recordings', filter: () => ({ activityScore: { lte: 12.5 } }) },
  { name: 'enum eq (snapshotSource)', list: 'recordings', filter: () => ({ snapshotSource: { eq: 'MOBILE' } }) },
  { name: 'enum eq by wire value (snapshotSource: "web")', list: 'recordings', filter: () => ({ snapshotSource: { eq: 'web' } }) },
  { name: 'String contains (case-insensitive)', list: 'recordings', filter: () => ({ startUrl: { contains: 'CHECKOUT' } }) },
  { name: 'String startsWith', list: 'recordings', filter: () => ({ startUrl: { startsWith: 'https://app.' } }) },
  { name: 'String in', list: 'recordings', filter: () => ({ snapshotLibrary: { in: ['posthog-ios', 'nope'] } }) },
  { name: 'String contains a LIKE wildcard literally (%)', list: 'recordings', filter: () => ({ startUrl: { contains: '%' } }), empty: true },
  { name: 'String contains a LIKE wildcard literally (_)', list: 'recordings', filter: () => ({ distinctId: { contains: '_' } }), empty: true },
  {
    name: 'DateTime gte + lt',
    list: 'recordings',
    filter: () => ({
      startTime: { gte: iso(quantile(rows.recordings, 'startTime', 0.25)), lt: iso(quantile(rows.recordings, 'startTime', 0.75)) },
    }),
  },
  { name: 'DateTime eq null', list: 'recordings', filter: () => ({ startTime: { eq: null } }) },
  { name: 'Boolean eq true', list: 'recordings', filter: () => ({ viewed: { eq: true } }) },
  { name: 'Boolean eq false', list: 'recordings', filter: () => ({ viewed: { eq: false } }) },
  { name: 'computed Boolean: ongoing eq true', list: 'recordings', filter: () => ({ ongoing: { eq: true } }) },
  { name: 'computed Int: recordingTtl gt', list: 'recordings', filter: () => ({ recordingTtl: { gt: 20 } }) },
  { name: 'computed Int: recordingTtl lte, in', list: 'recordings', filter: () => ({ or: [{ recordingTtl: { lte: 3 } }, { recordingTtl: { in: [10, 11] } }] }) },
  { name: 'Boolean ne true', list: 'recordings', filter: () => ({ hasSummary: { ne: true } }) },
  {
    name: 'or of and',
    list: 'recordings',
    filter: () => ({
      or: [
        { clickCount: { gt: quantile(rows.recordings, 'clickCount', 0.8) } },
        { and: [{ viewed: { eq: true } }, { snapshotSource: { eq: 'MOBILE' } }] },
      ],
    }),
  },
  { name: 'not keeps rows whose field is null', list: 'recordings', filter: () => ({ not: { clickCount: { gt: 3 } } }) },
  {
    name: 'not of or, with a sibling condition',
    list: 'recordings',
    filter: () => ({ not: { or: [{ viewed: { eq: true } }, { consoleErrorCount: { gt: 0 } }] }, recordingDuration: { gt: 30 } }),
  },
];

const sessionCases: FilterCase[] = [
  { name: 'Int gt', list: 'userSessions', filter: () => ({ duration: { gt: quantile(rows.sessions, 'duration', 0.6) } }) },
  { name: 'Int in', list: 'userSessions', filter: () => ({ userActionCount: { in: [1, 2, 3] } }) },
  { name: 'Int notIn', list: 'userSessions', filter: () => ({ numberOfRageClicks: { notIn: [0] } }) },
  { name: 'Int lte', list: 'userSessions', filter: () => ({ screenWidth: { lte: 1440 } }) },
  { name: 'String isNull false', list: 'userSessions', filter: () => ({ crashGroupId: { isNull: false } }) },
  { name: 'String eq', list: 'userSessions', filter: () => ({ country: { eq: 'Germany' } }) },
  { name: 'String ne', list: 'userSessions', filter: () => ({ country: { ne: 'Germany' } }) },
  { name: 'String contains (case-insensitive)', list: 'userSessions', filter: () => ({ country: { contains: 'united' } }) },
  { name: 'String startsWith', list: 'userSessions', filter: () => ({ city: { startsWith: 'san' } }) },
  { name: 'String in', list: 'userSessions', filter: () => ({ browserFamily: { in: ['Firefox', 'Safari'] } }) },
  {
    name: 'DateTime gte + lt',
    list: 'userSessions',
    filter: () => ({
      startTime: { gte: iso(quantile(rows.sessions, 'startTime', 0.3)), lt: iso(quantile(rows.sessions, 'startTime', 0.6)) },
    }),
  },
  { name: 'DateTime isNull false', list: 'userSessions', filter: () => ({ replayStart: { isNull: false } }) },
  { name: 'Boolean eq true', list: 'userSessions', filter: () => ({ hasError: { eq: true } }) },
  { name: 'Boolean eq false', list: 'userSessions', filter: () => ({ bounce: { eq: false } }) },
  { name: 'Boolean ne true (nulls never match)', list: 'userSessions', filter: () => ({ rootedOrJailbroken: { ne: true } }) },
  { name: 'enum eq', list: 'userSessions', filter: () => ({ userType: { eq: 'ROBOT' } }) },
  { name: 'enum in (GHDPlus → GHD_PLUS, WXGAPlus → WXGA_PLUS)', list: 'userSessions', filter: () => ({ displayResolution: { in: ['GHD_PLUS', 'WXGA_PLUS'] } }) },
  { name: 'enum in, by wire values (GHDPlus, WXGAPlus)', list: 'userSessions', filter: () => ({ displayResolution: { in: ['GHDPlus', 'WXGAPlus'] } }) },
  { name: 'enum notIn', list: 'userSessions', filter: () => ({ connectionType: { notIn: ['LAN'] } }) },
  { name: 'enum eq (ux score)', list: 'userSessions', filter: () => ({ userExperienceScore: { eq: 'FRUSTRATED' } }) },
  { name: 'string property eq', list: 'userSessions', filter: () => ({ property: [{ key: 'plan', string: { eq: 'pro' } }] }) },
  { name: 'string property in', list: 'userSessions', filter: () => ({ property: [{ key: 'plan', string: { in: ['pro', 'enterprise'] } }] }) },
  { name: 'long property gte', list: 'userSessions', filter: () => ({ property: [{ key: 'items_in_cart', long: { gte: 3 } }] }) },
  { name: 'double property gt', list: 'userSessions', filter: () => ({ property: [{ key: 'revenue', double: { gt: 100 } }] }) },
  {
    name: 'date property lt',
    list: 'userSessions',
    filter: () => ({ property: [{ key: 'signup_date', date: { lt: iso(Date.parse('2026-07-01T00:00:00Z')) } }] }),
  },
  { name: 'property exists', list: 'userSessions', filter: () => ({ property: [{ key: 'revenue', exists: true }] }) },
  { name: 'property absent', list: 'userSessions', filter: () => ({ property: [{ key: 'revenue', exists: false }] }) },
  {
    name: 'two property conditions (all must hold)',
    list: 'userSessions',
    filter: () => ({ property: [{ key: 'plan', string: { eq: 'free' } }, { key: 'items_in_cart', long: { gt: 1 } }] }),
  },
  {
    // (A key that holds another type is refused: test/client-errors.test.ts.)
    name: 'a property key no row has does not match',
    list: 'userSessions',
    filter: () => ({ property: [{ key: 'no-such-key', long: { gte: 0 } }] }),
    empty: true,
  },
  {
    name: 'or / and / not combined',
    list: 'userSessions',
    filter: () => ({
      or: [
        { country: { eq: 'Germany' } },
        { and: [{ duration: { gt: quantile(rows.sessions, 'duration', 0.5) } }, { bounce: { eq: true } }] },
      ],
      not: { userType: { eq: 'ROBOT' } },
    }),
  },
  { name: 'not in', list: 'userSessions', filter: () => ({ not: { country: { in: ['Germany', 'France'] } } }) },
  {
    name: 'and with not and property',
    list: 'userSessions',
    filter: () => ({ and: [{ not: { hasError: { eq: true } } }, { property: [{ key: 'plan', string: { eq: 'pro' } }] }] }),
  },
];

const actionCases: FilterCase[] = [
  { name: 'enum eq (Load → LOAD)', list: 'userActions', filter: () => ({ type: { eq: 'LOAD' } }) },
  { name: 'enum in', list: 'userActions', filter: () => ({ type: { in: ['XHR', 'CUSTOM'] } }) },
  { name: 'enum notIn', list: 'userActions', filter: () => ({ type: { notIn: ['LOAD', 'XHR'] } }) },
  { name: 'enum in, by wire values (Xhr, Custom)', list: 'userActions', filter: () => ({ type: { in: ['Xhr', 'Custom'] } }) },
  { name: 'enum eq (apdex)', list: 'userActions', filter: () => ({ apdexCategory: { eq: 'FRUSTRATED' } }) },
  { name: 'Float gt', list: 'userActions', filter: () => ({ cumulativeLayoutShift: { gt: quantile(rows.actions, 'cumulativeLayoutShift', 0.5) } }) },
  { name: 'Float isNull true', list: 'userActions', filter: () => ({ cumulativeLayoutShift: { isNull: true } }) },
  { name: 'Int gt + Boolean eq', list: 'userActions', filter: () => ({ duration: { gt: 1000 }, keyUserAction: { eq: true } }) },
  { name: 'String startsWith', list: 'userActions', filter: () => ({ name: { startsWith: 'loading of page /check' } }) },
  { name: 'parent dimension: session country', list: 'userActions', filter: () => ({ session: { country: { eq: 'Austria' } } }) },
  {
    name: 'parent dimension and own field',
    list: 'userActions',
    filter: () => ({ session: { userType: { eq: 'REAL_USER' }, hasError: { eq: true } }, type: { eq: 'LOAD' } }),
  },
  {
    name: 'parent dimension: session property',
    list: 'userActions',
    filter: () => ({ session: { property: [{ key: 'plan', string: { eq: 'enterprise' } }] } }),
  },
  { name: 'double property', list: 'userActions', filter: () => ({ property: [{ key: 'cartvalue', double: { gt: 50 } }] }) },
  { name: 'string property', list: 'userActions', filter: () => ({ property: [{ key: 'cartvalue_currency', string: { eq: 'EUR' } }] }) },
  { name: 'long property', list: 'userActions', filter: () => ({ property: [{ key: 'items', long: { eq: 3 } }] }) },
  { name: 'date property', list: 'userActions', filter: () => ({ property: [{ key: 'promo_until', date: { gte: '2025-01-01T00:00:00Z' } }] }) },
  {
    name: 'or across own and parent fields',
    list: 'userActions',
    filter: () => ({ or: [{ apdexCategory: { eq: 'FRUSTRATED' } }, { session: { country: { eq: 'Japan' } } }] }),
  },
];

/** Events, errors and synthetic events as lists of their own (issue 16), with `session:` conditions on their session. */
const eventCases: FilterCase[] = [
  { name: 'enum eq (PageChange → PAGE_CHANGE)', list: 'userEvents', filter: () => ({ type: { eq: 'PAGE_CHANGE' } }) },
  { name: 'enum in, by wire value (RageClick)', list: 'userEvents', filter: () => ({ type: { in: ['RageClick', 'CRASH'] } }) },
  { name: 'String eq (page)', list: 'userEvents', filter: () => ({ page: { eq: '/checkout' } }) },
  { name: 'String isNull true (metadata)', list: 'userEvents', filter: () => ({ metadata: { isNull: true } }) },
  {
    name: 'DateTime gte + lt',
    list: 'userEvents',
    filter: () => ({ startTime: { gte: iso(quantile(rows.events, 'startTime', 0.3)), lt: iso(quantile(rows.events, 'startTime', 0.7)) } }),
  },
  { name: 'DateTime isNull true', list: 'userEvents', filter: () => ({ startTime: { isNull: true } }) },
  { name: 'session: country', list: 'userEvents', filter: () => ({ session: { country: { eq: 'Germany' } } }) },
  { name: 'not (type), nulls kept', list: 'userEvents', filter: () => ({ not: { type: { eq: 'PAGE_CHANGE' } } }) },
  {
    name: 'or across own and session fields',
    list: 'userEvents',
    filter: () => ({ or: [{ type: { eq: 'RAGE_CLICK' } }, { session: { browserFamily: { eq: 'Safari' } } }] }),
  },
];

const errorCases: FilterCase[] = [
  { name: 'String eq (type)', list: 'userErrors', filter: () => ({ type: { eq: 'Crash' } }) },
  { name: 'String in (name)', list: 'userErrors', filter: () => ({ name: { in: ['HTTP 500', 'ChunkLoadError'] } }) },
  { name: 'String contains (case-insensitive)', list: 'userErrors', filter: () => ({ name: { contains: 'typeerror' } }) },
  { name: 'String isNull true (internalApplicationId)', list: 'userErrors', filter: () => ({ internalApplicationId: { isNull: true } }) },
  { name: 'DateTime gt', list: 'userErrors', filter: () => ({ startTime: { gt: iso(quantile(rows.errors, 'startTime', 0.5)) } }) },
  { name: 'DateTime eq null', list: 'userErrors', filter: () => ({ startTime: { eq: null } }) },
  { name: 'session: browserMajorVersion (JS errors on Chrome 120)', list: 'userErrors', filter: () => ({ session: { browserMajorVersion: { eq: 'Chrome 120' } } }) },
  {
    name: 'session: enum and property, and own field',
    list: 'userErrors',
    filter: () => ({ type: { eq: 'Error' }, session: { userType: { eq: 'REAL_USER' }, property: [{ key: 'plan', string: { in: ['pro', 'enterprise'] } }] } }),
  },
  { name: 'not session', list: 'userErrors', filter: () => ({ not: { session: { browserFamily: { eq: 'Chrome' } } } }) },
  { name: 'not name, nulls kept', list: 'userErrors', filter: () => ({ not: { name: { startsWith: 'TypeError' } } }) },
  {
    name: 'and / or / not combined',
    list: 'userErrors',
    filter: () => ({
      and: [{ or: [{ session: { country: { in: ['Germany', 'Austria'] } } }, { name: { eq: 'HTTP 500' } }] }, { not: { type: { eq: 'Crash' } } }],
    }),
  },
];

const syntheticCases: FilterCase[] = [
  { name: 'String eq (type)', list: 'syntheticEvents', filter: () => ({ type: { eq: 'click' } }) },
  { name: 'Int gt (errorCode)', list: 'syntheticEvents', filter: () => ({ errorCode: { gt: 0 } }) },
  { name: 'Int isNull true (errorCode)', list: 'syntheticEvents', filter: () => ({ errorCode: { isNull: true } }) },
  { name: 'Int in (sequenceNumber)', list: 'syntheticEvents', filter: () => ({ sequenceNumber: { in: [1, 3] } }) },
  { name: 'DateTime isNull true (timestamp)', list: 'syntheticEvents', filter: () => ({ timestamp: { isNull: true } }) },
  { name: 'DateTime gte', list: 'syntheticEvents', filter: () => ({ timestamp: { gte: iso(quantile(rows.syntheticEvents, 'timestamp', 0.5)) } }) },
  { name: 'session: browserMajorVersion', list: 'syntheticEvents', filter: () => ({ session: { browserMajorVersion: { eq: 'Chrome 120' } } }) },
  { name: 'not errorCode, nulls kept', list: 'syntheticEvents', filter: () => ({ not: { errorCode: { eq: 0 } } }) },
  { name: 'not session and own field', list: 'syntheticEvents', filter: () => ({ not: { session: { country: { eq: 'France' } } }, name: { startsWith: 'click' } }) },
];

/** Text operators (issue 16): Unicode case folding, LIKE patterns, regular expressions — over text-match.ndjson and the seed. */
const textCases: FilterCase[] = [
  { name: 'contains folds Unicode case (zürich: Zürich and ZÜRICH)', list: 'userSessions', filter: () => ({ city: { contains: 'zürich' } }) },
  { name: 'contains folds ß to ss (STRASSE: /straße and /STRASSE)', list: 'userActions', filter: () => ({ name: { contains: 'STRASSE' } }) },
  { name: 'startsWith folds Unicode case (évr: ÉVRY)', list: 'userSessions', filter: () => ({ city: { startsWith: 'évr' } }) },
  { name: 'endsWith (PAULO)', list: 'userSessions', filter: () => ({ city: { endsWith: 'PAULO' } }) },
  { name: 'endsWith with wildcards taken literally (50%_off)', list: 'userActions', filter: () => ({ targetUrl: { endsWith: '50%_OFF' } }) },
  { name: 'like is case-sensitive', list: 'userActions', filter: () => ({ name: { like: 'Loading of page /%' } }) },
  { name: 'like: GLOB wildcards in the value are literal', list: 'userSessions', filter: () => ({ city: { like: 'Glob*City?[1]' } }) },
  { name: 'like: _ is one character, \\% a literal percent', list: 'userActions', filter: () => ({ targetUrl: { like: '%/a\\_b\\%_' } }) },
  { name: 'like: a backslash in the value', list: 'userSessions', filter: () => ({ region: { like: 'Glob\\\\%' } }) },
  { name: 'ilike folds Unicode case', list: 'userSessions', filter: () => ({ region: { ilike: '%ÜRI%' } }) },
  { name: 'regex, anchored, with a class', list: 'userActions', filter: () => ({ name: { regex: '^Loading of page /[a-z]+$' } }) },
  { name: 'regex . matches a newline', list: 'userActions', filter: () => ({ name: { regex: 'one.line' } }) },
  { name: 'regex (?i) ignores case beyond ASCII', list: 'userSessions', filter: () => ({ city: { regex: '(?i)^zürich$' } }) },
  { name: 'regex \\d and a repetition', list: 'recordings', filter: () => ({ distinctId: { regex: '^user-\\d{2,3}$' } }) },
  { name: 'not regex keeps nulls out of neither side', list: 'userSessions', filter: () => ({ not: { city: { regex: '^San ' } } }) },
  { name: 'regex alternation in a group', list: 'userActions', filter: () => ({ targetUrl: { regex: '/(checkout|cart)$' } }) },
];

/** Sessions by what they did or never did (issue 16): some / none / every over their lists, and their person. */
const relationCases: FilterCase[] = [
  { name: 'some error whose name contains TypeError', list: 'userSessions', filter: () => ({ errors: { some: { name: { contains: 'typeerror' } } } }) },
  { name: 'no errors at all (none: {})', list: 'userSessions', filter: () => ({ errors: { none: {} } }) },
  { name: 'some action on /pricing and none on /signup', list: 'userSessions', filter: () => ({ userActions: { some: { name: { contains: '/pricing' } }, none: { name: { contains: '/signup' } } } }) },
  { name: 'every action tolerable or better (nulls do not match)', list: 'userSessions', filter: () => ({ userActions: { every: { apdexCategory: { in: ['SATISFIED', 'TOLERATING'] } } } }) },
  { name: 'some event of a type', list: 'userSessions', filter: () => ({ events: { some: { type: { eq: 'PAGE_CHANGE' } } } }) },
  { name: 'some synthetic event', list: 'userSessions', filter: () => ({ syntheticEvents: { some: {} } }) },
  { name: 'not: some frustrated action', list: 'userSessions', filter: () => ({ not: { userActions: { some: { apdexCategory: { eq: 'FRUSTRATED' } } } } }) },
  { name: 'an action whose session had an error (nested the other way)', list: 'userActions', filter: () => ({ session: { errors: { some: {} } }, type: { eq: 'LOAD' } }) },
  { name: 'errors of sessions that also had a frustrated action', list: 'userErrors', filter: () => ({ session: { userActions: { some: { apdexCategory: { eq: 'FRUSTRATED' } } } } }) },
  { name: 'sessions of a person with a recording with console errors', list: 'userSessions', filter: () => ({ person: { recordings: { some: { consoleErrorCount: { gt: 0 } } } } }) },
  { name: 'recordings whose person has a session in Germany', list: 'recordings', filter: () => ({ person: { userSessions: { some: { country: { eq: 'Germany' } } } } }) },
  // Across the visit link (issue 17): the demo links a third of the persons' sessions to their recording.
  { name: 'replays of sessions that crashed or were FRUSTRATED', list: 'recordings', filter: () => ({ userSession: { some: { or: [{ hasCrash: { eq: true } }, { userExperienceScore: { eq: 'FRUSTRATED' } }] } } }) },
  { name: 'sessions whose replay had console errors', list: 'userSessions', filter: () => ({ recording: { some: { consoleErrorCount: { gt: 0 } } } }) },
  { name: 'sessions with a replay, none with console errors', list: 'userSessions', filter: () => ({ recording: { some: {}, none: { consoleErrorCount: { gt: 0 } } } }) },
  { name: 'sessions whose every replay is short (true without one)', list: 'userSessions', filter: () => ({ recording: { every: { recordingDuration: { lt: 300 } } } }) },
  { name: 'hasRecording and not', list: 'userSessions', filter: () => ({ hasRecording: { eq: true }, not: { country: { eq: 'Germany' } } }) },
  { name: 'recordings with no session of the visit', list: 'recordings', filter: () => ({ hasUserSession: { eq: false } }) },
  { name: 'recordings of visits with an action on /checkout (two links deep)', list: 'recordings', filter: () => ({ userSession: { some: { userActions: { some: { name: { contains: '/checkout' } } } } } }) },
  { name: 'actions of sessions whose replay was viewed', list: 'userActions', filter: () => ({ session: { recording: { some: { viewed: { eq: true } } } }, type: { eq: 'LOAD' } }) },
  { name: 'sessions whose replay links back to a session in another country (round trip)', list: 'userSessions', filter: () => ({ recording: { some: { userSession: { some: { country: { eq: 'Japan' } } } } } }) },
];

const personCases: FilterCase[] = [
  { name: 'distinctId eq', list: 'persons', filter: () => ({ distinctId: { eq: 'user-1042' } }) },
  { name: 'distinctId startsWith', list: 'persons', filter: () => ({ distinctId: { startsWith: 'USER-1' } }) },
  { name: 'distinctId in', list: 'persons', filter: () => ({ distinctId: { in: ['user-3', 'user-7', 'ph-distinct-1', 'nobody'] } }) },
  { name: 'not distinctId startsWith', list: 'persons', filter: () => ({ not: { distinctId: { startsWith: 'user-1' } } }) },
  { name: 'name contains', list: 'persons', filter: () => ({ name: { contains: 'ada' } }) },
  { name: 'id in', list: 'persons', filter: () => ({ id: { in: [1, 2, 3, 1042] } }) },
  { name: 'createdAt gte', list: 'persons', filter: () => ({ createdAt: { gte: iso(quantile(rows.persons, 'createdAt', 0.5)) } }) },
];

describe('filters: the answer is exactly the rows the predicate selects', () => {
  it.each([...recordingCases, ...sessionCases, ...actionCases, ...personCases, ...textCases, ...eventCases, ...errorCases, ...syntheticCases, ...relationCases].map((c) => [`${c.list}: ${c.name}`, c] as const))(
    '%s',
    async (_, c) => {
      const filter = c.filter();
      const expected = expectedKeys(lists[c.list], filter);
      if (!c.empty) expect(expected.length, 'the case selects some rows').toBeGreaterThan(0);
      if (!c.all) expect(expected.length, 'the case leaves some rows out').toBeLessThan(lists[c.list].rows.length);
      const actual = await apiKeys(c.list, filter);
      expect(actual.keys).toEqual(expected);
      expect(actual.totalCount).toBe(expected.length);
    },
  );

  it('filters written inline (literals, not variables) give the same answers', async () => {
    const data = await server.ok(`{
      pro: userSessions(filter: { property: [{ key: "plan", string: { eq: "pro" } }] }) { totalCount }
      robots: userSessions(filter: { userType: { in: [ROBOT, SYNTHETIC] }, not: { country: { eq: "Germany" } } }) { totalCount }
      austria: userActions(filter: { session: { country: { eq: "Austria" } } }) { totalCount }
      byId: persons(filter: { distinctId: { eq: "ph-distinct-1" } }) { totalCount nodes { uuid } }
      xhr: userActions(filter: { type: { eq: XHR } }) { totalCount }
      xhrByWire: userActions(filter: { type: { eq: Xhr } }) { totalCount }
    }`);
    expect(data.xhr.totalCount).toBe(expectedKeys(lists.userActions, { type: { eq: 'XHR' } }).length);
    expect(data.xhrByWire.totalCount).toBe(data.xhr.totalCount);
    expect(data.pro.totalCount).toBe(expectedKeys(lists.userSessions, { property: [{ key: 'plan', string: { eq: 'pro' } }] }).length);
    expect(data.robots.totalCount).toBe(
      expectedKeys(lists.userSessions, { userType: { in: ['ROBOT', 'SYNTHETIC'] }, not: { country: { eq: 'Germany' } } }).length,
    );
    expect(data.austria.totalCount).toBe(expectedKeys(lists.userActions, { session: { country: { eq: 'Austria' } } }).length);
    const busy = await server.ok(`{ busy: recordings(filter: { clickCount: { gte: 10 }, startTime: { gte: "2026-10-15T00:00:00Z" } }) { totalCount } }`);
    expect(busy.busy.totalCount).toBe(
      expectedKeys(lists.recordings, { clickCount: { gte: 10 }, startTime: { gte: '2026-10-15T00:00:00Z' } }).length,
    );
    expect(data.byId.nodes.map((n: { uuid: string }) => n.uuid)).toEqual(
      rows.persons.filter((p) => p.distinctIds.includes('ph-distinct-1')).map((p) => p.uuid),
    );
  });

  it('a DateTime may be a plain date, read as UTC midnight (variables and inline); an impossible date is an error naming it', async () => {
    const query = 'query($f: UserSessionFilter) { userSessions(filter: $f) { totalCount } }';
    const starts = rows.sessions.map((s) => s.startTime).filter((t): t is Date => t !== null).sort((a, b) => +a - +b);
    const day = starts[Math.floor(starts.length / 2)]!;
    const date = day.toISOString().slice(0, 10);
    const expected = expectedKeys(lists.userSessions, { startTime: { gte: `${date}T00:00:00Z` } }).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(rows.sessions.length);
    const byVariable = await server.ok(query, { f: { startTime: { gte: date } } });
    expect(byVariable.userSessions.totalCount).toBe(expected);
    const inline = await server.ok(`{ userSessions(filter: { startTime: { gte: "${date}" } }) { totalCount } }`);
    expect(inline.userSessions.totalCount).toBe(expected);
    for (const bad of ['2026-13-45', '2026-02-30', '2026-11-01T10:00']) {
      const r = await server.gql(query, { f: { startTime: { gte: bad } } });
      expect(r.errors?.[0]?.message, bad).toContain(bad);
    }
  });

  it('withinLast: times in the given duration before the request, up to it (the pinned clock is the request moment)', async () => {
    const query = 'query($f: UserSessionFilter) { userSessions(filter: $f) { totalCount } }';
    for (const [duration, ms] of [['P10D', 10 * 86_400_000], ['P1W', 7 * 86_400_000], ['P1DT12H', 36 * 3_600_000], ['PT90M', 90 * 60_000]] as const) {
      const range = { gte: new Date(NOW.getTime() - ms).toISOString(), lte: NOW.toISOString() };
      const expected = expectedKeys(lists.userSessions, { startTime: range }).length;
      const r = await server.ok(query, { f: { startTime: { withinLast: duration } } });
      expect(r.userSessions.totalCount, duration).toBe(expected);
    }
    expect(expectedKeys(lists.userSessions, { startTime: { gte: new Date(NOW.getTime() - 10 * 86_400_000).toISOString(), lte: NOW.toISOString() } }).length).toBeGreaterThan(0);
    // Combined with other operators on the same field.
    const both = await server.ok(query, { f: { startTime: { withinLast: 'P10D', lt: NOW.toISOString() } } });
    expect(both.userSessions.totalCount).toBe(expectedKeys(lists.userSessions, { startTime: { gte: new Date(NOW.getTime() - 10 * 86_400_000).toISOString(), lt: NOW.toISOString() } }).length);
    for (const bad of ['7d', 'P1M', 'P1Y', 'P', 'PT', 'P7DT', '-P7D', 'P99999W']) {
      const r = await server.gql(query, { f: { startTime: { withinLast: bad } } });
      expect(r.errors?.[0]?.message, bad).toMatch(/^withinLast: /);
      expect(r.errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
    }
  });

  it('a pattern the stores would not read alike, or one too big, is refused with its path and why, before any SQL', async () => {
    const query = 'query($f: UserActionFilter) { userActions(filter: $f) { totalCount } }';
    const refused: [Row, RegExp][] = [
      [{ name: { regex: '(a{200}){200}' } }, /"name\.regex".*repetitions expanding to over 1,000 copies/],
      [{ name: { regex: '\\bcheckout' } }, /"name\.regex".*\\b \(not read alike/],
      [{ name: { regex: '(?=x)' } }, /"name\.regex".*group with options/],
      [{ name: { regex: '(x)\\1' } }, /"name\.regex".*\\1/],
      [{ name: { regex: 'a{300}' } }, /"name\.regex".*repetition over 255/],
      [{ name: { regex: '[[:alpha:]]' } }, /POSIX classes/],
      [{ name: { regex: 'x'.repeat(1_001) } }, /"name\.regex".*1001 characters, over the limit of 1000/],
      [{ session: { city: { like: 'Zürich\\' } } }, /"session\.city\.like".*unfinished escape/],
      [{ or: [{ targetUrl: { endsWith: 'y'.repeat(1_001) } }] }, /"or\[0\]\.targetUrl\.endsWith".*over the limit/],
    ];
    for (const [filter, message] of refused) {
      const r = await server.gql(query, { f: filter });
      expect(r.errors?.[0]?.message, JSON.stringify(filter).slice(0, 80)).toMatch(message);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.data?.userActions ?? null).toBeNull();
    }
    // The same patterns inline (literals, not variables) are refused alike.
    const inline = await server.gql('{ userActions(filter: { name: { regex: "(a{200}){200}" } }) { totalCount } }');
    expect(inline.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an enum filter with a value that is not in the enum is a validation error', async () => {
    const r = await server.gql(`{ userSessions(filter: { userType: { eq: ALIEN } }) { totalCount } }`);
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.[0]?.message).toMatch(/ALIEN/);
  });
});

/** Every node of a list in the order the API answers, with the given sort field values. */
async function ordered(list: ListName, orderBy: unknown, fields: string[], filter?: Row, pageSize = 500) {
  const spec = lists[list];
  const { nodes } = await fetchAll(server, list, `${spec.selection} ${fields.join(' ')}`, { orderBy, filter }, pageSize);
  return nodes as Row[];
}

/** API value → comparable (DateTime strings → ms). */
function comparable(list: ListName, field: string, value: unknown): unknown {
  const type = {
    recordings: 'SessionRecording',
    userSessions: 'UserSession',
    userActions: 'UserAction',
    persons: 'Person',
    userEvents: 'UserEvent',
    userErrors: 'UserError',
    syntheticEvents: 'SyntheticEvent',
  }[list];
  const f = schema.field(type, field);
  if (f.typeName === 'DateTime') return value === null ? null : Date.parse(value as string);
  if (f.typeKind === 'ENUM') return value;
  return value;
}

describe('recordings as PostHog serves them (judged at the pinned NOW)', () => {
  it('expired recordings are served with expired: true (--retention keep, the default); under enforce not by id, not in lists, not by filter', async () => {
    const served = readRows(server.store, NOW.getTime(), 'default', 'enforce').recordings;
    const expired = rows.storedRecordings.filter((r) => !served.some((v) => v.pk === r.pk));
    expect(expired.length, 'the data set has expired recordings').toBeGreaterThan(0);
    expect(served.length).toBeGreaterThan(expired.length);
    const ids = expired.map((r) => r.id);
    const enforced = await twinServer(server, { retention: 'enforce' });
    try {
      for (const r of expired.slice(0, 5)) {
        expect(r.expiryTime!.getTime()).toBeLessThanOrEqual(NOW.getTime());
        const kept = await server.ok(`query($id: ID!) { recording(id: $id) { id expired } }`, { id: r.id });
        expect(kept.recording).toEqual({ id: r.id, expired: true });
        const hidden = await enforced.ok(`query($id: ID!) { recording(id: $id) { id } }`, { id: r.id });
        expect(hidden.recording).toBeNull();
      }
      const byIds = `query($ids: [String!]) { recordings(filter: { id: { in: $ids } }) { totalCount } }`;
      expect((await server.ok(byIds, { ids })).recordings.totalCount).toBe(ids.length);
      expect((await enforced.ok(byIds, { ids })).recordings.totalCount).toBe(0);
      // `expired: false` hides them under keep, as enforce does.
      const unexpired = `{ recordings(filter: { expired: { eq: false } }) { totalCount } }`;
      expect((await server.ok(unexpired)).recordings.totalCount).toBe(served.length);
      expect((await enforced.ok('{ recordings { totalCount } }')).recordings.totalCount).toBe(served.length);
    } finally {
      await enforced.close();
    }
  });

  it('viewed, viewers, ongoing and recordingTtl of every served recording, for an anonymous caller', async () => {
    const { nodes } = await fetchAll<{ id: string; viewed: boolean; viewers: string[]; ongoing: boolean; recordingTtl: number | null }>(
      server,
      'recordings',
      'id viewed viewers ongoing recordingTtl',
    );
    const viewers = server.store.db.select().from(t.recordingViewers).all();
    const expected = rows.recordings
      .map((r) => ({
        id: r.id,
        viewed: r.viewed,
        viewers: viewers.filter((v) => v.recordingPk === r.pk).map((v) => v.viewer).sort(),
        ongoing: r.ongoing,
        recordingTtl: r.recordingTtl,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const actual = nodes.map((n) => ({ ...n, viewers: [...n.viewers].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(actual).toEqual(expected);
    expect(actual.some((n) => n.ongoing)).toBe(true);
    expect(actual.some((n) => n.viewers.length > 0)).toBe(true);
  });
});

describe('ordering', () => {
  const cases: [ListName, string, string, 'ASC' | 'DESC'][] = [
    ['recordings', 'clickCount', 'CLICK_COUNT', 'ASC'],
    ['recordings', 'clickCount', 'CLICK_COUNT', 'DESC'],
    ['recordings', 'startUrl', 'START_URL', 'ASC'],
    ['recordings', 'startUrl', 'START_URL', 'DESC'],
    ['recordings', 'startTime', 'START_TIME', 'ASC'],
    ['recordings', 'activityScore', 'ACTIVITY_SCORE', 'DESC'],
    // RECORDING_TTL orders by what the TTL counts down to: the expiry time (a TTL the source sent is
    // a snapshot of its export day, so the served values need not be in order).
    ['recordings', 'expiryTime', 'RECORDING_TTL', 'ASC'],
    ['recordings', 'expiryTime', 'RECORDING_TTL', 'DESC'],
    ['userSessions', 'country', 'COUNTRY', 'ASC'],
    ['userSessions', 'duration', 'DURATION', 'DESC'],
    ['userSessions', 'endTime', 'END_TIME', 'ASC'],
    ['userActions', 'duration', 'DURATION', 'DESC'],
    ['persons', 'name', 'NAME', 'ASC'],
    ['userEvents', 'page', 'PAGE', 'ASC'],
    ['userEvents', 'startTime', 'START_TIME', 'ASC'],
    ['userErrors', 'name', 'NAME', 'DESC'],
    ['userErrors', 'startTime', 'START_TIME', 'ASC'],
    ['syntheticEvents', 'timestamp', 'TIMESTAMP', 'ASC'],
    ['syntheticEvents', 'errorCode', 'ERROR_CODE', 'DESC'],
  ];

  it.each(cases)('%s orderBy %s (%s %s): values in order, NULLs first ascending and last descending', async (list, field, enumValue, direction) => {
    const nodes = await ordered(list, [{ field: enumValue, direction }], [field]);
    const actual = nodes.map((n) => comparable(list, field, n[field]));
    const all = lists[list].rows.map((r) => plain(r[field]));
    const expected = [...all].sort((a, b) => (direction === 'ASC' ? compareValues(a, b) : compareValues(b, a)));
    expect(actual).toEqual(expected);
    expect(nodes.map((n) => lists[list].nodeKey(n)).sort()).toEqual(lists[list].rows.map((r) => lists[list].rowKey(r)).sort());
  });

  it('the data set has NULLs and ties in the ordered columns (so the cases above mean something)', () => {
    expect(rows.recordings.some((r) => r.clickCount === null)).toBe(true);
    expect(rows.recordings.some((r) => r.startUrl === null)).toBe(true);
    expect(rows.recordings.some((r) => r.startTime === null)).toBe(true);
    expect(new Set(rows.sessions.map((s) => s.country)).size).toBeLessThan(rows.sessions.length / 5);
  });

  it.each([
    ['recordings', 'startTime'],
    ['userSessions', 'startTime'],
    ['userActions', 'startTime'],
    ['persons', 'createdAt'],
    ['userEvents', 'startTime'],
    ['userErrors', 'startTime'],
    ['syntheticEvents', 'timestamp'],
  ] as [ListName, string][])('%s without orderBy: newest first (%s DESC, NULLs last)', async (list, field) => {
    const nodes = await ordered(list, undefined, [field]);
    const actual = nodes.map((n) => comparable(list, field, n[field]));
    const expected = lists[list].rows.map((r) => plain(r[field])).sort((a, b) => compareValues(b, a));
    expect(actual).toEqual(expected);
  });

  it('several terms: country ASC, then duration DESC', async () => {
    const nodes = await ordered('userSessions', [{ field: 'COUNTRY', direction: 'ASC' }, { field: 'DURATION', direction: 'DESC' }], [
      'country',
      'duration',
    ]);
    const expected = sortRows(rows.sessions as unknown as Row[], [
      ['country', 'asc'],
      ['duration', 'desc'],
    ]).map((s) => [s.country, s.duration]);
    expect(nodes.map((n) => [n.country, n.duration])).toEqual(expected);
  });

  it('orderBy with a filter', async () => {
    const filter = { snapshotSource: { eq: 'WEB' } };
    const nodes = await ordered('recordings', [{ field: 'RECORDING_DURATION', direction: 'DESC' }], ['recordingDuration'], filter);
    const expected = rows.recordings
      .filter((r) => r.snapshotSource === 'web')
      .map((r) => r.recordingDuration)
      .sort((a, b) => b - a);
    expect(nodes.map((n) => n.recordingDuration)).toEqual(expected);
  });

  it('ties are broken stably: the same order on every request and whatever the page size', async () => {
    const orderBy = [{ field: 'COUNTRY', direction: 'ASC' }];
    const once = (await ordered('userSessions', orderBy, ['country'])).map((n) => n.id);
    const again = (await ordered('userSessions', orderBy, ['country'])).map((n) => n.id);
    const small = (await ordered('userSessions', orderBy, ['country'], undefined, 13)).map((n) => n.id);
    expect(again).toEqual(once);
    expect(small).toEqual(once);
  });
});

const PAGE_QUERY = (list: ListName) => `query($first: Int, $last: Int, $after: String, $before: String, $filter: ${ROOT_INPUTS[list].filter}, $orderBy: [${ROOT_INPUTS[list].order}!]) {
  list: ${list}(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } nodes { ${lists[list].selection} }
  }
}`;

async function page(list: ListName, vars: Row): Promise<ConnectionPage<Row>> {
  return (await server.ok<{ list: ConnectionPage<Row> }>(PAGE_QUERY(list), vars)).list;
}

/** Walks every page forward (first/after) and backward (last/before). */
async function walk(list: ListName, size: number, vars: Row) {
  const forward: string[] = [];
  const pages: ConnectionPage<Row>[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const p = await page(list, { ...vars, first: size, after });
    pages.push(p);
    forward.push(...p.nodes.map((n) => lists[list].nodeKey(n)));
    expect(p.edges.map((e) => e.cursor)).toHaveLength(p.nodes.length);
    expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
    expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
    expect(p.pageInfo.hasPreviousPage).toBe(i > 0);
    if (!p.pageInfo.hasNextPage) break;
    expect(p.nodes).toHaveLength(size);
    after = p.pageInfo.endCursor;
  }
  const backward: string[][] = [];
  let before: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const p = await page(list, { ...vars, last: size, before });
    backward.unshift(p.nodes.map((n) => lists[list].nodeKey(n)));
    expect(p.pageInfo.hasNextPage).toBe(i > 0);
    if (!p.pageInfo.hasPreviousPage) break;
    expect(p.nodes).toHaveLength(size);
    before = p.pageInfo.startCursor;
  }
  return { forward, backward: backward.flat(), pages };
}

describe('pagination', () => {
  it.each([
    ['userSessions', [{ field: 'COUNTRY', direction: 'ASC' }], undefined],
    ['userSessions', [{ field: 'BROWSER_FAMILY', direction: 'DESC' }, { field: 'USER_TYPE', direction: 'ASC' }], undefined],
    ['recordings', [{ field: 'START_URL', direction: 'ASC' }], undefined],
    ['recordings', [{ field: 'CLICK_COUNT', direction: 'DESC' }], undefined],
    ['recordings', undefined, { viewed: { eq: false } }],
    ['userActions', [{ field: 'TYPE', direction: 'ASC' }], { session: { country: { in: ['Germany', 'Austria'] } } }],
    ['persons', [{ field: 'CREATED_AT', direction: 'ASC' }], undefined],
    ['userEvents', [{ field: 'TYPE', direction: 'ASC' }], { not: { session: { country: { eq: 'Germany' } } } }],
    ['userErrors', [{ field: 'START_TIME', direction: 'DESC' }], { session: { browserFamily: { in: ['Chrome', 'Firefox'] } } }],
    ['userErrors', [{ field: 'NAME', direction: 'ASC' }, { field: 'START_TIME', direction: 'DESC' }], undefined],
    ['syntheticEvents', undefined, undefined],
    ['syntheticEvents', [{ field: 'NAME', direction: 'DESC' }], { session: { browserMajorVersion: { eq: 'Chrome 120' } } }],
  ] as [ListName, unknown, Row | undefined][])(
    '%s orderBy %j filter %j: pages of 7 forward and backward hold every row exactly once, in order',
    async (list, orderBy, filter) => {
      const expected = filter ? expectedKeys(lists[list], filter) : lists[list].rows.map((r) => lists[list].rowKey(r)).sort();
      const single = (await fetchAll(server, list, lists[list].selection, { orderBy, filter })).nodes.map((n) => lists[list].nodeKey(n));
      const { forward, backward, pages } = await walk(list, 7, { orderBy, filter });
      expect(new Set(forward).size, 'no row twice').toBe(forward.length);
      expect([...forward].sort()).toEqual(expected);
      expect(forward).toEqual(single);
      expect(backward).toEqual(forward);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.length / 7)));
      for (const p of pages) expect(p.totalCount).toBe(expected.length);
    },
  );

  it('the default page size applies without first/last, and an empty page has null cursors', async () => {
    const p = await page('userSessions', {});
    expect(p.nodes.length).toBeGreaterThan(0);
    expect(p.nodes.length).toBeLessThanOrEqual(500);
    expect(p.pageInfo.hasNextPage).toBe(rows.sessions.length > p.nodes.length);
    const none = await page('userSessions', { filter: { country: { eq: 'Atlantis' } }, first: 5 });
    expect(none).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it('first/last above the maximum page size (500) is a clear GraphQL error, not a silent cut', async () => {
    for (const query of [
      '{ userSessions(first: 501) { totalCount } }',
      '{ recordings(last: 1000) { totalCount } }',
      '{ persons(first: 1) { nodes { recordings(first: 501) { totalCount } } } }',
      '{ userSessions(first: 1) { nodes { userActions(first: 501) { name } } } }',
    ]) {
      const r = await server.gql(query);
      expect(r.status, query).toBeLessThan(500);
      expect(r.errors, query).toHaveLength(1);
      expect(r.errors![0]!.message, query).toMatch(/500/);
      expect(r.errors![0]!.message, query).toMatch(/first|last/);
    }
    const ok = await server.gql('{ userSessions(first: 500) { nodes { id } } }');
    expect(ok.errors).toBeUndefined();
  });

  it('an invalid cursor is a GraphQL error, not a server error', async () => {
    const tampered = Buffer.from(JSON.stringify(['startTime:desc', { $gt: 1 }, 1])).toString('base64url');
    for (const [arg, cursor] of [
      ['after', 'not-a-cursor'],
      ['before', '!!!'],
      ['after', Buffer.from('[1,2').toString('base64url')],
      ['after', Buffer.from(JSON.stringify([1, 2, 3, 4, 5])).toString('base64url')],
      ['after', tampered],
    ]) {
      const r = await server.gql(`query($c: String) { userSessions(${arg}: $c, first: 3) { nodes { id } } }`, { c: cursor });
      expect(r.status, cursor).toBeLessThan(500);
      expect(r.errors?.[0]?.message, cursor).toMatch(/cursor/i);
      expect(r.errors?.[0]?.message, cursor).not.toMatch(/Unexpected error/);
    }
  });

  it('a cursor made for another orderBy is rejected', async () => {
    const byCountry = await page('userSessions', { first: 3, orderBy: [{ field: 'COUNTRY', direction: 'ASC' }] });
    const cursor = byCountry.pageInfo.endCursor;
    // Same number of terms: the message names the cause.
    for (const orderBy of [[{ field: 'DURATION', direction: 'ASC' }], [{ field: 'COUNTRY', direction: 'DESC' }], undefined]) {
      const r = await server.gql(PAGE_QUERY('userSessions'), { first: 3, after: cursor, orderBy });
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.[0]?.message, JSON.stringify(orderBy)).toMatch(/cursor/i);
      expect(r.errors?.[0]?.message, JSON.stringify(orderBy)).toMatch(/orderBy/);
    }
    const longer = await server.gql(PAGE_QUERY('userSessions'), {
      first: 3,
      after: cursor,
      orderBy: [{ field: 'COUNTRY', direction: 'ASC' }, { field: 'DURATION', direction: 'ASC' }],
    });
    expect(longer.status).toBeLessThan(500);
    expect(longer.errors?.[0]?.message).toMatch(/cursor/i);
    const same = await server.gql(PAGE_QUERY('userSessions'), { first: 3, after: cursor, orderBy: [{ field: 'COUNTRY', direction: 'ASC' }] });
    expect(same.errors).toBeUndefined();
  });

  it('first and last together, or a negative page size, are errors', async () => {
    for (const query of ['{ userSessions(first: 2, last: 2) { totalCount } }', '{ userSessions(first: -1) { totalCount } }']) {
      const r = await server.gql(query);
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.length, query).toBe(1);
    }
  });
});

describe('events, errors and synthetic events across sessions (issue 16)', () => {
  /** The list's order as the store reads it: the terms, then the row's pk in the first term's direction. */
  const byTerms = <R extends Row & { pk: number }>(list: R[], terms: [string, 'asc' | 'desc'][]) =>
    [...list].sort((a, b) => {
      for (const [field, dir] of terms) {
        const c = compareValues(a[field], b[field]);
        if (c !== 0) return dir === 'asc' ? c : -c;
      }
      return terms[0]![1] === 'asc' ? a.pk - b.pk : b.pk - a.pk;
    });

  it('the latest JavaScript errors on Chrome 120: newest first, with their sessions', async () => {
    const data = await server.ok(`{
      userErrors(first: 5, filter: { type: { eq: "Error" }, session: { browserMajorVersion: { eq: "Chrome 120" } } }, orderBy: [{ field: START_TIME, direction: DESC }]) {
        totalCount nodes { id name startTime session { id browserMajorVersion } }
      }
    }`);
    const matching = rows.errors.filter((e) => e.type === 'Error' && e.session.browserMajorVersion === 'Chrome 120');
    expect(matching.length, 'the data has errors on Chrome 120').toBeGreaterThan(5);
    expect(matching.length).toBeLessThan(rows.errors.length);
    const expected = byTerms(matching as unknown as (Row & { pk: number })[], [['startTime', 'desc']]).slice(0, 5) as unknown as typeof matching;
    expect(data.userErrors.totalCount).toBe(matching.length);
    expect(data.userErrors.nodes).toEqual(
      expected.map((e) => ({ id: e.id, name: e.name, startTime: e.startTime?.toISOString() ?? null, session: { id: e.session.id, browserMajorVersion: 'Chrome 120' } })),
    );
  });

  it('a session holds the same rows as the root lists filtered by it', async () => {
    const session = rows.syntheticEvents.find((e) => e.session.userSessionId.startsWith('SYNTHETICXX'))!.session;
    const data = await server.ok(
      `query($f: UserSessionFilter) {
        events: userEvents(filter: { session: $f }) { nodes { id } }
        errors: userErrors(filter: { session: $f }) { nodes { id } }
        synthetic: syntheticEvents(filter: { session: $f }) { nodes { id } }
      }`,
      { f: { userSessionId: { eq: session.userSessionId } } },
    );
    const of = (list: { id: string; sessionPk: number }[]) => list.filter((r) => r.sessionPk === session.pk).map((r) => r.id).sort();
    expect(data.synthetic.nodes.map((n: { id: string }) => n.id).sort()).toEqual(of(rows.syntheticEvents));
    expect(data.errors.nodes.map((n: { id: string }) => n.id).sort()).toEqual(of(rows.errors));
    expect(data.events.nodes.map((n: { id: string }) => n.id).sort()).toEqual(of(rows.events));
    expect(of(rows.syntheticEvents).length).toBeGreaterThan(2);
  });

  it('the lists nested under a session take the same filter, orderBy and first (per session)', async () => {
    const data = await server.ok(`{ userSessions(first: 500, filter: { hasError: { eq: true } }) { nodes { id
      errors(first: 2, filter: { not: { name: { startsWith: "TypeError" } } }, orderBy: [{ field: START_TIME, direction: DESC }]) { id }
      allErrors: errors { id }
      events(filter: { type: { in: [PAGE_CHANGE, RAGE_CLICK] }, session: { country: { ne: "Germany" } } }, orderBy: [{ field: TYPE, direction: DESC }, { field: START_TIME, direction: ASC }]) { id }
      syntheticEvents(first: 3, filter: { errorCode: { isNull: false } }, orderBy: [{ field: TIMESTAMP, direction: ASC }]) { id }
    } } }`);
    const nodes = data.userSessions.nodes as { id: string; errors: { id: string }[]; allErrors: { id: string }[]; events: { id: string }[]; syntheticEvents: { id: string }[] }[];
    expect(nodes.length).toBe(rows.sessions.filter((s) => s.hasError === true).length);
    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    let nonEmpty = 0;
    for (const n of nodes) {
      const errors = rows.errors.filter((e) => e.session.id === n.id);
      expect(ids(n.allErrors), n.id).toEqual(errors.sort((a, b) => a.seq - b.seq).map((e) => e.id));
      const filtered = errors.filter((e) => !(e.name !== null && e.name.toLowerCase().startsWith('typeerror')));
      expect(ids(n.errors), n.id).toEqual(byTerms(filtered as never, [['startTime', 'desc']]).slice(0, 2).map((e) => (e as unknown as { id: string }).id));
      const events = rows.events.filter((e) => e.session.id === n.id && (e.type === 'PageChange' || e.type === 'RageClick') && e.session.country !== 'Germany');
      expect(ids(n.events), n.id).toEqual(byTerms(events as never, [['type', 'desc'], ['startTime', 'asc']]).map((e) => (e as unknown as { id: string }).id));
      const synthetic = rows.syntheticEvents.filter((e) => e.session.id === n.id && e.errorCode !== null);
      expect(ids(n.syntheticEvents), n.id).toEqual(byTerms(synthetic as never, [['timestamp', 'asc']]).slice(0, 3).map((e) => (e as unknown as { id: string }).id));
      if (n.errors.length && n.events.length) nonEmpty++;
      if (n.syntheticEvents.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it('syntheticEventStats: counts, distinct sessions and the error code aggregates by TYPE, filtered by the session', async () => {
    const data = await server.ok(`{ syntheticEventStats(groupBy: [TYPE], filter: { session: { browserMajorVersion: { eq: "Chrome 120" } } }, orderBy: [{ dimension: TYPE, direction: ASC }]) {
      dimensions { type } count sessions: countDistinct(field: SESSION) max(field: ERROR_CODE) sum(field: SEQUENCE_NUMBER)
    } }`);
    const chosen = rows.syntheticEvents.filter((e) => e.session.browserMajorVersion === 'Chrome 120');
    const types = [...new Set(chosen.map((e) => e.type))].sort((a, b) => compareValues(a, b));
    expect(types.length).toBeGreaterThan(2);
    const max = (values: (number | null)[]) => (values.some((v) => v !== null) ? Math.max(...values.filter((v): v is number => v !== null)) : null);
    expect(data.syntheticEventStats).toEqual(
      types.map((type) => {
        const g = chosen.filter((e) => e.type === type);
        return {
          dimensions: { type },
          count: g.length,
          sessions: new Set(g.map((e) => e.sessionPk)).size,
          max: max(g.map((e) => e.errorCode)),
          sum: g.reduce((n, e) => n + (e.sequenceNumber ?? 0), 0),
        };
      }),
    );
  });
});
