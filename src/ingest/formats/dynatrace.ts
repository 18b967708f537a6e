/**
 * Dynatrace's UserSession (the user session export / `userSessionQueryLanguage` API model) with
 * its nested user actions, events, errors, synthetic events and custom properties. Field names
 * on the wire are already the store's camelCase names; timestamps are epoch milliseconds.
 */
import { z } from 'zod';
import * as E from '../../model/enums.js';
import type { JsonObject } from '../../db/schema.js';
import { note } from '../warnings.js';
import { count, counter, double, enumOf, id, int, opt, record, timestamp } from './common.js';

const str = opt(z.string());
const bool = opt(z.boolean());
const num = opt(int);
const cnt = opt(count);
const time = opt(timestamp);
const goals = opt(z.array(z.string()));

const properties = <V extends z.ZodType>(list: string, value: V) =>
  z.array(record(`${list}[]`, { key: z.string().min(1), value })).default([]);

/** The four typed property lists, as Dynatrace sends them on sessions (and on actions). */
const customProperties = (owner: string) => ({
  stringProperties: properties(`${owner}.stringProperties`, z.string()),
  longProperties: properties(`${owner}.longProperties`, id),
  doubleProperties: properties(`${owner}.doubleProperties`, double),
  dateProperties: properties(`${owner}.dateProperties`, timestamp),
});

type PropertyLists = { [K in keyof ReturnType<typeof customProperties>]: z.output<ReturnType<typeof customProperties>[K]> };

export type PropertyRow = {
  type: (typeof E.PropertyType)[keyof typeof E.PropertyType];
  key: string;
  stringValue: string | null;
  longValue: number | null;
  doubleValue: number | null;
  dateValue: Date | null;
  /** Keys of the property entry besides key and value (e.g. `applicationId`). */
  extra: JsonObject | null;
};

/** Flatten the four lists into typed property rows (exactly one value column set). */
export function propertyRows(lists: PropertyLists): PropertyRow[] {
  const none = { stringValue: null, longValue: null, doubleValue: null, dateValue: null };
  return [
    ...lists.stringProperties.map((p) => ({ ...none, type: 'string' as const, key: p.key, stringValue: p.value, extra: p.extra })),
    ...lists.longProperties.map((p) => ({ ...none, type: 'long' as const, key: p.key, longValue: p.value, extra: p.extra })),
    ...lists.doubleProperties.map((p) => ({ ...none, type: 'double' as const, key: p.key, doubleValue: p.value, extra: p.extra })),
    ...lists.dateProperties.map((p) => ({ ...none, type: 'date' as const, key: p.key, dateValue: p.value, extra: p.extra })),
  ];
}

function splitProperties<T extends PropertyLists>(value: T) {
  const { stringProperties, longProperties, doubleProperties, dateProperties, ...rest } = value;
  return { row: rest, properties: propertyRows({ stringProperties, longProperties, doubleProperties, dateProperties }) };
}

/*
 * Dynatrace's older export (tenants created before version 206, and the export tools of the time)
 * names some of today's fields differently and sends custom properties as tags. They are read as
 * today's fields; a record that has both keeps the old one in `extra`.
 */
export const LEGACY_SESSION_FIELDS: Record<string, string> = {
  geolocationContinentName: 'continent',
  geolocationCountryName: 'country',
  geolocationRegionName: 'region',
  geolocationCityName: 'city',
  browserTypeName: 'browserType',
  browserFamilyName: 'browserFamily',
  browserMajorVersionName: 'browserMajorVersion',
  osFamilyName: 'osFamily',
  osVersionName: 'osVersion',
};
const LEGACY_TAGS = ['stringTags', 'numTags', 'dateTags'];

/** Today's shape of an older record (anything else passes through untouched). */
function fromLegacy(entity: string, renames: Record<string, string>) {
  const legacy = [...Object.keys(renames), ...LEGACY_TAGS];
  return (value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const source = value as Record<string, unknown>;
    if (!legacy.some((key) => key in source)) return value;
    const out = { ...source };
    const move = (from: string, to: string, v: unknown) => {
      delete out[from];
      note('legacyField', `${entity}.${from} → ${to}`);
      return v;
    };
    for (const [from, to] of Object.entries(renames)) {
      if (from in out && !(to in out)) out[to] = move(from, to, out[from]);
    }
    const append = (from: string, to: string, entries: unknown[]) => {
      if (entries.length > 0) out[to] = [...(Array.isArray(out[to]) ? out[to] : []), ...entries];
    };
    for (const from of LEGACY_TAGS) {
      const tags = out[from];
      if (!Array.isArray(tags)) continue;
      move(from, from === 'numTags' ? 'longProperties/doubleProperties' : from.replace('Tags', 'Properties'), tags);
      if (from === 'numTags') {
        // One list for both: whole numbers are longs, the rest doubles.
        const whole = (tag: unknown) => Number.isInteger((tag as { value?: unknown } | null)?.value);
        append(from, 'longProperties', tags.filter(whole));
        append(from, 'doubleProperties', tags.filter((tag) => !whole(tag)));
      } else append(from, from.replace('Tags', 'Properties'), tags);
    }
    return out;
  };
}

export const userAction = z.preprocess(
  fromLegacy('UserAction', {}),
  record('UserAction', {
    name: str,
    type: opt(enumOf(E.UserActionType, 'UserAction.type')),
    apdexCategory: opt(enumOf(E.ApdexCategory, 'UserAction.apdexCategory')),
    domain: str,
    targetUrl: str,
    application: str,
    internalApplicationId: str,
    internalKeyUserActionId: str,
    startTime: time,
    endTime: time,
    duration: cnt,
    navigationStart: time,
    speedIndex: num,
    networkTime: num,
    serverTime: num,
    frontendTime: num,
    documentInteractiveTime: num,
    firstPartyResources: cnt,
    firstPartyBusyTime: num,
    thirdPartyResources: cnt,
    thirdPartyBusyTime: num,
    cdnResources: cnt,
    cdnBusyTime: num,
    domCompleteTime: num,
    domContentLoadedTime: num,
    loadEventStart: num,
    loadEventEnd: num,
    requestStart: num,
    responseStart: num,
    responseEnd: num,
    visuallyCompleteTime: num,
    userActionPropertyCount: cnt,
    customErrorCount: cnt,
    javascriptErrorCount: cnt,
    requestErrorCount: cnt,
    largestContentfulPaint: num,
    firstInputDelay: num,
    totalBlockingTime: num,
    cumulativeLayoutShift: opt(double),
    hasCrash: bool,
    keyUserAction: bool,
    syntheticEvent: str,
    syntheticEventId: str,
    matchingConversionGoals: goals,
    ...customProperties('UserAction'),
  }).transform(splitProperties),
);

export const userEvent = record('UserEvent', {
  type: opt(enumOf(E.UserEventType, 'UserEvent.type')),
  name: str,
  domain: str,
  startTime: time,
  application: str,
  internalApplicationId: str,
  metadata: str,
  page: str,
  pageGroup: str,
  pageReferrer: str,
  pageReferrerGroup: str,
});

export const userError = record('UserError', {
  type: str,
  name: str,
  domain: str,
  startTime: time,
  application: str,
  internalApplicationId: str,
});

export const syntheticEvent = record('SyntheticEvent', {
  name: str,
  syntheticEventId: str,
  sequenceNumber: num,
  timestamp: time,
  type: str,
  errorCode: num,
  errorName: str,
});

export const userSession = z.preprocess(
  fromLegacy('UserSession', LEGACY_SESSION_FIELDS),
  record('UserSession', {
    // (tenantId, userSessionId, partNumber) is the session's unique key, so the first two are
    // required; a missing partNumber means the session was never split (part 0).
    tenantId: z.string().min(1),
    userSessionId: z.string().min(1),
    partNumber: counter(count.default(0)),
    startTime: time,
    endTime: time,
    duration: cnt,
    internalUserId: str,
    userType: opt(enumOf(E.UserType, 'UserSession.userType')),
    reasonForNoSessionReplay: opt(enumOf(E.ReasonForNoSessionReplay, 'UserSession.reasonForNoSessionReplay')),
    reasonForNoSessionReplayMobile: opt(enumOf(E.ReasonForNoSessionReplayMobile, 'UserSession.reasonForNoSessionReplayMobile')),
    applicationType: opt(enumOf(E.ApplicationType, 'UserSession.applicationType')),
    bounce: bool,
    newUser: bool,
    userActionCount: cnt,
    totalErrorCount: cnt,
    totalLicenseCreditCount: cnt,
    matchingConversionGoalsCount: cnt,
    matchingConversionGoals: goals,
    ip: str,
    continent: str,
    country: str,
    region: str,
    city: str,
    browserType: str,
    browserFamily: str,
    browserMajorVersion: str,
    osFamily: str,
    osVersion: str,
    manufacturer: str,
    device: str,
    userId: str,
    screenHeight: cnt,
    screenWidth: cnt,
    screenOrientation: opt(enumOf(E.ScreenOrientation, 'UserSession.screenOrientation')),
    displayResolution: opt(enumOf(E.DisplayResolution, 'UserSession.displayResolution')),
    hasCrash: bool,
    crashGroupId: str,
    hasSessionReplay: bool,
    isp: str,
    clientType: str,
    browserMonitorId: str,
    browserMonitorName: str,
    appVersion: str,
    endReason: opt(enumOf(E.EndReason, 'UserSession.endReason')),
    numberOfRageClicks: cnt,
    numberOfRageTaps: cnt,
    userExperienceScore: opt(enumOf(E.UserExperienceScore, 'UserSession.userExperienceScore')),
    carrier: str,
    networkTechnology: str,
    connectionType: opt(enumOf(E.ConnectionType, 'UserSession.connectionType')),
    replayStart: time,
    replayEnd: time,
    clientTimeOffset: num,
    rootedOrJailbroken: bool,
    hasError: bool,
    ...customProperties('UserSession'),
    userActions: z.array(userAction).default([]),
    events: z.array(userEvent).default([]),
    errors: z.array(userError).default([]),
    syntheticEvents: z.array(syntheticEvent).default([]),
  }).transform(({ userActions, events, errors, syntheticEvents, ...session }) => {
    const { row, properties } = splitProperties(session);
    return { session: row, properties, userActions, events, errors, syntheticEvents };
  }),
);

export type ParsedUserSession = z.output<typeof userSession>;

/** A record looks like a Dynatrace session when it carries a session's key fields. */
export function looksLikeUserSession(value: Record<string, unknown>): boolean {
  return 'userSessionId' in value || 'tenantId' in value;
}
