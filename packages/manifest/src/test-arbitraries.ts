// Shared by the property tests: the checks every validation result must pass, and arbitraries
// that produce manifest-shaped input (values, keys and mutations of the SPEC example).
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseMemory } from './class-schema';
import { bootWaves } from './graph';
import type { Issue } from './issue';
import { KEY_ORDER } from './manifest-schema';
import { validateManifestText } from './parse-manifest';
import { resolveManifest } from './resolve';
import type { ResolvedManifest } from './resolved';
import { stringifyManifest } from './stringify-manifest';
import { fixtureCatalog } from './test-fixtures';
import type { ValidationResult } from './validate-manifest';
import { protocolsMatch } from './wire-rules';

export function expectWellFormed(result: ValidationResult): void {
  expect(result.ok).toBe(result.errors.length === 0);
  expect(result.manifest !== undefined).toBe(result.ok);
  const check = (issue: Issue, severity: Issue['severity']) => {
    expect(issue.severity).toBe(severity);
    expect(typeof issue.path).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/\n\s+at |Error:|undefined/);
  };
  for (const issue of result.errors) check(issue, 'error');
  for (const issue of result.warnings) check(issue, 'warning');
}

/** Facts an accepted manifest must have, checked from the resolved form, not by the rules. */
function expectSound(resolved: ResolvedManifest): void {
  const byName = new Map(resolved.appliances.map((a) => [a.name, a]));
  expect(byName.size).toBe(resolved.appliances.length);
  const ports = new Set<number>();
  for (const a of resolved.appliances) {
    const { replicas, resources } = a.class;
    expect(a.replicas).toBeGreaterThanOrEqual(replicas.min);
    expect(a.replicas).toBeLessThanOrEqual(replicas.max);
    expect(a.resources.cpu).toBeGreaterThanOrEqual(resources.cpu.min);
    expect(a.resources.cpu).toBeLessThanOrEqual(resources.cpu.max);
    expect(a.resources.memoryBytes).toBeGreaterThanOrEqual(parseMemory(resources.memory.min));
    expect(a.resources.memoryBytes).toBeLessThanOrEqual(parseMemory(resources.memory.max));
    for (const e of a.expose) {
      expect(ports.has(e.port)).toBe(false);
      ports.add(e.port);
      expect(e.port).toBeGreaterThanOrEqual(1024);
      const input = a.class.terminals.inputs.find((t) => t.name === e.terminal);
      expect(input?.protocol).not.toBe('fs');
    }
    for (const p of a.class.properties) if (p.required) expect(a.properties[p.name]).toBeDefined();
    for (const name of a.startAfter) expect(byName.has(name) && name !== a.name).toBe(true);
  }
  const outputs = new Set<string>();
  for (const c of resolved.connections) {
    const key = `${c.from.appliance}.${c.from.terminal}`;
    expect(outputs.has(key)).toBe(false);
    outputs.add(key);
    expect(c.from.appliance).not.toBe(c.to.appliance);
    const output = byName.get(c.from.appliance)?.class.terminals.outputs.find((t) => t.name === c.from.terminal);
    const input = byName.get(c.to.appliance)?.class.terminals.inputs.find((t) => t.name === c.to.terminal);
    expect(output && input && protocolsMatch(output.protocol, input.protocol)).toBe(true);
  }
}

/** What the engine does with an accepted manifest must not fail either. */
export function expectUsable(result: ValidationResult): void {
  if (!result.ok) return;
  const resolved = resolveManifest(result.manifest, fixtureCatalog);
  expectSound(resolved);
  const waves = bootWaves(resolved);
  expect(waves.flat().sort()).toEqual(resolved.appliances.map((a) => a.name).sort());
  for (const format of ['yaml', 'json'] as const) {
    const again = validateManifestText(stringifyManifest(result.manifest, format), fixtureCatalog, { mode: 'edit' });
    expect(again.errors).toEqual([]);
    expect(again.manifest).toEqual(result.manifest);
  }
}

export const names = ['lb', 'web', 'content', 'db', 'cache', 'Web', 'ghost'];
export const terminals = ['in', 'out', 'db', 'fs', 'http', 'upstream', 'nope'];
const interesting = fc.constantFrom<unknown>(
  ...names,
  ...names.flatMap((n) => terminals.map((t) => `${n}.${t}`)),
  'halb',
  'web-php',
  'web-php@1',
  'web-php@9',
  'postgres',
  'redis',
  'nas',
  'tcp-proxy',
  'app',
  'web-phq',
  0,
  1,
  3,
  -1,
  0.5,
  80,
  8080,
  8081,
  65536,
  Number.MAX_SAFE_INTEGER,
  '256Mi',
  '3Gi',
  '0',
  true,
  false,
  null,
  '',
  [],
  {},
  ['web'],
  ['db', 'lb'],
  [{ terminal: 'in', port: 8081 }],
  [{ terminal: 'fs', port: 8082 }],
  { cpu: 0.5 },
  { memory: '64Mi' },
  { database: 'x' },
  { workers: 100 },
  { password: 'x' },
  { x: 1, y: 2 },
  { from: 'web.db', to: 'db.in' },
  { from: 'lb.out', to: 'lb.in' },
  { name: 'cache', class: 'redis' },
  { name: 'db', class: 'postgres' },
);
export const value = fc.oneof(
  { weight: 4, arbitrary: interesting },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.double() },
);
export const keys = fc.constantFrom(
  ...KEY_ORDER.manifest,
  ...KEY_ORDER.appliance,
  ...KEY_ORDER.resources,
  ...KEY_ORDER.expose,
  ...KEY_ORDER.connection,
  'x',
  'privileged',
  'cap_add',
  'volumes',
  '__proto__',
  'constructor',
  'workers',
  'database',
  'lb',
  '0',
);

export const endpoints = names.flatMap((n) => terminals.map((t) => `${n}.${t}`));
/** Values that are plausible for a key, so mutations probe bounds and not only types. */
const FIELD_VALUES = new Map<string, fc.Arbitrary<unknown>>([
  ['replicas', fc.integer({ min: -1, max: 12 })],
  ['cpu', fc.constantFrom(0.05, 0.1, 0.25, 0.5, 2, 4, 8)],
  ['memory', fc.constantFrom('16Mi', '64Mi', '128Mi', '256Mi', '2Gi', '5Gi', 1024, 134217728)],
  ['port', fc.oneof(fc.integer({ min: 1020, max: 1030 }), fc.constantFrom(8080, 8081, 8082))],
  ['terminal', fc.constantFrom(...terminals)],
  ['class', fc.constantFrom('halb', 'web-php', 'web-php@1', 'nas', 'postgres', 'redis', 'tcp-proxy', 'app')],
  ['name', fc.constantFrom(...names)],
  ['from', fc.constantFrom(...endpoints)],
  ['to', fc.constantFrom(...endpoints)],
  ['startAfter', fc.array(fc.constantFrom(...names), { maxLength: 2 })],
  ['workers', fc.integer({ min: -1, max: 70 })],
  ['database', fc.constantFrom('shop', 'Shop', '', 'a'.repeat(70))],
]);

type Container = Record<string, unknown> | unknown[];
export const mutation = fc
  .record({ op: fc.constantFrom('set', 'set', 'delete', 'push'), pick: fc.nat(), key: keys })
  .chain((step) => {
    const plausible = FIELD_VALUES.get(step.key);
    const v = plausible ? fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: value }) : value;
    return v.map((chosen) => ({ ...step, value: chosen }));
  });

/** Every object and array inside `root`, root first. */
export function containers(root: unknown): Container[] {
  const out: Container[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    out.push(v as Container);
    for (const child of Object.values(v)) walk(child);
  };
  walk(root);
  return out;
}

export function mutate(root: Record<string, unknown>, steps: { op: string; pick: number; key: string; value: unknown }[]) {
  for (const step of steps) {
    const all = containers(root);
    const target = all[step.pick % all.length];
    const existing = Object.keys(target);
    if (Array.isArray(target)) {
      if (step.op === 'push') target.push(structuredClone(step.value));
      else if (step.op === 'delete' && target.length > 0) target.splice(step.pick % target.length, 1);
      else if (target.length > 0) target[step.pick % target.length] = structuredClone(step.value);
      continue;
    }
    if (step.op === 'delete') {
      if (existing.length > 0) delete target[existing[step.pick % existing.length]];
    } else {
      // defineProperty, so "__proto__" becomes an own key as JSON.parse and yaml make it.
      const descriptor = { value: structuredClone(step.value), enumerable: true, writable: true, configurable: true };
      Object.defineProperty(target, step.key, descriptor);
    }
  }
  return root;
}
