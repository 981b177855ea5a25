import { describe, expect, it } from 'vitest';
import { DNS_LABEL } from '@colo/manifest';
import { emptyDoc, manifestToDoc } from '../editor-doc';
import { validateDoc } from '../problems';
import { lampManifest, testCatalog } from '../test-catalog';
import { copyFragment, fragmentFromManifest, insertFragment } from './fragment';

describe('copy and paste', () => {
  const doc = manifestToDoc(lampManifest());

  it('copies the chosen boxes with only the wires among them', () => {
    const clip = copyFragment(doc, ['web', 'db']);
    expect(clip.appliances.map((a) => a.name)).toEqual(['web', 'db']);
    expect(clip.connections).toEqual([{ from: 'web.db', to: 'db.in' }]);
    expect(Object.keys(clip.positions)).toEqual(['web', 'db']);
  });

  it('pastes under fresh names, wired to each other and not to the originals', () => {
    const pasted = insertFragment(doc, copyFragment(doc, ['web', 'db']), { offset: { x: 40, y: 40 } });
    if (!pasted.ok) throw new Error(pasted.reason);
    expect(pasted.names).toEqual(['web-2', 'db-2']);
    expect(pasted.doc.manifest.connections.slice(3)).toEqual([{ from: 'web-2.db', to: 'db-2.in' }]);
    expect(pasted.doc.positions['web-2']).toEqual({ x: 300, y: 160 });
    const copy = pasted.doc.manifest.appliances.find((a) => a.name === 'web-2');
    expect(copy).toMatchObject({ class: 'web-php', replicas: 3, properties: { workers: 4 } });
  });

  it('pasting twice numbers on and every name stays a valid, unique label', () => {
    const clip = copyFragment(doc, ['lb', 'web']);
    const once = insertFragment(doc, clip, { offset: { x: 40, y: 40 } });
    if (!once.ok) throw new Error(once.reason);
    const twice = insertFragment(once.doc, clip, { offset: { x: 80, y: 80 } });
    if (!twice.ok) throw new Error(twice.reason);
    const names = twice.doc.manifest.appliances.map((a) => a.name);
    expect(twice.names).toEqual(['lb-3', 'web-3']);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(DNS_LABEL);
  });

  it('moves a pasted host port to a free one so the copy is not an error', () => {
    const pasted = insertFragment(doc, copyFragment(doc, ['lb']), { offset: { x: 0, y: 200 } });
    if (!pasted.ok) throw new Error(pasted.reason);
    expect(pasted.doc.manifest.appliances.at(-1)?.expose).toEqual([{ terminal: 'in', port: 8081 }]);
    const errors = validateDoc(pasted.doc, testCatalog).errors;
    expect(errors).toEqual([]);
  });

  it('keeps start-order references that still resolve, renaming internal ones', () => {
    const base = manifestToDoc({
      ...lampManifest(),
      appliances: (lampManifest().appliances ?? []).map((a) => (a.name === 'web' ? { ...a, startAfter: ['db', 'content'] } : a)),
    });
    const pasted = insertFragment(base, copyFragment(base, ['web', 'db']), { offset: { x: 0, y: 0 } });
    expect(pasted.ok && pasted.doc.manifest.appliances.at(-2)?.startAfter).toEqual(['db-2', 'content']);
  });

  it('refuses an empty clipboard', () => {
    expect(insertFragment(doc, copyFragment(doc, []), { offset: { x: 0, y: 0 } }).ok).toBe(false);
  });
});

describe('dropping an assembly', () => {
  it('puts its top-left corner at the drop point and keeps its wires', () => {
    const dropped = insertFragment(emptyDoc('shop'), fragmentFromManifest(lampManifest()), { at: { x: 100, y: 100 } });
    if (!dropped.ok) throw new Error(dropped.reason);
    expect(dropped.names).toEqual(['lb', 'web', 'content', 'db']);
    expect(dropped.doc.positions.lb).toEqual({ x: 100, y: 200 });
    expect(dropped.doc.positions.content).toEqual({ x: 640, y: 100 });
    expect(dropped.doc.manifest.connections).toHaveLength(3);
    expect(validateDoc(dropped.doc, testCatalog).errors).toEqual([]);
  });

  it('a second drop of the same assembly gets its own names and port', () => {
    const fragment = fragmentFromManifest(lampManifest());
    const first = insertFragment(emptyDoc('shop'), fragment, { at: { x: 0, y: 0 } });
    if (!first.ok) throw new Error(first.reason);
    const second = insertFragment(first.doc, fragment, { at: { x: 0, y: 400 } });
    if (!second.ok) throw new Error(second.reason);
    expect(second.names).toEqual(['lb-2', 'web-2', 'content-2', 'db-2']);
    expect(validateDoc(second.doc, testCatalog).errors).toEqual([]);
  });
});
