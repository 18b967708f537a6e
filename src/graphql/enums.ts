/**
 * GraphQL enums from the seed enums: names are the generator names, values the wire values.
 *
 * The enums are open (README, "Getting data in"): the store keeps any value a source sends, and
 * a value outside the documented list is served as the member OTHER, its exact text in the
 * field's sibling `<field>Raw: String`. A filter on OTHER matches every such value.
 */
import { GraphQLEnumType, type GraphQLSchema } from 'graphql';
import * as E from '../model/enums.js';
import { enumDocs } from '../model/enum-docs.js';
import { OTHER_VALUE, type EnumName } from '../model/fields.js';
import { builder } from './builder.js';

const OTHER_DOC = 'A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field.';

function enumType(name: EnumName, values: E.EnumMap, description?: string) {
  const docs = enumDocs[name] as Record<string, string>;
  for (const [key, wire] of Object.entries(values)) {
    if (key !== E.enumValueName(wire)) throw new Error(`${name}.${key}: the wire value ${wire} is named ${E.enumValueName(wire)}`);
  }
  return builder.enumType(name, {
    description,
    values: {
      ...Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, description: `${docs[key]} ${sourceOf(name)}: \`${value}\` (also accepted on input).` }])),
      OTHER: { value: OTHER_VALUE, description: OTHER_DOC },
    },
  });
}

/**
 * graphql-js refuses to serialize a value its enum does not list; an open enum serves it as OTHER.
 * On input, a member is also accepted by its wire value (`"SyntheticHiddenAction"` for
 * SYNTHETIC_HIDDEN_ACTION, in variables and as a literal), so a value copied from an export or a
 * `…Raw` field works as it is. Done on the built types because Pothos builds the GraphQLEnumType
 * itself; graphql-js (`parseValue`, `parseLiteral`) and graphql-jit call the same `serialize` and
 * `getValue`.
 */
export function openEnumTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const name of Object.keys(descriptions)) {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of the schema`);
    const members = type.getValues();
    const listed = new Set(members.map((v) => v.value as unknown));
    const serialize = type.serialize.bind(type);
    type.serialize = (value: unknown) => serialize(value === null || value === undefined || listed.has(value) ? value : OTHER_VALUE);
    const byWire = new Map(members.filter((v) => v.value !== OTHER_VALUE).map((v) => [v.value as string, v]));
    const getValue = type.getValue.bind(type);
    type.getValue = (valueName: string) => getValue(valueName) ?? byWire.get(valueName);
  }
  return schema;
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
  SnapshotSource: 'Where the snapshots of a recording come from.',
};

/** The product whose wire values an enum carries (named in each value's description). */
const sourceOf = (name: EnumName) => (name === 'SnapshotSource' ? 'PostHog' : 'Dynatrace');

export const enumTypes = Object.fromEntries(
  (Object.keys(descriptions) as EnumName[]).map((name) => [name, enumType(name, E[name], descriptions[name])]),
) as Record<EnumName, ReturnType<typeof enumType>>;

export const SortDirection = builder.enumType('SortDirection', {
  description: 'The direction of an order.',
  values: {
    ASC: { value: 'asc', description: 'Smallest first (oldest first for times; nulls first).' },
    DESC: { value: 'desc', description: 'Largest first (newest first for times; nulls last).' },
  } as const,
});

/** A calendar unit in a time zone: stats' bucket width, and the period of a relative time filter. */
export const IntervalEnum = builder.enumType('Interval', {
  description: 'A unit of calendar time (a stats bucket width; the period of `sinceStartOf` and `previous` in time filters).',
  values: {
    MINUTE: { value: 'minute', description: 'One minute.' },
    HOUR: { value: 'hour', description: 'One hour (in `timeZone`).' },
    DAY: { value: 'day', description: 'One calendar day, from midnight in `timeZone`.' },
    WEEK: { value: 'week', description: 'ISO weeks, starting on Monday.' },
    MONTH: { value: 'month', description: 'One calendar month, from the 1st in `timeZone`.' },
  } as const,
});
