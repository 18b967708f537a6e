/**
 * The hoisting the test client applies to every query (test/helpers/hoist.ts): literal arguments
 * anywhere become variables of the argument's exact type, with their JSON values.
 */
import { parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema, subgraphSchema } from '../src/graphql/schema.js';
import { hoistArguments, schemaFor, type Hoisted } from './helpers/hoist.js';

function hoisted(query: string, variables?: Record<string, unknown>): Hoisted {
  const result = hoistArguments(query, variables);
  if ('skipped' in result) throw new Error(`not hoisted: ${result.skipped}`);
  expect(validate(schemaFor(parse(result.query)), parse(result.query)), 'the hoisted query is valid').toEqual([]);
  return result;
}

describe('hoistArguments', () => {
  it('hoists root, nested, fragment and @include arguments with their exact types and JSON values', () => {
    const result = hoisted(`{
      userSessions(first: 2, filter: { country: { eq: "Germany" }, or: [{ userType: { in: [ROBOT] } }] }, orderBy: { field: START_TIME }) {
        nodes { ...F userActions(first: 3) @include(if: true) { name } }
      }
    }
    fragment F on UserSession { property(key: "plan") { __typename } }`);
    expect(result.hoisted).toBe(6);
    expect(result.variables).toEqual({
      _v0: 2,
      _v1: { country: { eq: 'Germany' }, or: [{ userType: { in: ['ROBOT'] } }] },
      _v2: { field: 'START_TIME' },
      _v3: 3,
      _v4: true,
      _v5: 'plan',
    });
    expect(result.query).toContain('query ($_v0: Int, $_v1: UserSessionFilter, $_v2: [UserSessionOrder!], $_v3: Int, $_v4: Boolean!, $_v5: String!)');
    expect(result.query).toContain('fragment F on UserSession {\n  property(key: $_v5)');
  });

  it('keeps existing variables, literals with a variable inside, and avoids their names', () => {
    const result = hoisted('query Q($_v0: Int, $c: String) { userSessions(first: $_v0, filter: { country: { eq: $c } }) { totalCount } person(id: "1") { id } }', {
      _v0: 1,
      c: 'x',
    });
    expect(result.variables).toEqual({ _v0: 1, c: 'x', _v1: '1' });
    expect(print(parse(result.query))).toContain('query Q($_v0: Int, $c: String, $_v1: ID!)');
    expect(result.query).toContain('filter: {country: {eq: $c}}');
  });

  it('leaves mutations, several operations, unparsable text and queries without literals alone', () => {
    expect(hoistArguments('mutation { markRecordingsViewed(ids: ["a"]) { id } }')).toEqual({ skipped: 'not a single query' });
    expect(hoistArguments('query A { __typename } query B { __typename }')).toEqual({ skipped: 'not a single query' });
    expect(hoistArguments('{ userSessions(')).toEqual({ skipped: 'does not parse' });
    expect(hoistArguments('{ userSessions { totalCount } }')).toEqual({ skipped: 'no literal argument' });
  });

  it('types _entities arguments from the subgraph schema', () => {
    const query = '{ _entities(representations: [{ __typename: "Person", id: "1" }]) { __typename } }';
    expect(schemaFor(parse(query))).toBe(subgraphSchema());
    expect(schemaFor(parse('{ __typename }'))).toBe(schema);
    expect(hoisted(query).variables).toEqual({ _v0: [{ __typename: 'Person', id: '1' }] });
  });
});
