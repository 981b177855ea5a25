import { describe, expect, it } from 'vitest';
import { layoutAssembly, NODE } from './assembly-layout';

describe('assembly diagram layout', () => {
  it('puts what an appliance is wired to one column to its right', () => {
    const { nodes } = layoutAssembly({
      appliances: [{ name: 'lb' }, { name: 'web' }, { name: 'db' }, { name: 'files' }],
      connections: [
        { from: 'lb.out', to: 'web.in' },
        { from: 'web.db', to: 'db.in' },
        { from: 'web.fs', to: 'files.fs' },
      ],
    });
    const at = Object.fromEntries(nodes.map((n) => [n.name, n]));
    expect(at.lb.x).toBeLessThan(at.web.x);
    expect(at.web.x).toBeLessThan(at.db.x);
    expect(at.db.x).toBe(at.files.x);
    expect(at.db.y).not.toBe(at.files.y);
  });

  it('keeps saved positions, shifted to the margin, and survives a cycle', () => {
    const saved = layoutAssembly({ appliances: [{ name: 'a' }, { name: 'b' }], connections: [], visual: { a: { x: 500, y: 300 }, b: { x: 800, y: 300 } } });
    expect(saved.nodes).toEqual([
      { name: 'a', x: 24, y: 24 },
      { name: 'b', x: 324, y: 24 },
    ]);
    expect(saved.width).toBe(324 + NODE.width + 24);
    const loop = layoutAssembly({ appliances: [{ name: 'a' }, { name: 'b' }], connections: [{ from: 'a.x', to: 'b.y' }, { from: 'b.x', to: 'a.y' }] });
    expect(loop.nodes).toHaveLength(2);
  });
});
