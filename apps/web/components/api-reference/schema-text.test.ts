import { jsonSchemaOf } from '@colo/api';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaText } from './schema-text';

describe('schemaText', () => {
  it('writes an object with optional, nullable, defaulted and listed fields as a type', () => {
    const schema = z.looseObject({
      name: z.string(),
      revision: z.number().int().nullish(),
      kind: z.enum(['snapshot', 'stop']).default('stop'),
      tags: z.array(z.union([z.string(), z.number()])),
      extra: z.record(z.string(), z.number()),
    });
    expect(schemaText(jsonSchemaOf(schema))).toBe(
      [
        '{',
        '  name: string',
        '  revision?: integer | null',
        '  kind?: "snapshot" | "stop" = "stop"',
        '  tags: (string | number)[]',
        '  extra: { [key: string]: number }',
        '}',
      ].join('\n'),
    );
  });

  it('names a reference and says any for an empty schema', () => {
    expect(schemaText({ $ref: '#/components/schemas/Error' })).toBe('Error');
    expect(schemaText({})).toBe('any');
  });
});
