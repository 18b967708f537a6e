/**
 * Which operations graphql-jit can run. graphql-jit (0.8.9, variables.ts `generateInput`) writes
 * the coercion of a variable's input type as inline code, field by field and list by list, with no
 * memory of the types it is already inside: a self-referencing input type (`UserSessionFilter.and:
 * [UserSessionFilter!]`) expands without end. On the main thread that is a stack overflow after
 * seconds; on a worker it grew to 4 GB before the worker died. Such operations go to graphql-js.
 */
import { getNamedType, isInputObjectType, typeFromAST, type GraphQLInputObjectType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

const leadsToCycle = new WeakMap<GraphQLInputObjectType, boolean>();

/** Whether a cycle of input object types can be reached from `type` (itself included). */
export function reachesCycle(type: GraphQLInputObjectType, path = new Set<GraphQLInputObjectType>()): boolean {
  const known = leadsToCycle.get(type);
  if (known !== undefined) return known;
  if (path.has(type)) return true;
  path.add(type);
  const found = Object.values(type.getFields()).some((field) => {
    const named = getNamedType(field.type);
    return isInputObjectType(named) && reachesCycle(named, path);
  });
  path.delete(type);
  // Final even inside a walk: reaching a type on the path means being on a cycle with it.
  leadsToCycle.set(type, found);
  return found;
}

/** Whether any variable of the operation has an input type from which a cycle is reachable. */
export function hasSelfReferencingVariable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => {
    const named = getNamedType(typeFromAST(schema, definition.type as never));
    return isInputObjectType(named) && reachesCycle(named);
  });
}
