// fast-check arbitraries for the round-trip tests: manifests the validator accepts in edit mode,
// with every optional setting sometimes present, odd text where text is free, and wires drawn
// the way the canvas draws them (only those canConnect allows).
import {
  type Appliance,
  type ApplianceClass,
  type Catalog,
  type ClassProperty,
  canConnect,
  type Manifest,
  type ManifestPropertyValue,
  parseEndpoint,
  parseMemory,
  validateManifest,
} from '@colo/manifest';
import fc from 'fast-check';
import { testCatalog, testClasses } from './test-catalog';

const NAMES = ['lb', 'web', 'web-2', 'db', 'content', 'cache', 'api', 'a', 'edge-1', 'x9', 'front-end', 'store'];

// Built once per property, not per drawn appliance (appliances are drawn inside a chain): building
// fc.stringMatching for a pattern costs far more than drawing from it.
const propertyValues = new WeakMap<ClassProperty, fc.Arbitrary<ManifestPropertyValue>>();

function propertyValue(prop: ClassProperty): fc.Arbitrary<ManifestPropertyValue> {
  let arbitrary = propertyValues.get(prop);
  if (!arbitrary) {
    arbitrary = newPropertyValue(prop);
    propertyValues.set(prop, arbitrary);
  }
  return arbitrary;
}

function newPropertyValue(prop: ClassProperty): fc.Arbitrary<ManifestPropertyValue> {
  switch (prop.type) {
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(prop.values ?? ['x']));
    case 'integer':
      return fc.integer({ min: prop.min ?? -1000, max: prop.max ?? 1000 });
    case 'number':
      return fc.double({ min: prop.min ?? -1000, max: prop.max ?? 1000, noNaN: true });
    case 'string':
      return prop.pattern ? fc.stringMatching(new RegExp(prop.pattern)) : fc.string({ maxLength: 20 });
  }
}

function applianceArbitrary(cls: ApplianceClass, name: string): fc.Arbitrary<Appliance> {
  const { replicas, resources } = cls;
  const memoryMiB = [Math.ceil(parseMemory(resources.memory.min) / 2 ** 20), Math.floor(parseMemory(resources.memory.max) / 2 ** 20)];
  const properties = Object.fromEntries(cls.properties.map((p) => [p.name, propertyValue(p)]));
  const exposable = cls.terminals.inputs.filter((t) => t.protocol !== 'fs').map((t) => t.name);
  return fc
    .record(
      {
        replicas: fc.integer({ min: replicas.min, max: replicas.max }),
        resources: fc.record(
          {
            cpu: fc.integer({ min: Math.ceil(resources.cpu.min * 100), max: Math.floor(resources.cpu.max * 100) }).map((n) => n / 100),
            memory: fc.integer({ min: memoryMiB[0], max: memoryMiB[1] }).map((n) => `${n}Mi`),
          },
          { requiredKeys: [] },
        ),
        properties: fc.record(properties, { requiredKeys: [] }),
        expose: fc.subarray(exposable, { minLength: 1 }).map((terminals) => terminals.map((terminal) => ({ terminal, port: 0 }))),
        standby: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    // fc.record leaves optional keys out (never undefined), which is what Appliance means.
    .map((settings) => ({ name, class: cls.id, ...settings }) as Appliance);
}

/** Wires in the order given, each kept only if the canvas would allow it at that point. */
function drawWires(manifest: Manifest, catalog: Catalog, attempts: [string, string][]): Manifest {
  for (const [from, to] of attempts) {
    const a = parseEndpoint(from);
    const b = parseEndpoint(to);
    if (a && b && canConnect(manifest, catalog, a, b).ok) manifest.connections.push({ from, to });
  }
  return manifest;
}

/** Start orders kept only while the manifest stays valid (no boot cycles). */
function addStartOrders(manifest: Manifest, catalog: Catalog, orders: [number, number][]): Manifest {
  for (const [i, j] of orders) {
    const a = manifest.appliances[i % manifest.appliances.length];
    const b = manifest.appliances[j % manifest.appliances.length];
    if (a === b || a.startAfter?.includes(b.name)) continue;
    const before = a.startAfter;
    a.startAfter = [...(before ?? []), b.name];
    if (!validateManifest(manifest, catalog, { mode: 'edit' }).ok) {
      if (before) a.startAfter = before;
      else delete a.startAfter;
    }
  }
  return manifest;
}

function endpoints(appliances: Appliance[], kind: 'inputs' | 'outputs'): string[] {
  return appliances.flatMap((a) => (testCatalog.get(a.class)?.terminals[kind] ?? []).map((t) => `${a.name}.${t.name}`));
}

/** Valid (edit-mode) manifests over the test catalog. */
export const validManifest: fc.Arbitrary<Manifest> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { maxLength: 7 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map((name) => fc.constantFrom(...testClasses).chain((cls) => applianceArbitrary(cls, name)))),
      fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: undefined }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      fc.array(fc.option(fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) })), {
        minLength: names.length,
        maxLength: names.length,
      }),
    ),
  )
  .map(([appliances, description, wirePicks, orderPicks, places]) => {
    let port = 8080;
    for (const a of appliances) for (const e of a.expose ?? []) e.port = port++;
    const manifest: Manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances, connections: [] };
    if (description !== undefined) manifest.description = description;
    const outs = endpoints(appliances, 'outputs');
    const ins = endpoints(appliances, 'inputs');
    if (outs.length > 0 && ins.length > 0) {
      drawWires(manifest, testCatalog, wirePicks.map(([i, j]) => [outs[i % outs.length], ins[j % ins.length]]));
    }
    if (appliances.length > 1) addStartOrders(manifest, testCatalog, orderPicks);
    const visual = Object.fromEntries(appliances.flatMap((a, i) => (places[i] ? [[a.name, places[i]]] : [])));
    if (Object.keys(visual).length > 0) manifest.visual = visual;
    return manifest;
  });
