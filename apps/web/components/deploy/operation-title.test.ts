import { describe, expect, it } from 'vitest';
import { operationTitle } from './operation-title';

const op = (kind: string, params: unknown = {}, result: Record<string, unknown> | null = null, revision: number | null = null) => ({ kind, params, result, revision });

describe('operationTitle', () => {
  it('names what each kind did, with what was asked', () => {
    expect(operationTitle(op('deploy', { revision: 3 }, null, 3))).toBe('Deploy revision 3');
    expect(operationTitle(op('stop', { appliance: 'web' }))).toBe('Stop web');
    expect(operationTitle(op('start'))).toBe('Start');
    expect(operationTitle(op('destroy', { purge: true }))).toBe('Destroy and purge data');
    expect(operationTitle(op('destroy', { purge: false }))).toBe('Destroy');
    expect(operationTitle(op('restore', { snapshot: 2 }))).toBe('Restore snapshot 2');
    expect(operationTitle(op('snapshot_delete', { snapshot: 4 }))).toBe('Delete snapshot 4');
    expect(operationTitle(op('clone', { name: 'shop-v2', snapshot: 1 }))).toBe('Clone to shop-v2 from snapshot 1');
    expect(operationTitle(op('clone', { name: 'shop-v2' }))).toBe('Clone to shop-v2');
  });

  it('names a move by its appliance, with the node asked (or picked) and a snapshot asked', () => {
    expect(operationTitle(op('move', { appliance: 'db' }))).toBe('Move db');
    expect(operationTitle(op('move', { appliance: 'db', node: 'n3' }))).toBe('Move db to n3');
    expect(operationTitle(op('move', { appliance: 'db' }, { node: 'n2' }))).toBe('Move db to n2');
    expect(operationTitle(op('move', { appliance: 'db', snapshot: 4 }))).toBe('Restore db from snapshot 4 onto another node');
    expect(operationTitle(op('move', { appliance: 'db', snapshot: 4, node: 'n1' }))).toBe('Restore db from snapshot 4 to n1');
  });

  it('names a move without an appliance by its VDC: the whole VDC moves', () => {
    const whole = (params: unknown, result: Record<string, unknown> | null = null) => ({ ...op('move', params, result), vdc: 'lamp' });
    expect(operationTitle(whole({ node: 'n3' }))).toBe('Move lamp to n3');
    expect(operationTitle(whole({}))).toBe('Move lamp');
    expect(operationTitle(whole({}, { node: 'n2' }))).toBe('Move lamp to n2');
    expect(operationTitle(whole({ snapshot: 4 }))).toBe('Restore lamp from snapshot 4 onto another node');
    expect(operationTitle(op('move', { node: 'n3' }))).toBe('Move the VDC to n3');
  });

  it('takes a snapshot number from the result once the snapshot exists', () => {
    expect(operationTitle(op('snapshot', { note: 'x' }))).toBe('Snapshot');
    expect(operationTitle(op('snapshot', { note: 'x' }, { snapshot: 7 }))).toBe('Snapshot 7');
  });

  it('tells creating an entry from switching one, by whether it pointed anywhere before', () => {
    expect(operationTitle(op('entry_switch', { entryId: 'ent_1', from: null }, { entry: 'www' }))).toBe('Create entry www');
    expect(operationTitle(op('entry_switch', { entryId: 'ent_1', from: 'vdc_2' }, { entry: 'www' }))).toBe('Switch entry www here');
    expect(operationTitle(op('entry_switch', { entryId: 'ent_1', from: 'vdc_2' }))).toBe('Switch an entry here');
    expect(operationTitle(op('entry_delete', { entryId: 'ent_1' }, { entry: 'www', removed: true }))).toBe('Remove entry www');
  });

  it('reads odd params without throwing, and names unknown kinds plainly', () => {
    expect(operationTitle(op('restore', null))).toBe('Restore');
    expect(operationTitle(op('restore', { snapshot: 'two' }))).toBe('Restore');
    expect(operationTitle(op('class_patch'))).toBe('class patch');
  });
});
