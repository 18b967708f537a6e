/**
 * Argument hoisting as gateways do it (Hive Gateway, Apollo Router): every literal argument of a
 * query becomes a variable `$_v0, $_v1 …` declared with the argument's exact type from the schema,
 * its value sent as JSON. The test client (graphql.ts) runs each query as written and hoisted and
 * compares the answers: the server must answer both the same, on every execution path (issue 12: a
 * filter sent as a variable killed the read worker, and no test wrote arguments as variables).
 *
 * Pure: no I/O; the schema decides the variable types.
 */
import {
  GraphQLError,
  Kind,
  parse,
  print,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { schema as plainSchema, subgraphSchema } from '../../src/graphql/schema.js';

export interface Hoisted {
  query: string;
  variables: Record<string, unknown>;
  /** How many arguments became variables. */
  hoisted: number;
}

/** Why a query is not hoisted (it runs once): the reason, for counting. */
export type NotHoisted = { skipped: 'not a single query' | 'does not parse' | 'no literal argument' };

/** Directives whose arguments may be variables; others (e.g. @defer's label) must stay literal. */
const HOISTABLE_DIRECTIVES = new Set(['include', 'skip']);

function containsVariable(value: ValueNode): boolean {
  let found = false;
  visit(value, {
    Variable() {
      found = true;
    },
  });
  return found;
}

/** `[Foo!]!` as a TypeNode, from the printed type. */
function typeNode(printed: string): TypeNode {
  const op = parse(`query($x: ${printed}) { __typename }`).definitions[0] as OperationDefinitionNode;
  return op.variableDefinitions![0]!.type;
}

/**
 * The schema the query is meant for: the subgraph schema (a superset with `_entities` and
 * `_service`) when the query uses those fields, the plain one otherwise.
 */
export function schemaFor(document: DocumentNode): GraphQLSchema {
  let federated = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '_entities' || node.name.value === '_service') federated = true;
    },
  });
  return federated ? subgraphSchema() : plainSchema;
}

/**
 * The query with every literal argument (of fields anywhere — root, nested, inside fragments — and
 * of @include/@skip) replaced by a fresh variable of the argument's type. Arguments that are
 * variables, or literals with a variable inside (`filter: { country: { eq: $c } }`), stay as they
 * are. Mutations, subscriptions, documents with several operations and unparsable text are not
 * hoisted; neither is an argument whose type the schema does not know (the query is invalid and
 * its validation error is the answer to compare against nothing).
 */
export function hoistArguments(query: string, variables: Record<string, unknown> = {}, schema?: GraphQLSchema): Hoisted | NotHoisted {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return { skipped: 'does not parse' };
    throw error;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'query') return { skipped: 'not a single query' };
  const target = schema ?? schemaFor(document);

  const taken = new Set([...(operations[0]!.variableDefinitions ?? []).map((d) => d.variable.name.value), ...Object.keys(variables)]);
  let counter = 0;
  const nextName = (): string => {
    let name: string;
    do name = `_v${counter++}`;
    while (taken.has(name));
    taken.add(name);
    return name;
  };

  const added: VariableDefinitionNode[] = [];
  const values: Record<string, unknown> = {};
  const typeInfo = new TypeInfo(target);
  let directive: string | undefined;
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive: {
        enter(node) {
          directive = node.name.value;
        },
        leave() {
          directive = undefined;
        },
      },
      VariableDefinition: () => false, // default values stay literal
      Argument(node): ArgumentNode | undefined {
        if (directive !== undefined && !HOISTABLE_DIRECTIVES.has(directive)) return undefined;
        const type = typeInfo.getInputType();
        if (!type || node.value.kind === Kind.VARIABLE || containsVariable(node.value)) return undefined;
        const name = nextName();
        values[name] = valueFromASTUntyped(node.value);
        added.push({ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }, type: typeNode(String(type)) });
        return { ...node, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } } };
      },
    }),
  );
  if (added.length === 0) return { skipped: 'no literal argument' };
  const withDefinitions = visit(rewritten, {
    OperationDefinition(node) {
      return { ...node, variableDefinitions: [...(node.variableDefinitions ?? []), ...added] };
    },
  });
  return { query: print(withDefinitions), variables: { ...variables, ...values }, hoisted: added.length };
}
