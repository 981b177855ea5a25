import { describe, expect, it } from 'vitest';
import { emptyDoc, manifestToDoc } from './editor-doc';
import { autoLayout, layoutGraph } from './layout';
import { nodeGeometry } from './node-geometry';
import { lampManifest, testCatalog } from './test-catalog';

const lamp = () => manifestToDoc({ ...lampManifest(), visual: undefined });

describe('autoLayout', () => {
  it('places every appliance, clients left of the servers they use', async () => {
    const at = await autoLayout(lamp(), testCatalog);
    expect(Object.keys(at).sort()).toEqual(['content', 'db', 'lb', 'web']);
    expect(at.lb.x).toBeLessThan(at.web.x);
    expect(at.web.x).toBeLessThan(at.db.x);
    expect(at.web.x).toBeLessThan(at.content.x);
  });

  it('overlaps no two boxes', async () => {
    const doc = lamp();
    const at = await autoLayout(doc, testCatalog);
    const boxes = doc.manifest.appliances.map((a) => ({ ...at[a.name], ...nodeGeometry(testCatalog.get(a.class)) }));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('gives the same answer twice', async () => {
    expect(await autoLayout(lamp(), testCatalog)).toEqual(await autoLayout(lamp(), testCatalog));
  });

  it('has nothing to do for an empty drawing', async () => {
    expect(await autoLayout(emptyDoc('shop'), testCatalog)).toEqual({});
  });

  it('hands ELK inputs on the west side and outputs on the east, where the canvas draws them', () => {
    const graph = layoutGraph(lamp(), testCatalog);
    const web = graph.children?.find((c) => c.id === 'web');
    const sides = web?.ports?.map((p) => [p.id, p.layoutOptions?.['elk.port.side'], p.x]);
    expect(sides).toEqual([
      ['web::in:in', 'WEST', 0],
      ['web::out:db', 'EAST', nodeGeometry(testCatalog.get('web-php')).width],
      ['web::out:fs', 'EAST', nodeGeometry(testCatalog.get('web-php')).width],
    ]);
    expect(graph.edges?.[0]).toMatchObject({ sources: ['lb::out:out'], targets: ['web::in:in'] });
  });
});
