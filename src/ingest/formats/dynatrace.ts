/**
 * Dynatrace's UserSession (the user session export / `userSessionQueryLanguage` API model) with
 * its nested user actions, events, errors, synthetic events and custom properties. Field names
 * on the wire are already the store's camelCase names; timestamps are epoch milliseconds.
 */
import { z } from 'zod';
import * as E from '../../model/enums.js';
import { count, double, enumOf, id, int, opt, timestamp } from './common.js';

const str = opt(z.string());
const bool = opt(z.boolean());
const num = opt(int);
const cnt = opt(count);
const time = opt(timestamp);
const goals = opt(z.array(z.string()));

const property = <V extends z.ZodType>(value: V) => z.object({ key: z.string().min(1), value });
const properties = <V extends z.ZodType>(value: V) => z.array(property(value)).default([]);

/** The four typed property lists, as Dynatrace sends them on sessions and on actions. */
const customProperties = {
  stringProperties: properties(z.string()),
  longProperties: properties(id),
  doubleProperties: properties(double),
  dateProperties: properties(timestamp),
};

type PropertyLists = { [K in keyof typeof customProperties]: z.output<(typeof customProperties)[K]> };

export type PropertyRow = {
  type: (typeof E.PropertyType)[keyof typeof E.PropertyType];
  key: string;
  stringValue: string | null;
  longValue: number | null;
  doubleValue: number | null;
  dateValue: Date | null;
};

/** Flatten the four lists into typed property rows (exactly one value column set). */
export function propertyRows(lists: PropertyLists): PropertyRow[] {
  const none = { stringValue: null, longValue: null, doubleValue: null, dateValue: null };
  return [
    ...lists.stringProperties.map((p) => ({ ...none, type: 'string' as const, key: p.key, stringValue: p.value })),
    ...lists.longProperties.map((p) => ({ ...none, type: 'long' as const, key: p.key, longValue: p.value })),
    ...lists.doubleProperties.map((p) => ({ ...none, type: 'double' as const, key: p.key, doubleValue: p.value })),
    ...lists.dateProperties.map((p) => ({ ...none, type: 'date' as const, key: p.key, dateValue: p.value })),
  ];
}

function splitProperties<T extends PropertyLists>(value: T) {
  const { stringProperties, longProperties, doubleProperties, dateProperties, ...rest } = value;
  return { row: rest, properties: propertyRows({ stringProperties, longProperties, doubleProperties, dateProperties }) };
}

export const userAction = z
  .object({
    name: str,
    type: opt(enumOf(E.UserActionType)),
    apdexCategory: opt(enumOf(E.ApdexCategory)),
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
    ...customProperties,
  })
  .transform(splitProperties);

export const userEvent = z.object({
  type: opt(enumOf(E.UserEventType)),
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

export const userError = z.object({
  type: str,
  name: str,
  domain: str,
  startTime: time,
  application: str,
  internalApplicationId: str,
});

export const syntheticEvent = z.object({
  name: str,
  syntheticEventId: str,
  sequenceNumber: num,
  timestamp: time,
  type: str,
  errorCode: num,
  errorName: str,
});

export const userSession = z
  .object({
    // (tenantId, userSessionId, partNumber) is the session's unique key, so the first two are
    // required; a missing partNumber means the session was never split (part 0).
    tenantId: z.string().min(1),
    userSessionId: z.string().min(1),
    partNumber: count.default(0),
    startTime: time,
    endTime: time,
    duration: cnt,
    internalUserId: str,
    userType: opt(enumOf(E.UserType)),
    reasonForNoSessionReplay: opt(enumOf(E.ReasonForNoSessionReplay)),
    reasonForNoSessionReplayMobile: opt(enumOf(E.ReasonForNoSessionReplayMobile)),
    applicationType: opt(enumOf(E.ApplicationType)),
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
    screenOrientation: opt(enumOf(E.ScreenOrientation)),
    displayResolution: opt(enumOf(E.DisplayResolution)),
    hasCrash: bool,
    crashGroupId: str,
    hasSessionReplay: bool,
    isp: str,
    clientType: str,
    browserMonitorId: str,
    browserMonitorName: str,
    appVersion: str,
    endReason: opt(enumOf(E.EndReason)),
    numberOfRageClicks: cnt,
    numberOfRageTaps: cnt,
    userExperienceScore: opt(enumOf(E.UserExperienceScore)),
    carrier: str,
    networkTechnology: str,
    connectionType: opt(enumOf(E.ConnectionType)),
    replayStart: time,
    replayEnd: time,
    clientTimeOffset: num,
    rootedOrJailbroken: bool,
    hasError: bool,
    ...customProperties,
    userActions: z.array(userAction).default([]),
    events: z.array(userEvent).default([]),
    errors: z.array(userError).default([]),
    syntheticEvents: z.array(syntheticEvent).default([]),
  })
  .transform(({ userActions, events, errors, syntheticEvents, ...session }) => {
    const { row, properties } = splitProperties(session);
    return { session: row, properties, userActions, events, errors, syntheticEvents };
  });

export type ParsedUserSession = z.output<typeof userSession>;

/** A record looks like a Dynatrace session when it carries a session's key fields. */
export function looksLikeUserSession(value: Record<string, unknown>): boolean {
  return 'userSessionId' in value || 'tenantId' in value;
}
