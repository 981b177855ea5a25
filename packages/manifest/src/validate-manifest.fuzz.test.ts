// Property tests: no value, however odd, makes validation throw; every problem comes back as
// an issue a person can read; and whatever the validator accepts, the engine's side (resolve,
// boot waves) and the text round trip can handle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forbiddenKeyReason } from './forbidden-keys';
import { canConnect, parseEndpoint } from './graph';
import { containers, endpoints, expectUsable, expectWellFormed, keys, mutate, mutation, value } from './test-arbitraries';
import { fixtureCatalog, shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';

describe('validateManifest never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = validateManifest(input, fixtureCatalog);
        expectWellFormed(result);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JavaScript values, including null prototypes, sparse arrays and bigints', () => {
    const odd = fc.anything({
      withNullPrototype: true,
      withSparseArray: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withBoxedValues: true,
      withTypedArray: true,
    });
    fc.assert(
      fc.property(odd, (input) => expectWellFormed(validateManifest(input, fixtureCatalog))),
      { numRuns: 300 },
    );
  });

  it('on objects that look roughly like manifests', () => {
    const roughly = fc.record(
      {
        apiVersion: fc.constantFrom('colo/v1', 'colo/v2', 1),
        kind: fc.constantFrom('VDC', 'vdc'),
        name: fc.oneof(fc.constantFrom('shop', 'Shop', ''), fc.string()),
        appliances: fc.array(fc.dictionary(keys, value, { maxKeys: 6 }), { maxLength: 5 }),
        connections: fc.array(fc.dictionary(keys, value, { maxKeys: 3 }), { maxLength: 5 }),
        visual: fc.dictionary(fc.string(), value, { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(roughly, fc.constantFrom<'edit' | 'deploy'>('edit', 'deploy'), (input, mode) => {
        const result = validateManifest(input, fixtureCatalog, { mode });
        expectWellFormed(result);
        expectUsable(result);
      }),
      { numRuns: 300 },
    );
  });

  it('on mutations of the SPEC example, and whatever it accepts can be resolved and booted', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom<'edit' | 'deploy'>('edit', 'deploy'), (steps, mode) => {
        const input = mutate(shopManifest(), steps);
        const result = validateManifest(input, fixtureCatalog, { mode, takenPorts: new Map([[8081, 'VDC "blog"']]) });
        expectWellFormed(result);
        expectUsable(result);
        if (result.ok) accepted++;
      }),
      { numRuns: 1000 },
    );
    // The mutations must not all be fatal, or the last property above tests nothing.
    expect(accepted).toBeGreaterThan(10);
  });

  it('reports power keys as refusals wherever they are added', () => {
    const power = fc.constantFrom('privileged', 'cap_add', 'devices', 'network_mode', 'volumes', 'image', 'user', 'pid', 'env');
    fc.assert(
      fc.property(fc.nat(), power, (pick, key) => {
        const input = shopManifest();
        const objects = containers(input).filter((c) => !Array.isArray(c) && c !== input.visual);
        const target = objects[pick % objects.length] as Record<string, unknown>;
        target[key] = true;
        const result = validateManifest(input, fixtureCatalog);
        expect(result.ok).toBe(false);
        const refusal = result.errors.find((e) => e.path.endsWith(key) || e.path.endsWith(`["${key}"]`));
        expect(refusal?.message).toContain(forbiddenKeyReason(key)!);
      }),
      { numRuns: 200 },
    );
  });
});

describe('canConnect never throws', () => {
  it('for any pair of endpoints on an accepted manifest', () => {
    const endpoint = fc.constantFrom(...endpoints);
    const accepted = validateManifest(shopManifest(), fixtureCatalog);
    if (!accepted.ok) throw new Error('the SPEC example must validate');
    fc.assert(
      fc.property(endpoint, endpoint, (from, to) => {
        const fromRef = parseEndpoint(from);
        const toRef = parseEndpoint(to);
        if (!fromRef || !toRef) return;
        const answer = canConnect(accepted.manifest, fixtureCatalog, fromRef, toRef);
        if (!answer.ok) expect(answer.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
