import { describe, expect, it } from 'vitest';
import { assemblyDefinitionSchema } from './assembly-schema';
import { expandAssemblies } from './expand-assemblies';
import { createCatalog } from './memory-catalog';
import { failoverGroups, parseNodeSelector, placementNotes } from './placement';
import { resolveManifest } from './resolve';
import { stringifyManifest } from './stringify-manifest';
import { parseManifestText } from './parse-manifest';
import { fixtureCatalog, fixtureClasses, messagesAt, shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';

const validate = (m: unknown) => validateManifest(m, fixtureCatalog);

function placed() {
  const m = shopManifest();
  m.appliances[1].placement = { group: 'front' };
  m.appliances[0].placement = { group: 'front', node: 'label:zone=a' };
  m.appliances[3].placement = { node: 'node-2.example' };
  m.appliances[0].expose = [{ terminal: 'in', port: 8080, node: 'edge-1' }];
  return m;
}

describe('node selectors', () => {
  it('read a hostname or label:key=value', () => {
    expect(parseNodeSelector('node-2.example')).toEqual({ kind: 'hostname', hostname: 'node-2.example' });
    expect(parseNodeSelector('label:zone=eu-1')).toEqual({ kind: 'label', key: 'zone', value: 'eu-1' });
    expect(parseNodeSelector('label:colo.disk=ssd')).toEqual({ kind: 'label', key: 'colo.disk', value: 'ssd' });
    for (const bad of ['', 'node 2', '-node', 'label:zone', 'label:=a', 'label:zone=', 'label:zone=a b', 'label:zone=a=b', 'node_2']) {
      expect(parseNodeSelector(bad), bad).toBeUndefined();
    }
  });
});

describe('placement in the manifest', () => {
  it('accepts group and node per appliance and node per expose entry, and resolves them', () => {
    const result = validate(placed());
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const resolved = resolveManifest(result.manifest!, fixtureCatalog);
    expect(resolved.appliances.map((a) => a.placement)).toEqual([{ group: 'front', node: 'label:zone=a' }, { group: 'front' }, undefined, { node: 'node-2.example' }]);
    expect(resolved.appliances[0]!.expose).toEqual([{ terminal: 'in', port: 8080, node: 'edge-1' }]);
    expect(resolved.appliances[1]!.expose).toEqual([]);
  });

  it('names the field of a bad value, and the keys it knows', () => {
    const m = shopManifest();
    m.appliances[1].placement = { group: 'Front Row', node: 'label:zone' };
    m.appliances[3].placement = { grup: 'x' };
    m.appliances[0].expose = [{ terminal: 'in', port: 8080, node: 'two words' }];
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].placement.group')[0]).toMatch(/group name: lowercase/);
    expect(messagesAt(result, 'appliances[1].placement.node')).toEqual(['must be "label:key=value": a key of letters, digits, ".", "_" or "-", and a value without spaces or "="']);
    expect(messagesAt(result, 'appliances[3].placement.grup')).toEqual(['unknown key "grup" (did you mean "group"?)']);
    expect(messagesAt(result, 'appliances[0].expose[0].node')[0]).toMatch(/node hostname/);
    expect(result.ok).toBe(false);
  });

  it('warns about a group of one appliance, naming it', () => {
    const m = shopManifest();
    m.appliances[3].placement = { group: 'alone' };
    const result = validate(m);
    expect(result.ok).toBe(true);
    expect(messagesAt(result, 'appliances[3].placement.group', 'warning')).toEqual([
      'failover group "alone" has only db: its own replicas are kept apart without a group; give the group to another appliance too',
    ]);
  });

  it('round-trips through YAML and JSON in canonical order', () => {
    const text = stringifyManifest(placed() as never);
    expect(text).toContain('placement: { group: front, node: label:zone=a }');
    expect(text).toContain('expose: [ { terminal: in, port: 8080, node: edge-1 } ]');
    const back = parseManifestText(text);
    expect(back.errors).toEqual([]);
    expect(validate(back.value).manifest).toEqual(validate(placed()).manifest);
    expect(stringifyManifest(validate(back.value).manifest!)).toBe(text);
    const json = JSON.parse(stringifyManifest(placed() as never, 'json'));
    expect(json.appliances[0].placement).toEqual({ group: 'front', node: 'label:zone=a' });
  });

  it('lists failover groups of two or more, and single-host notes', () => {
    const m = validate(placed()).manifest!;
    expect([...failoverGroups(m)]).toEqual([['front', ['lb', 'web']]]);
    expect(placementNotes(m)).toEqual([
      'lb: failover group "front" applies on a swarm only; this host runs everything',
      'lb: node "label:zone=a" applies on a swarm only; this host runs everything',
      'lb.in: published on this host; node "edge-1" applies on a swarm only',
      'web: failover group "front" applies on a swarm only; this host runs everything',
      'db: node "node-2.example" applies on a swarm only; this host runs everything',
    ]);
    expect(placementNotes(shopManifest() as never)).toEqual([]);
  });
});

describe('placement and assemblies', () => {
  const pair = assemblyDefinitionSchema.parse({
    apiVersion: 'colo/v1',
    kind: 'Assembly',
    id: 'pair',
    version: 1,
    title: 'Pair',
    appliances: [
      { name: 'a', class: 'postgres', properties: { database: 'a' }, placement: { group: 'ha', node: 'label:disk=ssd' } },
      { name: 'b', class: 'postgres', properties: { database: 'b' }, placement: { group: 'ha' } },
    ],
    connections: [],
    terminals: [{ name: 'sql', endpoint: 'a.in' }],
  });
  const catalog = createCatalog(fixtureClasses, {}, [pair]);
  const site = (box: Record<string, unknown>) => ({ apiVersion: 'colo/v1', kind: 'VDC', name: 'site', appliances: [box, { name: 'two', class: 'pair' }], connections: [] });

  it('is refused on an assembly box (it has no containers of its own)', () => {
    const bad = validateManifest(site({ name: 'one', class: 'pair', placement: { group: 'x' } }), catalog);
    expect(messagesAt(bad, 'appliances[0].placement')).toEqual(['an assembly has no placement of its own; set it on the appliances inside assembly "pair"']);
  });

  it('inside an assembly, each instance keeps its own group; the box publishes on its expose node', () => {
    const ok = validateManifest(site({ name: 'one', class: 'pair', expose: [{ terminal: 'sql', port: 15432, node: 'edge-1' }] }), catalog);
    expect(ok.errors).toEqual([]);
    const expanded = expandAssemblies(ok.manifest!, catalog);
    if (!expanded.ok) throw new Error('expansion failed');
    expect(expanded.manifest.appliances.map((a) => [a.name, a.placement?.group, a.placement?.node])).toEqual([
      ['one-a', 'one-ha', 'label:disk=ssd'],
      ['one-b', 'one-ha', undefined],
      ['two-a', 'two-ha', 'label:disk=ssd'],
      ['two-b', 'two-ha', undefined],
    ]);
    expect(expanded.manifest.appliances[0]!.expose).toEqual([{ terminal: 'in', port: 15432, node: 'edge-1' }]);
    expect(validateManifest(expanded.manifest, catalog).errors).toEqual([]);
  });
});
