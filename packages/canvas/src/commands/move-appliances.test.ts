import { describe, expect, it } from 'vitest';
import { manifestToDoc } from '../editor-doc';
import { lampManifest } from '../test-catalog';
import { moveAppliances } from './move-appliances';

describe('moveAppliances', () => {
  const doc = manifestToDoc(lampManifest());

  it('moves to whole pixels and shares the manifest', () => {
    const moved = moveAppliances(doc, { web: { x: 300.4, y: 99.5 } });
    expect(moved.positions.web).toEqual({ x: 300, y: 100 });
    expect(moved.manifest).toBe(doc.manifest);
  });

  it('returns the same document when nothing moved, so history records nothing', () => {
    expect(moveAppliances(doc, { web: { x: 260, y: 120 } })).toBe(doc);
    expect(moveAppliances(doc, { ghost: { x: 1, y: 1 } })).toBe(doc);
  });
});
