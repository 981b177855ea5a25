import { describe, expect, it } from 'vitest';
import { isPropertyValue, manifestSchema, propertyValueSchema } from './manifest-schema';
import { shopManifest } from './test-fixtures';

function messages(input: unknown): { path: string; message: string }[] {
  const result = manifestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('manifestSchema', () => {
  it('accepts the SPEC example and fills in empty connections', () => {
    const parsed = manifestSchema.parse(shopManifest());
    expect(parsed.appliances).toHaveLength(4);
    const minimal = manifestSchema.parse({ apiVersion: 'colo/v1', kind: 'VDC', name: 'empty' });
    expect(minimal.appliances).toEqual([]);
    expect(minimal.connections).toEqual([]);
    expect(minimal.visual).toBeUndefined();
  });

  it('keeps optional appliance fields absent rather than inventing defaults', () => {
    const parsed = manifestSchema.parse(shopManifest());
    expect(parsed.appliances[2]).toEqual({ name: 'content', class: 'nas' });
  });

  it('pins the apiVersion and kind', () => {
    expect(messages({ ...shopManifest(), apiVersion: 'colo/v2' })).toEqual([
      { path: 'apiVersion', message: 'must be "colo/v1"' },
    ]);
    expect(messages({ ...shopManifest(), kind: 'Vdc' })).toEqual([{ path: 'kind', message: 'must be "VDC"' }]);
  });

  it('rejects unknown keys at every level', () => {
    const m = shopManifest();
    m.appliances[1].resources = { cpu: 1, gpu: 1 };
    m.connections[0].via = 'x';
    m.visual.lb = { x: 0, y: 0, z: 1 };
    (m as Record<string, unknown>).extra = true;
    const paths = messages(m).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['appliances.1.resources', 'connections.0', 'visual.lb', '']));
  });

  it('explains power keys even when the schema is used directly', () => {
    const m = shopManifest();
    m.appliances[0].privileged = true;
    m.appliances[0].replica = 2;
    const [issue] = messages(m);
    expect(issue.path).toBe('appliances.0');
    expect(issue.message).toContain('"privileged" is not allowed: Colo never runs privileged containers');
    expect(issue.message).toContain('unknown key "replica" (did you mean "replicas"?)');
  });

  it('checks the shape of names, class refs, endpoints and memory', () => {
    const m = shopManifest();
    m.appliances[0].name = 'LB';
    m.appliances[1].class = 'web-php@latest';
    m.appliances[1].resources = { memory: '256MB' };
    m.connections[0].from = 'lb';
    const paths = messages(m).map((i) => i.path);
    expect(paths).toEqual(['appliances.0.name', 'appliances.1.class', 'appliances.1.resources.memory', 'connections.0.from']);
  });

  it('accepts class pins and memory as bytes', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-php@1';
    m.appliances[1].resources = { cpu: 0.25, memory: 268435456 };
    expect(messages(m)).toEqual([]);
  });
});

describe('isPropertyValue', () => {
  it('accepts exactly what the property value schema accepts', () => {
    const samples = ['', 'x', 'x'.repeat(65536), 'x'.repeat(65537), 0, -1.5, 1e308, Number.NaN, Infinity, -Infinity, true, false, null, undefined, [], {}, [1], { a: 1 }];
    for (const value of samples) expect(isPropertyValue(value), String(value).slice(0, 20)).toBe(propertyValueSchema.safeParse(value).success);
  });
});
