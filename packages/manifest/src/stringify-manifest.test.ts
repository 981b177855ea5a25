import { describe, expect, it } from 'vitest';
import { manifestSchema } from './manifest-schema';
import { parseManifestText } from './parse-manifest';
import { stringifyManifest } from './stringify-manifest';
import { shopManifest } from './test-fixtures';

describe('stringifyManifest', () => {
  it('writes readable YAML with keys in contract order and short objects on one line', () => {
    const m = manifestSchema.parse(shopManifest());
    expect(stringifyManifest(m, 'yaml')).toBe(`apiVersion: colo/v1
kind: VDC
name: shop
appliances:
  - name: lb
    class: halb
    expose: [ { terminal: in, port: 8080 } ]
  - name: web
    class: web-php
    replicas: 3
    resources: { cpu: 0.5, memory: 256Mi }
    properties:
      workers: 4
  - name: content
    class: nas
  - name: db
    class: postgres
    properties:
      database: shop
connections:
  - { from: lb.out, to: web.in }
  - { from: web.fs, to: content.fs }
  - { from: web.db, to: db.in }
visual:
  lb: { x: 0, y: 0 }
  web: { x: 240, y: 0 }
`);
  });

  it('gives the same text whatever order the keys came in', () => {
    const m = shopManifest();
    const shuffled = {
      visual: { web: { y: 0, x: 240 }, lb: { y: 0, x: 0 } },
      connections: m.connections.map((c) => ({ to: c.to, from: c.from })),
      appliances: m.appliances.map((a) => Object.fromEntries(Object.entries(a).reverse())),
      name: m.name,
      kind: m.kind,
      apiVersion: m.apiVersion,
    };
    const a = manifestSchema.parse(shopManifest());
    const b = manifestSchema.parse(shuffled);
    expect(stringifyManifest(b)).toBe(stringifyManifest(a));
    expect(stringifyManifest(b, 'json')).toBe(stringifyManifest(a, 'json'));
  });

  it('sorts properties and keeps every field of an appliance', () => {
    const m = manifestSchema.parse({
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'full',
      description: 'every field',
      appliances: [
        {
          startAfter: ['db'],
          standby: true,
          expose: [{ port: 8080, terminal: 'in' }],
          properties: { zeta: 'z', alpha: true },
          resources: { memory: 1024, cpu: 1 },
          replicas: 2,
          class: 'web-php@2',
          name: 'web',
        },
      ],
    });
    const yaml = stringifyManifest(m);
    expect(yaml).toContain(`  - name: web
    class: web-php@2
    replicas: 2
    resources: { cpu: 1, memory: 1024 }
    properties:
      alpha: true
      zeta: z
    expose: [ { terminal: in, port: 8080 } ]
    standby: true
    startAfter: [ db ]
`);
    expect(yaml.indexOf('description')).toBeLessThan(yaml.indexOf('appliances'));
  });

  it('quotes strings that would read back as something else', () => {
    const m = manifestSchema.parse({
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'quotes',
      description: 'true',
      appliances: [{ name: 'a', class: 'redis', properties: { n: '42', b: 'yes', s: 'null', c: '# not a comment' } }],
    });
    for (const format of ['yaml', 'json'] as const) {
      expect(parseManifestText(stringifyManifest(m, format)).value).toEqual(m);
    }
  });

  it('writes JSON with two-space indentation and a final newline', () => {
    const json = stringifyManifest(manifestSchema.parse(shopManifest()), 'json');
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(manifestSchema.parse(shopManifest()));
    expect(json.split('\n')[1]).toBe('  "apiVersion": "colo/v1",');
  });

  it('round-trips through parse', () => {
    const m = manifestSchema.parse(shopManifest());
    expect(parseManifestText(stringifyManifest(m)).value).toEqual(m);
  });
});
