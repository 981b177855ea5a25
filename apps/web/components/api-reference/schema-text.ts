// A JSON Schema (as the OpenAPI document carries it) written as a short TypeScript-like type, for
// people reading the API reference: `{ name: string; revision?: number | null }`.
type Schema = Record<string, unknown>;

const PAD = '  ';

function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function isEmpty(schema: Schema): boolean {
  return Object.keys(schema).filter((k) => k !== 'description' && k !== 'default').length === 0;
}

function withDefault(text: string, schema: Schema): string {
  return 'default' in schema ? `${text} = ${JSON.stringify(schema.default)}` : text;
}

function objectText(schema: Schema, depth: number): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const extra = schema.additionalProperties as Schema | boolean | undefined;
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    if (extra && typeof extra === 'object' && !isEmpty(extra)) return `{ [key: string]: ${schemaText(extra, depth)} }`;
    return extra === false ? '{}' : '{ [key: string]: any }';
  }
  const inner = PAD.repeat(depth + 1);
  const lines = keys.map((key) => {
    const property = properties[key];
    const optional = required.has(key) ? '' : '?';
    const note = typeof property.description === 'string' ? `  // ${property.description.replace(/\s+/g, ' ')}` : '';
    return `${inner}${key}${optional}: ${schemaText(property, depth + 1)}${note}`;
  });
  return `{\n${lines.join('\n')}\n${PAD.repeat(depth)}}`;
}

export function schemaText(schema: Schema | undefined, depth = 0): string {
  if (!schema || isEmpty(schema)) return withDefault('any', schema ?? {});
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1) ?? 'any';
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return withDefault(schema.enum.map(literal).join(' | '), schema);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union) return withDefault(union.map((s) => schemaText(s, depth)).join(' | '), schema);
  if (Array.isArray(schema.allOf)) return (schema.allOf as Schema[]).map((s) => schemaText(s, depth)).join(' & ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const text = types
    .map((type) => {
      if (type === 'object') return objectText(schema, depth);
      if (type === 'array') {
        const item = schemaText(schema.items as Schema | undefined, depth);
        return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
      }
      if (type === 'integer') return 'integer';
      return type ?? 'any';
    })
    .join(' | ');
  return withDefault(text, schema);
}
