import { describe, expect, it } from 'vitest';
import { HOSTILE_SHAPES, largestHostile } from './hostile-manifests';
import { MAX_ISSUES } from './issue';
import { validateManifestText } from './parse-manifest';
import { fixtureCatalog } from './test-fixtures';
import { validateManifest, type ValidationResult } from './validate-manifest';

// Big enough to break every limit a shape aims at, twice over or more (1000 appliances or visual
// entries take about 32 KiB), small enough for a loaded build machine. The answers do not depend
// on the size past that: bench/validate.ts runs the same shapes at 1 MiB.
const BYTES = 64 * 1024;
/** Shapes that need more: a key and a value each past the 65536-character limit. */
const BYTES_OF: Record<string, number> = { 'long-strings': 160 * 1024 };

function first(result: ValidationResult) {
  expect(result.ok).toBe(false);
  return result.errors[0];
}

function expectCapped(result: ValidationResult) {
  expect(result.errors).toHaveLength(MAX_ISSUES + 1);
  expect(result.errors.at(-1)!.message).toMatch(/^… and \d+ more errors \(only the first 200 are listed\)$/);
}

/** What each shape must be told, whatever the format it came in. */
const expected: Record<string, (result: ValidationResult, format: 'yaml' | 'json') => void> = {
  'visual-keys': (r) => expect(r.errors).toEqual([{ path: 'visual', message: 'must have at most 1000 entries', severity: 'error' }]),
  appliances: (r) => expect(r.errors).toEqual([{ path: 'appliances', message: 'must have at most 1000 items', severity: 'error' }]),
  'unknown-connections': (r) => {
    expect(first(r)).toMatchObject({ path: 'connections[0].from', message: 'unknown appliance "b0" (did you mean "a0"?)', severity: 'error' });
    expectCapped(r);
  },
  'unknown-connections-at-limit': (r) => {
    expect(first(r)).toMatchObject({ path: 'connections[0].from', message: 'unknown appliance "a0x" (did you mean "a0"?)', severity: 'error' });
    expectCapped(r);
  },
  properties: (r) =>
    expect(r.errors).toEqual([{ path: 'appliances[0].properties', message: 'must have at most 100 entries', severity: 'error' }]),
  'properties-at-limit': (r) => {
    expect(first(r)).toMatchObject({
      path: 'appliances[0].properties.wrkers0',
      message: 'class "web-php" has no property "wrkers0" (did you mean "workers"?)',
      severity: 'error',
    });
    expectCapped(r);
  },
  'start-after': (r) => {
    expect(first(r)).toMatchObject({ path: 'appliances[0].startAfter[0]', message: 'unknown appliance "z0" (did you mean "a0"?)', severity: 'error' });
    expectCapped(r);
  },
  'unknown-keys': (r) => expect(r.errors).toEqual([{ path: 'appliances[0]', message: 'must have at most 32 keys', severity: 'error' }]),
  'deep-nesting': (r) => {
    expect(r.errors).toHaveLength(1);
    expect(first(r).message).toMatch(/nested (more than 64 levels deep|too deeply)/);
  },
  'long-strings': (r) => {
    const e = first(r);
    expect(e.path).toMatch(/^appliances\[0\]\.properties\["ke+…"\]$/);
    expect(e.path.length).toBeLessThan(150);
    expect(e.message).toBe('must have at most 65536 characters');
    expect(r.errors.every((x) => x.message.length < 200)).toBe(true);
  },
  'duplicate-keys': (r, format) =>
    expect(r.errors).toEqual([
      { path: '', message: expect.stringMatching(format === 'json' ? /^line 1, column \d+: Map keys must be unique$/ : /^line \d+, column 3: Map keys must be unique$/), severity: 'error' },
    ]),
  'alias-bomb': (r) =>
    expect(r.errors).toEqual([
      { path: '', message: 'the manifest uses YAML aliases too heavily; write the values out instead', severity: 'error' },
    ]),
  'many-issues': (r) => {
    expect(first(r)).toMatchObject({ path: 'appliances[0].replicas', message: 'must be at most 1000', severity: 'error' });
    expectCapped(r);
  },
};

describe('hostile manifests get the right answer', () => {
  it('covers every shape', () => {
    expect(Object.keys(expected).sort()).toEqual(HOSTILE_SHAPES.map((s) => s.name).sort());
  });

  for (const shape of HOSTILE_SHAPES) {
    it(`${shape.name}: ${shape.about}`, () => {
      const bytes = BYTES_OF[shape.name] ?? BYTES;
      for (const format of ['yaml', 'json'] as const) {
        const text = largestHostile(shape, format, bytes);
        if (text === undefined) continue;
        expect(text.bytes).toBeGreaterThan(bytes * 0.9);
        const result = validateManifestText(text.text, fixtureCatalog);
        expected[shape.name](result, format);
        // The API's object path says the same as the text path, except for what only text has.
        if (format === 'json' && !['deep-nesting', 'duplicate-keys'].includes(shape.name)) {
          expect(validateManifest(JSON.parse(text.text), fixtureCatalog)).toEqual(result);
        }
      }
    });
  }
});
