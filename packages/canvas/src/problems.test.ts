import { describe, expect, it } from 'vitest';
import { manifestToDoc } from './editor-doc';
import { issueTarget, validateDoc } from './problems';
import { lampManifest, testCatalog } from './test-catalog';

describe('validateDoc', () => {
  it('only warns about an unwired mandatory output while editing', () => {
    const doc = manifestToDoc({ ...lampManifest(), connections: [] });
    const result = validateDoc(doc, testCatalog);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toContain('mandatory output "lb.out" is not connected');
  });
});

describe('issueTarget', () => {
  const doc = manifestToDoc({
    ...lampManifest(),
    connections: [
      { from: 'lb.out', to: 'web.in' },
      { from: 'lb.out', to: 'web.in' },
    ],
  });
  const at = (path: string) => issueTarget({ path, message: 'x', severity: 'error' }, doc);

  it('points appliance paths at their box', () => {
    expect(at('appliances[1].properties.workers')).toEqual({ kind: 'appliance', name: 'web' });
    expect(at('visual.db')).toEqual({ kind: 'appliance', name: 'db' });
  });

  it('points connection paths at the edge the canvas draws, repeated wires included', () => {
    expect(at('connections[0].to')).toEqual({ kind: 'connection', id: 'lb.out->web.in' });
    expect(at('connections[1]')).toEqual({ kind: 'connection', id: 'lb.out->web.in#2' });
  });

  it('has no target for the manifest as a whole or a missing index', () => {
    expect(at('')).toBeUndefined();
    expect(at('name')).toBeUndefined();
    expect(at('appliances[9].class')).toBeUndefined();
  });
});
