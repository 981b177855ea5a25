import { describe, expect, it } from 'vitest';
import { validateManifest } from '@colo/manifest';
import { docToManifest, manifestToDoc } from '../editor-doc';
import { lampManifest, testCatalog } from '../test-catalog';
import { renameAppliance } from './rename-appliance';
import { setStartAfter } from './update-appliance';

describe('renameAppliance', () => {
  it('keeps every wire, the position and start orders', () => {
    const base = setStartAfter(manifestToDoc(lampManifest()), 'lb', ['web']);
    if (!base.ok) throw new Error(base.reason);
    const result = renameAppliance(base.doc, 'web', 'frontend');
    if (!result.ok) throw new Error(result.reason);
    const { manifest, positions } = result.doc;
    expect(manifest.connections).toEqual([
      { from: 'lb.out', to: 'frontend.in' },
      { from: 'frontend.fs', to: 'content.fs' },
      { from: 'frontend.db', to: 'db.in' },
    ]);
    expect(positions.frontend).toEqual({ x: 260, y: 120 });
    expect(positions.web).toBeUndefined();
    expect(manifest.appliances[0].startAfter).toEqual(['frontend']);
    expect(validateManifest(docToManifest(result.doc), testCatalog, { mode: 'edit' }).errors).toEqual([]);
  });

  it('does not touch a name that merely starts the same', () => {
    const doc = manifestToDoc({
      ...lampManifest(),
      connections: [{ from: 'web.db', to: 'db.in' }],
    });
    const result = renameAppliance(doc, 'db', 'pg');
    expect(result.ok && result.doc.manifest.connections).toEqual([{ from: 'web.db', to: 'pg.in' }]);
  });

  it('refuses names that are not DNS labels or already taken', () => {
    const doc = manifestToDoc(lampManifest());
    expect(renameAppliance(doc, 'web', 'Web').ok).toBe(false);
    expect(renameAppliance(doc, 'web', 'db')).toEqual({ ok: false, reason: 'an appliance named "db" already exists' });
    expect(renameAppliance(doc, 'ghost', 'x').ok).toBe(false);
  });
});
