import { describe, expect, it } from 'vitest';
import { bootWaves, canConnect, formatEndpoint, parseEndpoint } from './graph';
import { manifestSchema } from './manifest-schema';
import { resolveManifest } from './resolve';
import { fixtureCatalog, shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';

const ref = (text: string) => parseEndpoint(text)!;

describe('parseEndpoint', () => {
  it('splits appliance.terminal', () => {
    expect(parseEndpoint('web.db')).toEqual({ appliance: 'web', terminal: 'db' });
    expect(formatEndpoint({ appliance: 'web', terminal: 'db' })).toBe('web.db');
  });

  it('answers undefined for anything else', () => {
    for (const bad of ['web', 'web.', '.db', 'a.b.c', 'Web.db', 'web.d b', '']) expect(parseEndpoint(bad)).toBeUndefined();
  });
});

describe('canConnect', () => {
  const base = () => {
    const m = shopManifest();
    m.connections = [];
    m.appliances.push({ name: 'cache', class: 'redis' }, { name: 'proxy', class: 'tcp-proxy' });
    return manifestSchema.parse(m);
  };

  it('allows a wire the validator would accept', () => {
    expect(canConnect(base(), fixtureCatalog, ref('web.db'), ref('db.in'))).toEqual({ ok: true });
    expect(canConnect(base(), fixtureCatalog, ref('web.fs'), ref('content.fs'))).toEqual({ ok: true });
    expect(canConnect(base(), fixtureCatalog, ref('proxy.out'), ref('cache.in'))).toEqual({ ok: true });
  });

  it('refuses with the validator\'s own reasons', () => {
    const m = base();
    expect(canConnect(m, fixtureCatalog, ref('web.db'), ref('cache.in'))).toEqual({
      ok: false,
      reason: 'protocols do not match: web.db speaks pgsql, cache.in speaks redis',
    });
    expect(canConnect(m, fixtureCatalog, ref('db.in'), ref('web.in'))).toEqual({
      ok: false,
      reason: '"db.in" is an input; a connection starts at an output',
    });
    expect(canConnect(m, fixtureCatalog, ref('lb.out'), ref('web.db'))).toEqual({
      ok: false,
      reason: '"web.db" is an output; a connection ends at an input',
    });
    expect(canConnect(m, fixtureCatalog, ref('proxy.out'), ref('proxy.in'))).toEqual({
      ok: false,
      reason: '"proxy" cannot be connected to itself',
    });
    expect(canConnect(m, fixtureCatalog, ref('ghost.out'), ref('web.in'))).toEqual({
      ok: false,
      reason: 'unknown appliance "ghost"',
    });
    expect(canConnect(m, fixtureCatalog, ref('web.dbx'), ref('db.in'))).toEqual({
      ok: false,
      reason: 'class "web-php" has no output "dbx" (did you mean "db"?)',
    });
    expect(canConnect(m, fixtureCatalog, ref('proxy.out'), ref('content.fs'))).toEqual({
      ok: false,
      reason: 'protocols do not match: proxy.out speaks any, content.fs speaks fs',
    });
  });

  it('refuses a second wire from one output', () => {
    const m = base();
    m.connections.push({ from: 'web.db', to: 'db.in' });
    expect(canConnect(m, fixtureCatalog, ref('web.db'), ref('db.in'))).toEqual({
      ok: false,
      reason: 'output "web.db" is already connected to db.in; an output connects to exactly one input',
    });
  });

  it('refuses a wire that would close a boot-order cycle', () => {
    const m = base();
    m.appliances[3].startAfter = ['web'];
    expect(canConnect(m, fixtureCatalog, ref('web.db'), ref('db.in'))).toEqual({
      ok: false,
      reason: 'boot order would have a cycle: "db" already starts after "web"',
    });
  });

  it('refuses a wire that would make a host name ambiguous', () => {
    const m = base();
    m.appliances.push({ name: 'edge', class: 'halb' }, { name: 'lb', class: 'halb' });
    m.connections.push({ from: 'edge.out', to: 'lb.in' });
    const answer = canConnect(m, fixtureCatalog, ref('lb.out'), ref('web.in'));
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.reason).toMatch(/^host name "out" would be ambiguous inside "lb"/);
  });

  it('agrees with the validator on every pair of terminals in the example', () => {
    const m = base();
    const terminals = m.appliances.flatMap((a) => {
      const cls = fixtureCatalog.get(a.class)!;
      return [...cls.terminals.inputs, ...cls.terminals.outputs].map((t) => `${a.name}.${t.name}`);
    });
    for (const from of terminals) {
      for (const to of terminals) {
        const answer = canConnect(m, fixtureCatalog, ref(from), ref(to));
        const withWire = { ...m, connections: [{ from, to }] };
        const result = validateManifest(withWire, fixtureCatalog, { mode: 'edit' });
        const wireErrors = result.errors.filter((e) => e.path.startsWith('connections'));
        expect(answer.ok, `${from} → ${to}`).toBe(wireErrors.length === 0);
      }
    }
  });
});

describe('bootWaves', () => {
  it('starts servers before their clients and groups independent appliances', () => {
    const resolved = resolveManifest(manifestSchema.parse(shopManifest()), fixtureCatalog);
    expect(bootWaves(resolved)).toEqual([['content', 'db'], ['web'], ['lb']]);
  });

  it('respects startAfter', () => {
    const m = shopManifest();
    m.appliances[3].startAfter = ['content'];
    const resolved = resolveManifest(manifestSchema.parse(m), fixtureCatalog);
    expect(bootWaves(resolved)).toEqual([['content'], ['db'], ['web'], ['lb']]);
  });

  it('puts unconnected appliances in the first wave, in manifest order', () => {
    const m = { ...shopManifest(), connections: [] };
    const resolved = resolveManifest(manifestSchema.parse(m), fixtureCatalog);
    expect(bootWaves(resolved)).toEqual([['lb', 'web', 'content', 'db']]);
  });

  it('throws on a cycle: validation should have refused it', () => {
    const m = shopManifest();
    m.appliances[3].startAfter = ['web'];
    const resolved = resolveManifest(manifestSchema.parse(m), fixtureCatalog);
    expect(() => bootWaves(resolved)).toThrow(/cycle/);
  });
});
