/** Reading a query's selections: the fields of selection sets, through inline and named fragments. */
import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Every field selected in these sets, fragments spread in (type conditions and @skip/@include
 * are not judged: callers use this for what a query may read, where a superset is safe).
 */
export function selectedFields(sets: readonly (SelectionSetNode | undefined)[], fragments: Record<string, FragmentDefinitionNode | undefined>): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) found.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(fragments[s.name.value]?.selectionSet);
    }
  };
  sets.forEach(visit);
  return found;
}
