import { describe, expect, it } from 'vitest';
import { type EditorDoc, findAppliance, manifestToDoc } from '../editor-doc';
import { lampManifest } from '../test-catalog';
import type { Edit } from './edit';
import {
  setDescription,
  setExpose,
  setProperty,
  setReplicas,
  setResources,
  setStandby,
  setStartAfter,
} from './update-appliance';

function ok(edit: Edit): EditorDoc {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.doc;
}

describe('appliance settings', () => {
  const doc = manifestToDoc(lampManifest());

  it('sets and clears replicas', () => {
    expect(findAppliance(ok(setReplicas(doc, 'web', 5)), 'web')?.replicas).toBe(5);
    expect('replicas' in findAppliance(ok(setReplicas(doc, 'web', undefined)), 'web')!).toBe(false);
  });

  it('drops resources entirely when both are cleared', () => {
    const cpuOnly = ok(setResources(doc, 'web', { cpu: 1, memory: undefined }));
    expect(findAppliance(cpuOnly, 'web')?.resources).toEqual({ cpu: 1 });
    const none = ok(setResources(doc, 'web', { cpu: undefined, memory: undefined }));
    expect('resources' in findAppliance(none, 'web')!).toBe(false);
  });

  it('sets one property, keeps the others, and removes the map when it empties', () => {
    const set = ok(setProperty(doc, 'web', 'memoryLimit', '256M'));
    expect(findAppliance(set, 'web')?.properties).toEqual({ workers: 4, memoryLimit: '256M' });
    const cleared = ok(setProperty(doc, 'web', 'workers', undefined));
    expect('properties' in findAppliance(cleared, 'web')!).toBe(false);
  });

  it('writes standby only when on, expose and startAfter only when not empty', () => {
    expect(findAppliance(ok(setStandby(doc, 'db', true)), 'db')?.standby).toBe(true);
    expect('standby' in findAppliance(ok(setStandby(doc, 'db', false)), 'db')!).toBe(false);
    expect('expose' in findAppliance(ok(setExpose(doc, 'lb', [])), 'lb')!).toBe(false);
    expect(findAppliance(ok(setStartAfter(doc, 'lb', ['db', 'db'])), 'lb')?.startAfter).toEqual(['db']);
    expect(setStartAfter(doc, 'lb', ['lb'])).toEqual({ ok: false, reason: '"lb" cannot start after itself' });
  });

  it('refuses an appliance that does not exist and leaves the input alone', () => {
    expect(setReplicas(doc, 'ghost', 2).ok).toBe(false);
    ok(setReplicas(doc, 'web', 9));
    expect(findAppliance(doc, 'web')?.replicas).toBe(3);
  });

  it('sets and clears the description', () => {
    expect(ok(setDescription(doc, 'shop front')).manifest.description).toBe('shop front');
    expect('description' in ok(setDescription(ok(setDescription(doc, 'x')), '  ')).manifest).toBe(false);
  });
});
