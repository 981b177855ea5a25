import { describe, expect, it } from 'vitest';
import { addAppliance } from './commands/add-appliance';
import { emptyDoc, type EditorDoc } from './editor-doc';
import { freeSpot } from './free-spot';
import { nodeGeometry } from './node-geometry';
import { testCatalog } from './test-catalog';

describe('freeSpot', () => {
  it('is the start point on an empty canvas', () => {
    expect(freeSpot(emptyDoc('shop'), testCatalog, 'nas', { x: 40, y: 40 })).toEqual({ x: 40, y: 40 });
  });

  it('keeps a drop point that overlaps nothing, and moves one that would cover a box', () => {
    const added = addAppliance(emptyDoc('shop'), testCatalog, 'nas', { x: 0, y: 0 });
    if (!added.ok) throw new Error(added.reason);
    expect(freeSpot(added.doc, testCatalog, 'nas', { x: 400, y: 0 }, 4, 0)).toEqual({ x: 400, y: 0 });
    expect(freeSpot(added.doc, testCatalog, 'nas', { x: 10, y: 10 }, 4, 0)).not.toEqual({ x: 10, y: 10 });
  });

  it('never lands on a box already there, however many are added', () => {
    let doc: EditorDoc = emptyDoc('shop');
    for (let i = 0; i < 12; i++) {
      const added = addAppliance(doc, testCatalog, 'web-php', freeSpot(doc, testCatalog, 'web-php', { x: 0, y: 0 }));
      if (!added.ok) throw new Error(added.reason);
      doc = added.doc;
    }
    const size = nodeGeometry(testCatalog.get('web-php'));
    const boxes = Object.values(doc.positions);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + size.width <= b.x || b.x + size.width <= a.x || a.y + size.height <= b.y || b.y + size.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });
});
