/**
 * A deterministic, realistic data set in the products' own wire shapes: PostHog recordings with
 * nested persons, and Dynatrace user sessions with actions, events, errors and properties.
 * It is generated lazily, so it scales to millions of sessions in constant memory.
 */
import { Random } from './random.js';

export interface DatasetOptions {
  persons: number;
  seed?: number;
  /** Data ends here (default: the start of today, UTC) and reaches back `days`. */
  end?: Date;
  days?: number;
  /** Mean user sessions per person; the same again in recordings (about half as many). */
  sessionsPerPerson?: number;
  /** Share of sessions with no userId (anonymous). */
  anonymousShare?: number;
  /** Share of persons' sessions whose visit PostHog also recorded (default 0.35): linked visits. */
  visitShare?: number;
  tenantId?: string;
}

export type GeneratedRecord = { kind: 'person' | 'recording' | 'userSession'; value: Record<string, unknown> };

const DAY = 86_400_000;

// [country, continent, region, city, weight]
const PLACES = [
  ['United States', 'North America', 'California', 'San Francisco', 14],
  ['United States', 'North America', 'New York', 'New York', 12],
  ['United States', 'North America', 'Texas', 'Austin', 6],
  ['Germany', 'Europe', 'Bavaria', 'Munich', 7],
  ['Germany', 'Europe', 'Berlin', 'Berlin', 6],
  ['United Kingdom', 'Europe', 'England', 'London', 9],
  ['France', 'Europe', 'Île-de-France', 'Paris', 6],
  ['Austria', 'Europe', 'Upper Austria', 'Linz', 4],
  ['Poland', 'Europe', 'Masovia', 'Warsaw', 3],
  ['India', 'Asia', 'Karnataka', 'Bengaluru', 8],
  ['Japan', 'Asia', 'Tokyo', 'Tokyo', 5],
  ['Brazil', 'South America', 'São Paulo', 'São Paulo', 5],
  ['Canada', 'North America', 'Ontario', 'Toronto', 4],
  ['Australia', 'Oceania', 'New South Wales', 'Sydney', 3],
] as const;
const PLACE_WEIGHTS = PLACES.map((p) => [p, p[4]] as const);

// [browserFamily, browserType, osFamily, osVersions, manufacturer, device, mobile, weight]
const CLIENTS = [
  ['Chrome', 'Desktop Browser', 'Windows', ['Windows 10', 'Windows 11'], null, 'Desktop', false, 30],
  ['Chrome', 'Desktop Browser', 'macOS', ['macOS 14', 'macOS 15'], 'Apple', 'Mac', false, 12],
  ['Edge', 'Desktop Browser', 'Windows', ['Windows 11'], null, 'Desktop', false, 9],
  ['Firefox', 'Desktop Browser', 'Linux', ['Ubuntu'], null, 'Desktop', false, 5],
  ['Firefox', 'Desktop Browser', 'Windows', ['Windows 10'], null, 'Desktop', false, 5],
  ['Safari', 'Desktop Browser', 'macOS', ['macOS 14', 'macOS 15'], 'Apple', 'Mac', false, 9],
  ['Mobile Safari', 'Mobile Browser', 'iOS', ['iOS 17', 'iOS 18'], 'Apple', 'iPhone', true, 15],
  ['Chrome Mobile', 'Mobile Browser', 'Android', ['Android 13', 'Android 14'], 'Samsung', 'Galaxy S23', true, 15],
] as const;
const CLIENT_WEIGHTS = CLIENTS.map((c) => [c, c[7]] as const);

const PAGES = ['/', '/pricing', '/docs', '/signup', '/login', '/dashboard', '/settings', '/checkout', '/cart', '/blog'];
const APPS = ['www.example.com', 'app.example.com'];
const GOALS = ['signup', 'purchase', 'newsletter'];
const ERROR_NAMES = ['TypeError: undefined is not a function', 'ReferenceError: x is not defined', 'HTTP 500', 'ChunkLoadError'];
const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Ken', 'Radia', 'Dennis', 'Frances', 'Tim', 'Hedy'];
const SURNAMES = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Liskov', 'Thompson', 'Perlman', 'Ritchie', 'Allen'];

interface PersonSeed {
  id: number;
  uuid: string;
  name: string;
  distinctIds: string[];
  createdAt: number;
  place: (typeof PLACES)[number];
  client: (typeof CLIENTS)[number];
  json: Record<string, unknown>;
}

function makePerson(rng: Random, index: number, start: number): PersonSeed {
  const name = `${rng.pick(NAMES)} ${rng.pick(SURNAMES)}`;
  const distinctIds = [`user-${index + 1}`];
  for (let i = rng.count(1.5, 0, 4); i > 0; i--) distinctIds.push(rng.uuid());
  const createdAt = start - rng.int(0, 180) * DAY - rng.int(0, DAY - 1);
  const place = rng.weighted(PLACE_WEIGHTS);
  const client = rng.weighted(CLIENT_WEIGHTS);
  const uuid = rng.uuid();
  const email = `${name.toLowerCase().replace(' ', '.')}${index + 1}@example.com`;
  return {
    id: index + 1,
    uuid,
    name,
    distinctIds,
    createdAt,
    place,
    client,
    json: {
      id: index + 1,
      uuid,
      name: email,
      distinct_ids: distinctIds,
      properties: { email, name, plan: rng.weighted([['free', 6], ['pro', 3], ['enterprise', 1]]), $geoip_country_name: place[0] },
      created_at: new Date(createdAt).toISOString(),
    },
  };
}

function recording(rng: Random, person: PersonSeed, index: number, start: number, end: number): Record<string, unknown> {
  const startTime = rng.int(start, end - 1);
  const duration = Math.max(1, Math.round(rng.logNormal(240, 1.1)));
  const active = Math.round(duration * (0.2 + rng.next() * 0.7));
  const errors = rng.chance(0.3) ? rng.count(2, 1, 40) : 0;
  const retention = rng.weighted([[30, 8], [90, 2]]);
  const startDay = Math.floor(startTime / DAY) * DAY;
  return {
    id: `0190${rng.hex(4)}-${rng.hex(4)}-7${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`,
    distinct_id: rng.pick(person.distinctIds),
    viewed: rng.chance(0.3),
    viewers: rng.chance(0.3) ? [`viewer-${rng.int(1, 5)}@example.com`] : [],
    recording_duration: duration,
    active_seconds: active,
    inactive_seconds: duration - active,
    start_time: new Date(startTime).toISOString(),
    end_time: new Date(startTime + duration * 1000).toISOString(),
    click_count: rng.count(active / 8),
    keypress_count: rng.count(active / 5),
    mouse_activity_count: rng.count(active * 2),
    console_log_count: rng.count(10),
    console_warn_count: rng.count(2),
    console_error_count: errors,
    start_url: `https://${rng.pick(APPS)}${rng.pick(PAGES)}`,
    person: person.json,
    retention_period_days: retention,
    expiry_time: new Date(startDay + retention * DAY).toISOString(),
    recording_ttl: null,
    snapshot_source: person.client[6] ? 'mobile' : 'web',
    snapshot_library: person.client[6] ? 'posthog-ios' : 'web',
    ongoing: false,
    activity_score: null,
    has_summary: index % 7 === 0,
    summary_outcome: index % 7 === 0 ? { description: 'User completed checkout', success: rng.chance(0.7) } : null,
    external_references: rng.chance(0.05) ? [{ integration: 'linear', id: `ENG-${rng.int(1, 999)}`, title: 'Broken button' }] : [],
  };
}

function userActions(rng: Random, startTime: number, count: number, rageClicks: number) {
  const actions: Record<string, unknown>[] = [];
  let t = startTime;
  for (let i = 0; i < count; i++) {
    const load = i === 0 || rng.chance(0.4);
    const type = i === count - 1 && count > 1 && rng.chance(0.2) ? 'EndVisit' : load ? 'Load' : rng.weighted([['Xhr', 6], ['Custom', 2], ['RageClick', rageClicks > 0 ? 1 : 0]] as const);
    const duration = Math.max(5, Math.round(rng.logNormal(load ? 1800 : 400, 0.8)));
    const network = Math.round(duration * 0.15);
    const server = Math.round(duration * (0.1 + rng.next() * 0.3));
    const page = rng.pick(PAGES);
    const apdex = duration < 2000 ? 'SATISFIED' : duration < 8000 ? 'TOLERATING' : 'FRUSTRATED';
    const jsErrors = rng.chance(0.05) ? rng.int(1, 3) : 0;
    const key = page === '/checkout' || page === '/signup';
    actions.push({
      name: load ? `Loading of page ${page}` : `click on "${page.slice(1) || 'home'}"`,
      type,
      apdexCategory: apdex,
      domain: 'www.example.com',
      targetUrl: `https://www.example.com${page}`,
      application: 'example.com',
      internalApplicationId: 'APPLICATION-EA7C4B59F27D43EB',
      internalKeyUserActionId: key ? `APPLICATION_METHOD-${page === '/checkout' ? '1A2B' : '3C4D'}` : null,
      startTime: t,
      endTime: t + duration,
      duration,
      navigationStart: load ? t : null,
      speedIndex: load ? Math.round(duration * 0.6) : null,
      networkTime: network,
      serverTime: server,
      frontendTime: duration - network - server,
      documentInteractiveTime: load ? Math.round(duration * 0.5) : null,
      firstPartyResources: rng.count(20),
      firstPartyBusyTime: rng.count(300),
      thirdPartyResources: rng.count(8),
      thirdPartyBusyTime: rng.count(150),
      cdnResources: rng.count(5),
      cdnBusyTime: rng.count(60),
      domCompleteTime: load ? Math.round(duration * 0.8) : null,
      domContentLoadedTime: load ? Math.round(duration * 0.45) : null,
      loadEventStart: load ? Math.round(duration * 0.82) : null,
      loadEventEnd: load ? Math.round(duration * 0.85) : null,
      requestStart: Math.round(network * 0.1),
      responseStart: network + Math.round(server * 0.9),
      responseEnd: network + server,
      visuallyCompleteTime: load ? Math.round(duration * 0.9) : null,
      userActionPropertyCount: key ? 1 : 0,
      customErrorCount: 0,
      javascriptErrorCount: jsErrors,
      requestErrorCount: rng.chance(0.03) ? 1 : 0,
      largestContentfulPaint: load ? Math.round(rng.logNormal(1600, 0.6)) : null,
      firstInputDelay: load ? Math.round(rng.logNormal(40, 0.8)) : null,
      totalBlockingTime: load ? Math.round(rng.logNormal(120, 1)) : null,
      cumulativeLayoutShift: load ? Math.round(rng.logNormal(0.05, 1) * 1000) / 1000 : null,
      hasCrash: false,
      keyUserAction: key,
      syntheticEvent: null,
      syntheticEventId: null,
      matchingConversionGoals: page === '/checkout' ? ['purchase'] : [],
      stringProperties: key ? [{ key: 'cartvalue_currency', value: 'EUR' }] : [],
      longProperties: [],
      doubleProperties: key ? [{ key: 'cartvalue', value: Math.round(rng.logNormal(60, 0.7) * 100) / 100 }] : [],
      dateProperties: [],
    });
    t += duration + Math.round(rng.logNormal(15_000, 1));
  }
  return actions;
}

function userSession(
  rng: Random,
  person: PersonSeed | null,
  index: number,
  tenantId: string,
  start: number,
  end: number,
): Record<string, unknown> {
  const place = person && rng.chance(0.9) ? person.place : rng.weighted(PLACE_WEIGHTS);
  const client = person && rng.chance(0.8) ? person.client : rng.weighted(CLIENT_WEIGHTS);
  const startTime = rng.int(start, end - 1);
  const actionCount = rng.count(7, 1, 60);
  const rageClicks = rng.chance(0.08) ? rng.int(1, 6) : 0;
  const actions = userActions(rng, startTime, actionCount, rageClicks);
  const last = actions[actions.length - 1]!;
  const endTime = last.endTime as number;
  const errors = actions.flatMap((a, i) =>
    (a.javascriptErrorCount as number) > 0
      ? [{ type: 'Error', name: rng.pick(ERROR_NAMES), domain: 'www.example.com', startTime: (a.startTime as number) + 10 + i, application: 'example.com', internalApplicationId: 'APPLICATION-EA7C4B59F27D43EB' }]
      : [],
  );
  const goals = actions.some((a) => (a.matchingConversionGoals as string[]).length) ? ['purchase'] : rng.chance(0.05) ? [rng.pick(GOALS)] : [];
  const mobile = client[6];
  const events = [
    { type: 'PageChange', name: 'Page change', domain: 'www.example.com', startTime: startTime + 5, application: 'example.com', internalApplicationId: 'APPLICATION-EA7C4B59F27D43EB', metadata: null, page: rng.pick(PAGES), pageGroup: '/', pageReferrer: null, pageReferrerGroup: null },
    ...(rageClicks > 0 ? [{ type: 'RageClick', name: 'Rage click', domain: 'www.example.com', startTime: startTime + 50, application: 'example.com', internalApplicationId: 'APPLICATION-EA7C4B59F27D43EB', metadata: `{"clicks":${rageClicks + 3}}`, page: '/checkout', pageGroup: '/checkout', pageReferrer: '/cart', pageReferrerGroup: '/cart' }] : []),
  ];
  const userId = person ? rng.pick(person.distinctIds) : null;
  const ux = errors.length > 0 || rageClicks > 0 ? 'FRUSTRATED' : actions.some((a) => a.apdexCategory === 'TOLERATING') ? 'TOLERATED' : 'SATISFIED';
  return {
    tenantId,
    userSessionId: `${(index + 1).toString(36).toUpperCase().padStart(8, '0')}${rng.hex(8).toUpperCase()}`,
    partNumber: 0,
    startTime,
    endTime,
    duration: endTime - startTime,
    internalUserId: person ? `${person.id}${rng.int(100000, 999999)}` : `${rng.int(1e9, 9e9)}`,
    userType: rng.weighted([['REAL_USER', 95], ['ROBOT', 3], ['SYNTHETIC', 2]]),
    reasonForNoSessionReplay: null,
    reasonForNoSessionReplayMobile: mobile ? 'NO_AGENT' : null,
    applicationType: 'WEB_APPLICATION',
    bounce: actionCount === 1,
    newUser: rng.chance(0.25),
    userActionCount: actionCount,
    totalErrorCount: errors.length,
    totalLicenseCreditCount: 1,
    matchingConversionGoalsCount: goals.length,
    matchingConversionGoals: goals,
    ip: `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    continent: place[1],
    country: place[0],
    region: place[2],
    city: place[3],
    browserType: client[1],
    browserFamily: client[0],
    browserMajorVersion: `${client[0]} ${rng.int(120, 131)}`,
    osFamily: client[2],
    osVersion: rng.pick(client[3]),
    manufacturer: client[4],
    device: client[5],
    userId,
    screenHeight: mobile ? 844 : rng.pick([768, 900, 1080, 1440]),
    screenWidth: mobile ? 390 : rng.pick([1366, 1440, 1920, 2560]),
    screenOrientation: mobile ? rng.weighted([['PORTRAIT', 9], ['LANDSCAPE', 1]]) : 'LANDSCAPE',
    displayResolution: mobile ? 'HVGA' : rng.pick(['FHD', 'HD', 'QHD', 'WXGAPlus', 'UHD4K']),
    hasCrash: false,
    crashGroupId: null,
    hasSessionReplay: rng.chance(0.4),
    isp: rng.pick(['Comcast', 'Deutsche Telekom', 'BT', 'Orange', 'Jio', 'NTT']),
    clientType: client[1],
    browserMonitorId: null,
    browserMonitorName: null,
    stringProperties: [{ key: 'plan', value: rng.weighted([['free', 6], ['pro', 3], ['enterprise', 1]]) }],
    longProperties: [{ key: 'items_in_cart', value: rng.count(2) }],
    doubleProperties: goals.includes('purchase') ? [{ key: 'revenue', value: Math.round(rng.logNormal(80, 0.8) * 100) / 100 }] : [],
    dateProperties: person ? [{ key: 'signup_date', value: person.createdAt }] : [],
    userActions: actions,
    events,
    errors,
    syntheticEvents: [],
    appVersion: `2.${rng.int(0, 9)}.${rng.int(0, 20)}`,
    endReason: rng.weighted([['TIMEOUT', 80], ['END_EVENT', 15], ['DURATION_LIMIT', 2], ['USER_ACTION_LIMIT', 3]]),
    numberOfRageClicks: rageClicks,
    numberOfRageTaps: 0,
    userExperienceScore: ux,
    carrier: mobile ? rng.pick(['Verizon', 'Vodafone', 'T-Mobile']) : null,
    networkTechnology: mobile ? rng.pick(['LTE', '5G']) : null,
    connectionType: mobile ? rng.pick(['MOBILE', 'WIFI']) : 'LAN',
    replayStart: null,
    replayEnd: null,
    clientTimeOffset: rng.int(-50, 50),
    rootedOrJailbroken: mobile ? false : null,
    hasError: errors.length > 0,
  };
}

/**
 * The PostHog recording of a user session's visit (README, "One visit, both products"): the same
 * person's distinct id, starting a moment after the session (the snippet loads later) and ending a
 * little after it, console errors where the session had JavaScript errors. Every other one is also
 * tagged the usual way: the session carries the recording's id in `posthog_session_id` (the
 * default link property), so the demo has both kinds of link, and links by tag alone.
 */
function visitRecording(rng: Random, person: PersonSeed, index: number, session: Record<string, unknown>): Record<string, unknown> {
  const sessionStart = session.startTime as number;
  const sessionEnd = session.endTime as number;
  const startTime = sessionStart + rng.int(200, 3_000);
  const endTime = Math.max(startTime + 1_000, sessionEnd + rng.int(0, 20_000));
  const duration = Math.round((endTime - startTime) / 1000);
  const active = Math.round(duration * (0.3 + rng.next() * 0.6));
  const errors = session.totalErrorCount as number;
  const base = recording(rng, person, index, startTime, startTime + 1);
  // One in four is recorded before the visitor identified: an anonymous distinct id, no person,
  // so only the tag links it.
  const anonymous = index % 4 === 0;
  const { person: _person, ...unowned } = base;
  const value = {
    ...(anonymous ? unowned : base),
    distinct_id: anonymous ? rng.uuid() : session.userId,
    recording_duration: duration,
    active_seconds: active,
    inactive_seconds: duration - active,
    start_time: new Date(startTime).toISOString(),
    end_time: new Date(endTime).toISOString(),
    console_error_count: errors > 0 ? errors + rng.count(1) : rng.chance(0.1) ? 1 : 0,
  };
  if (index % 2 === 0) (session.stringProperties as { key: string; value: string }[]).push({ key: 'posthog_session_id', value: base.id as string });
  return value;
}

/** Start of the current UTC day: the default end of the data set. */
export function startOfTodayUtc(now = Date.now()): Date {
  return new Date(Math.floor(now / DAY) * DAY);
}

/** All records of a data set, persons' recordings and sessions interleaved, then anonymous ones. */
export function* generateDataset(options: DatasetOptions): Generator<GeneratedRecord> {
  const rng = new Random(options.seed ?? 1);
  const end = (options.end ?? startOfTodayUtc()).getTime();
  const start = end - (options.days ?? 30) * DAY;
  const perPerson = options.sessionsPerPerson ?? 4;
  const anonymousShare = options.anonymousShare ?? 0.15;
  const tenantId = options.tenantId ?? 'umsaywsjuo';
  // Visits are drawn from their own stream, so the rest of the data set is the same with or without them.
  const visitRng = new Random(((options.seed ?? 1) * 7_919 + 17) >>> 0);
  const visitShare = options.visitShare ?? 0.35;
  let sessionIndex = 0;
  let recordingIndex = 0;
  let visitIndex = 0;
  for (let i = 0; i < options.persons; i++) {
    const person = makePerson(rng, i, start);
    yield { kind: 'person', value: person.json };
    for (let r = rng.count(perPerson / 2, 0, perPerson * 4); r > 0; r--) {
      yield { kind: 'recording', value: recording(rng, person, recordingIndex++, start, end) };
    }
    const sessions: Record<string, unknown>[] = [];
    for (let s = rng.count(perPerson, 1, perPerson * 6); s > 0; s--) sessions.push(userSession(rng, person, sessionIndex++, tenantId, start, end));
    for (const session of sessions) {
      if (visitRng.chance(visitShare)) yield { kind: 'recording', value: visitRecording(visitRng, person, visitIndex++, session) };
    }
    for (const session of sessions) yield { kind: 'userSession', value: session };
    // Anonymous visitors arrive alongside, in proportion.
    for (let a = rng.count((perPerson * anonymousShare) / (1 - anonymousShare)); a > 0; a--) {
      yield { kind: 'userSession', value: userSession(rng, null, sessionIndex++, tenantId, start, end) };
    }
  }
}
