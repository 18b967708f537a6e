/**
 * The served schema, read through introspection over HTTP, so selection sets cover every field
 * the API has rather than a hand-picked subset.
 */
import type { TestServer } from './server.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

export interface FieldInfo {
  name: string;
  /** The named type under lists and non-nulls. */
  typeName: string;
  typeKind: 'SCALAR' | 'ENUM' | 'OBJECT' | 'UNION' | 'INTERFACE' | 'INPUT_OBJECT' | 'LIST' | 'NON_NULL';
  list: boolean;
  nonNull: boolean;
  requiredArgs: string[];
}

export interface TypeInfo {
  name: string;
  kind: string;
  fields: FieldInfo[];
  enumValues: string[];
  possibleTypes: string[];
  inputFields: FieldInfo[];
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const QUERY = `{ __schema { types {
  name kind
  fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } }
  inputFields { name type { ${TYPE_REF} } }
  enumValues { name }
  possibleTypes { name }
} } }`;

function unwrap(ref: TypeRef): Pick<FieldInfo, 'typeName' | 'typeKind' | 'list' | 'nonNull'> {
  let list = false;
  const nonNull = ref.kind === 'NON_NULL';
  let r: TypeRef = ref;
  while (r.ofType) {
    if (r.kind === 'LIST') list = true;
    r = r.ofType;
  }
  return { typeName: r.name!, typeKind: r.kind as FieldInfo['typeKind'], list, nonNull };
}

export interface SchemaInfo {
  type(name: string): TypeInfo;
  /** Fields of an object type whose value is a scalar or enum and that need no arguments. */
  leafFields(typeName: string): FieldInfo[];
  field(typeName: string, fieldName: string): FieldInfo;
}

export async function introspect(server: TestServer): Promise<SchemaInfo> {
  type RawField = { name: string; type: TypeRef; args?: { name: string; type: TypeRef }[] };
  const data = await server.ok<{
    __schema: {
      types: {
        name: string;
        kind: string;
        fields: RawField[] | null;
        inputFields: RawField[] | null;
        enumValues: { name: string }[] | null;
        possibleTypes: { name: string }[] | null;
      }[];
    };
  }>(QUERY);
  const toField = (f: RawField): FieldInfo => ({
    name: f.name,
    ...unwrap(f.type),
    requiredArgs: (f.args ?? []).filter((a) => a.type.kind === 'NON_NULL').map((a) => a.name),
  });
  const types = new Map<string, TypeInfo>(
    data.__schema.types.map((t) => [
      t.name,
      {
        name: t.name,
        kind: t.kind,
        fields: (t.fields ?? []).map(toField),
        inputFields: (t.inputFields ?? []).map(toField),
        enumValues: (t.enumValues ?? []).map((v) => v.name),
        possibleTypes: (t.possibleTypes ?? []).map((p) => p.name),
      },
    ]),
  );
  const type = (name: string) => {
    const t = types.get(name);
    if (!t) throw new Error(`no type ${name} in the schema`);
    return t;
  };
  return {
    type,
    leafFields: (name) =>
      type(name).fields.filter((f) => (f.typeKind === 'SCALAR' || f.typeKind === 'ENUM') && f.requiredArgs.length === 0),
    field(typeName, fieldName) {
      const f = type(typeName).fields.find((x) => x.name === fieldName);
      if (!f) throw new Error(`${typeName} has no field ${fieldName}`);
      return f;
    },
  };
}

/**
 * Turns an API value of a given type into comparable form: DateTime strings become epoch ms,
 * recursively through objects, lists and unions (by __typename).
 */
export function normalize(schema: SchemaInfo, typeName: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => normalize(schema, typeName, v));
  if (typeName === 'DateTime') {
    const ms = Date.parse(value as string);
    if (Number.isNaN(ms)) throw new Error(`not a DateTime: ${String(value)}`);
    return ms;
  }
  const type = schema.type(typeName);
  if (type.kind === 'UNION' || type.kind === 'INTERFACE') {
    const concrete = (value as { __typename?: string }).__typename;
    if (!concrete) throw new Error(`select __typename on ${typeName}`);
    return normalize(schema, concrete, value);
  }
  if (type.kind !== 'OBJECT') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const f = key === '__typename' ? undefined : type.fields.find((x) => x.name === key);
    // Aliased fields keep their value; callers normalize those themselves.
    out[key] = f ? normalize(schema, f.typeName, v) : v;
  }
  return out;
}
