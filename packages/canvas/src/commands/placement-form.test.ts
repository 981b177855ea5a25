import { validateManifest } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { type EditorDoc, docToManifest, findAppliance, manifestToDoc } from '../editor-doc';
import { lampManifest, testCatalog } from '../test-catalog';
import type { Edit } from './edit';
import { placementForm, placementFromForm, setExposeNode, setPlacement } from './placement-form';

function ok(edit: Edit): EditorDoc {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.doc;
}

describe('the Placement form', () => {
  it('maps inputs to placement: trimmed, an empty input left out, both empty removes the key', () => {
    expect(placementFromForm({ group: ' front ', node: '' })).toEqual({ group: 'front' });
    expect(placementFromForm({ group: '', node: 'label:zone=a' })).toEqual({ node: 'label:zone=a' });
    expect(placementFromForm({ group: '  ', node: ' ' })).toBeUndefined();
    expect(placementForm({})).toEqual({ group: '', node: '' });
    expect(placementForm({ placement: { node: 'n2' } })).toEqual({ group: '', node: 'n2' });
  });

  it('writes the appliance, and clears it again', () => {
    const doc = manifestToDoc(lampManifest());
    const placed = ok(setPlacement(doc, 'web', { group: 'front', node: 'n2' }));
    expect(findAppliance(placed, 'web')?.placement).toEqual({ group: 'front', node: 'n2' });
    expect(placementForm(findAppliance(placed, 'web')!)).toEqual({ group: 'front', node: 'n2' });
    const cleared = ok(setPlacement(placed, 'web', { group: '', node: '' }));
    expect('placement' in findAppliance(cleared, 'web')!).toBe(false);
    expect(setPlacement(doc, 'nope', { group: 'x', node: '' }).ok).toBe(false);
  });

  it('keeps what is typed, so the validator names the field', () => {
    const doc = ok(setPlacement(manifestToDoc(lampManifest()), 'web', { group: 'Front Row', node: '' }));
    const result = validateManifest(docToManifest(doc), testCatalog, { mode: 'edit' });
    const index = (docToManifest(doc).appliances ?? []).findIndex((a) => a.name === 'web');
    expect(result.errors.map((e) => e.path)).toContain(`appliances[${index}].placement.group`);
  });

  it('sets and clears the node of a published port', () => {
    const doc = manifestToDoc(lampManifest());
    const published = (lampManifest().appliances ?? []).find((a) => (a.expose ?? []).length > 0)!;
    const terminal = published.expose![0]!.terminal;
    const withNode = ok(setExposeNode(doc, published.name, terminal, ' edge-1 '));
    expect(findAppliance(withNode, published.name)?.expose?.[0]).toMatchObject({ terminal, node: 'edge-1' });
    const without = ok(setExposeNode(withNode, published.name, terminal, ''));
    expect('node' in findAppliance(without, published.name)!.expose![0]!).toBe(false);
    expect(setExposeNode(doc, published.name, 'nope', 'x').ok).toBe(false);
  });
});
