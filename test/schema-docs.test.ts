/**
 * Every element of the schema a client sees is documented: types, fields, arguments, input fields
 * and enum values (issue 14). Descriptions come from one place per entity (src/model/fields.ts,
 * src/model/enum-docs.ts); this walks the built schemas, plain and federated, and lists what lacks
 * one. Durations and times also state their unit.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema, subgraphSchema } from '../src/graphql/schema.js';

const documented = (description: string | null | undefined) => Boolean(description?.trim());

/** Types a schema gets from GraphQL itself or from federation (`_Service`, `_Any`, `link__Import`, …). */
function ours(type: GraphQLNamedType): boolean {
  return !isIntrospectionType(type) && !isSpecifiedScalarType(type) && !type.name.startsWith('_') && !type.name.includes('__');
}

/** Every schema element without a description, as `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`. */
function undocumented(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(s.getTypeMap()).filter(ours)) {
    if (!documented(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (!documented(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!documented(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!documented(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!documented(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

/** A name that says it holds a duration or a point in time measured in a unit. */
const TIMED = /(^duration$|Duration$|Time$|Seconds$|Days$|Ttl$|^timestamp$|Offset$|Delay$|^(loadEvent|request|response)(Start|End)$|Paint$|^speedIndex$)/;
const UNIT = /\b(ms|milliseconds?|seconds?|days?)\b/i;

/** Int/Float fields (object and input) whose name says duration or time, without a unit in their description. */
function unitless(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(s.getTypeMap()).filter(ours)) {
    if (!isObjectType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type as GraphQLType).name;
      if ((named === 'Int' || named === 'Float') && TIMED.test(field.name) && !UNIT.test(field.description ?? '')) {
        missing.push(`${type.name}.${field.name}`);
      }
    }
  }
  return missing;
}

describe.each([
  ['schema', () => schema],
  ['subgraph schema', () => subgraphSchema()],
])('%s documentation', (_name, get) => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(undocumented(get())).toEqual([]);
  });

  it('states the unit (ms, seconds, days) of every Int/Float duration or time', () => {
    expect(unitless(get())).toEqual([]);
  });
});

describe('the walk itself', () => {
  it('sees the elements it checks (it would notice a missing description)', () => {
    const recording = schema.getType('SessionRecording');
    expect(isObjectType(recording) && Object.keys(recording.getFields())).toContain('recordingDuration');
    expect(['recordingDuration', 'activeSeconds', 'serverTime', 'duration', 'recordingTtl', 'clientTimeOffset'].every((n) => TIMED.test(n))).toBe(true);
    expect(TIMED.test('clickCount')).toBe(false);
    expect(UNIT.test('The length of the recording, in seconds.')).toBe(true);
    expect(UNIT.test('The length of the recording.')).toBe(false);
  });
});
