import { describe, expect, it } from 'vitest';
import { manifestToDoc } from '../editor-doc';
import { lampManifest } from '../test-catalog';
import { removeItems } from './remove-items';
import { setStartAfter } from './update-appliance';

describe('removeItems', () => {
  it('removes appliances with their wires, positions and start-order references', () => {
    const withOrder = setStartAfter(manifestToDoc(lampManifest()), 'lb', ['db', 'content']);
    if (!withOrder.ok) throw new Error(withOrder.reason);
    const result = removeItems(withOrder.doc, { appliances: ['db'] });
    if (!result.ok) throw new Error(result.reason);
    const { manifest, positions } = result.doc;
    expect(manifest.appliances.map((a) => a.name)).toEqual(['lb', 'web', 'content']);
    expect(manifest.connections).toEqual([
      { from: 'lb.out', to: 'web.in' },
      { from: 'web.fs', to: 'content.fs' },
    ]);
    expect(positions.db).toBeUndefined();
    expect(manifest.appliances[0].startAfter).toEqual(['content']);
  });

  it('removes wires alone, keeping the boxes', () => {
    const result = removeItems(manifestToDoc(lampManifest()), { connections: [{ from: 'web.db', to: 'db.in' }] });
    expect(result.ok && result.doc.manifest.appliances).toHaveLength(4);
    expect(result.ok && result.doc.manifest.connections).toHaveLength(2);
  });

  it('drops a startAfter list that empties', () => {
    const withOrder = setStartAfter(manifestToDoc(lampManifest()), 'lb', ['db']);
    if (!withOrder.ok) throw new Error(withOrder.reason);
    const result = removeItems(withOrder.doc, { appliances: ['db'] });
    expect(result.ok && 'startAfter' in result.doc.manifest.appliances[0]).toBe(false);
  });
});
