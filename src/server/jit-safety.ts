/**
 * Which operations graphql-jit may run. Its variable coercion (0.8.9, variables.ts
 * `generateInput`) writes the coercion of each input object as inline code, and gets input
 * objects wrong in two ways found here:
 * - a self-referencing input type (`UserSessionFilter.and: [UserSessionFilter!]`) expands
 *   without end: a stack overflow after seconds on the main thread, a worker grown to 4 GB;
 * - an input object inside a list loses its fields' defaults (`orderBy: $o` with `[{ field: ID }]`
 *   fails: "direction of required type SortDirection! was not provided").
 * So an operation with a variable of an input object type (at any list depth) runs on graphql-js,
 * which coerces as the main thread does. Variables of scalars and enums, and inline arguments,
 * which graphql-jit reads from the document, stay compiled.
 */
import { getNamedType, isInputObjectType, typeFromAST, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

export function jitCannotCoerce(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => isInputObjectType(getNamedType(typeFromAST(schema, definition.type as never))));
}
