import { describe, expect, it } from 'vitest';
import { docToManifest, emptyDoc, manifestToDoc } from './editor-doc';
import { lampManifest } from './test-catalog';

describe('manifestToDoc / docToManifest', () => {
  it('keeps meaning and layout apart and puts them back together', () => {
    const doc = manifestToDoc(lampManifest());
    expect(doc.manifest.appliances.map((a) => a.name)).toEqual(['lb', 'web', 'content', 'db']);
    expect(doc.positions.web).toEqual({ x: 260, y: 120 });
    expect('visual' in doc.manifest).toBe(false);
    expect(docToManifest(doc)).toEqual(lampManifest());
  });

  it('drops layout entries for appliances that do not exist', () => {
    const doc = manifestToDoc({ ...lampManifest(), visual: { lb: { x: 1, y: 2 }, ghost: { x: 0, y: 0 } } });
    expect(doc.positions).toEqual({ lb: { x: 1, y: 2 } });
  });

  it('writes visual in appliance order and only for placed appliances', () => {
    const doc = manifestToDoc({ ...lampManifest(), visual: { db: { x: 5, y: 5 }, lb: { x: 1, y: 1 } } });
    expect(Object.keys(docToManifest(doc).visual ?? {})).toEqual(['lb', 'db']);
  });

  it('leaves visual out of an undrawn manifest', () => {
    expect(docToManifest(emptyDoc('shop'))).toEqual({
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'shop',
      appliances: [],
      connections: [],
    });
  });
});
