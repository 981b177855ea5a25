// Smoke test of bench/validate: every hostile shape runs through the bench's own measuring code
// (small, one round) and gets a verdict. Timing is the bench's business, not this test's.
import { loadCatalog } from '@colo/catalog';
import { HOSTILE_SHAPES } from '@colo/manifest/testing';
import { expect, it } from 'vitest';
import { jsonParseBaseline, measureShape } from './validation-cost';

it('measures every hostile shape, each form with the same verdict', async () => {
  const { catalog } = await loadCatalog();
  expect(jsonParseBaseline(32 * 1024, 1)).toBeGreaterThan(0);
  for (const shape of HOSTILE_SHAPES) {
    const cost = measureShape(shape, catalog, 1, 32 * 1024);
    expect(cost.bytes, shape.name).toBeLessThanOrEqual(32 * 1024);
    expect(cost.yamlParse, shape.name).toBeGreaterThan(0);
    // Every form of a shape gets the same verdict (the unit tests check which, at full size).
    expect(cost.verdict, shape.name).not.toBe('');
    expect(new Set(cost.results.map((r) => r.ok)).size, shape.name).toBe(1);
  }
}, 300_000);
