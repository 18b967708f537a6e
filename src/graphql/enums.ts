/** GraphQL enums from the seed enums: names are the generator names, values the wire values. */
import * as E from '../model/enums.js';
import type { EnumName } from '../model/fields.js';
import { builder } from './builder.js';

function enumType(name: string, values: E.EnumMap, description?: string) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }])),
  });
}

const descriptions: Record<EnumName, string> = {
  UserType: 'Whether a real human or a robot (ROBOT, SYNTHETIC) drove the session.',
  ReasonForNoSessionReplay: 'Why a web session has no Session Replay.',
  ReasonForNoSessionReplayMobile: 'Why a mobile session has no Session Replay.',
  ApplicationType: 'The kind of application the session used.',
  ScreenOrientation: 'The screen orientation of the device.',
  DisplayResolution: 'The detected display resolution class.',
  EndReason: 'Why the session ended.',
  UserExperienceScore: "Dynatrace's user experience score of the session.",
  ConnectionType: 'The connection type of a mobile session.',
  UserActionType: 'The type of a user action.',
  ApdexCategory: 'The Apdex rating of a user action.',
  UserEventType: 'The type of a user event.',
};

export const enumTypes = Object.fromEntries(
  (Object.keys(descriptions) as EnumName[]).map((name) => [name, enumType(name, E[name], descriptions[name])]),
) as Record<EnumName, ReturnType<typeof enumType>>;

export const SortDirection = builder.enumType('SortDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
});
