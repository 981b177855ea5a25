import { createCatalog, validateAssembly } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { manifestToDoc } from '../editor-doc';
import { validateDoc } from '../problems';
import { lampManifest, testCatalog, testClasses } from '../test-catalog';
import { assemblyFromSelection } from './assembly-from-selection';
import { boundaryCandidates } from './boundary-candidates';
import { replaceWithBox } from './replace-with-box';

describe('saving a selection as an assembly and replacing it by its box', () => {
  const doc = manifestToDoc(lampManifest());
  const selection = ['lb', 'web'];
  const terminals = boundaryCandidates(doc, testCatalog, selection)
    .filter((c) => c.preselected)
    .map((c) => ({ endpoint: c.endpoint, name: c.name }));
  const draft = assemblyFromSelection(doc, selection, { id: 'front', title: 'Front' }, terminals, [
    { target: 'web.workers', name: 'workers', label: 'PHP workers', default: 4 },
  ]);

  it('makes a definition of the interior the server would accept', () => {
    expect(draft.appliances.map((a) => a.name)).toEqual(['lb', 'web']);
    expect(draft.appliances[0].expose).toBeUndefined();
    expect(draft.connections).toEqual([{ from: 'lb.out', to: 'web.in' }]);
    expect(draft.visual).toEqual({ lb: { x: 0, y: 0 }, web: { x: 260, y: 0 } });
    expect(draft.terminals).toEqual([
      { name: 'in', endpoint: 'lb.in' },
      { name: 'db', endpoint: 'web.db' },
      { name: 'fs', endpoint: 'web.fs' },
    ]);
    const verdict = validateAssembly({ ...draft, version: 1 }, testCatalog);
    expect(verdict.errors).toEqual([]);
  });

  it('puts one box where the selection was, rewired and published like the appliances it replaces', () => {
    const def = validateAssembly({ ...draft, version: 1 }, testCatalog);
    if (!def.ok) throw new Error('invalid');
    const catalog = createCatalog(testClasses, {}, [def.definition]);
    const replaced = replaceWithBox(doc, catalog, selection, { classRef: 'front@1', name: 'front', terminals });
    if (!replaced.ok) throw new Error(replaced.reason);
    expect(replaced.name).toBe('front');
    expect(replaced.dropped).toEqual([]);
    const { appliances, connections } = replaced.doc.manifest;
    expect(appliances.map((a) => a.name)).toEqual(['front', 'content', 'db']);
    expect(appliances[0]).toEqual({ name: 'front', class: 'front@1', expose: [{ terminal: 'in', port: 8080 }] });
    expect(connections).toEqual([
      { from: 'front.fs', to: 'content.fs' },
      { from: 'front.db', to: 'db.in' },
    ]);
    expect(Object.keys(replaced.doc.positions).sort()).toEqual(['content', 'db', 'front']);
    // Centred on the old pair: lb at x 0, web at x 260, both 232 wide.
    expect(replaced.doc.positions.front.x).toBe(Math.round((0 + 260 + 232) / 2 - 232 / 2));
    expect(validateDoc(replaced.doc, catalog).errors).toEqual([]);
  });

  it('drops and reports a wire to a terminal that was left off the boundary', () => {
    const replaced = replaceWithBox(doc, testCatalog, selection, {
      classRef: 'front@1',
      name: 'front',
      terminals: terminals.filter((t) => t.endpoint !== 'web.fs'),
    });
    if (!replaced.ok) throw new Error(replaced.reason);
    expect(replaced.dropped).toEqual([{ from: 'web.fs', to: 'content.fs' }]);
    expect(replaced.doc.manifest.connections).toEqual([{ from: 'front.db', to: 'db.in' }]);
  });

  it('moves start orders to the box and takes a fresh name when the id is taken outside', () => {
    const base = lampManifest();
    const withOrder = manifestToDoc({
      ...base,
      appliances: (base.appliances ?? []).map((a) =>
        a.name === 'db' ? { ...a, startAfter: ['web'] } : a.name === 'web' ? { ...a, startAfter: ['content'] } : a,
      ),
    });
    const replaced = replaceWithBox(withOrder, testCatalog, ['web', 'lb'], { classRef: 'db@1', name: 'db', terminals });
    if (!replaced.ok) throw new Error(replaced.reason);
    expect(replaced.name).toBe('db-2');
    const byName = Object.fromEntries(replaced.doc.manifest.appliances.map((a) => [a.name, a]));
    expect(byName['db-2'].startAfter).toEqual(['content']);
    expect(byName.db.startAfter).toEqual(['db-2']);
  });

  it('refuses an empty selection', () => {
    expect(replaceWithBox(doc, testCatalog, [], { classRef: 'x@1', name: 'x', terminals: [] }).ok).toBe(false);
  });
});
