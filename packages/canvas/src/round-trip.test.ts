// The editor's promise: what the canvas shows, the YAML says, and the YAML read back draws the
// same thing. Checked on generated valid manifests, not just on examples.
import { validateManifest } from '@colo/manifest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docToManifest, manifestToDoc } from './editor-doc';
import { docToFlow, flowToDoc } from './flow';
import { validManifest } from './test-arbitraries';
import { testCatalog } from './test-catalog';
import { docToYaml, yamlToDoc } from './yaml-text';

describe('round trip', () => {
  it('the generator makes valid manifests with wires, settings and layout', () => {
    const samples = fc.sample(validManifest, { numRuns: 200, seed: 7 });
    for (const m of samples) expect(validateManifest(m, testCatalog, { mode: 'edit' }).errors).toEqual([]);
    expect(samples.some((m) => m.connections.length >= 2)).toBe(true);
    expect(samples.some((m) => m.appliances.some((a) => a.startAfter))).toBe(true);
    expect(samples.some((m) => m.visual)).toBe(true);
  });

  it('manifest → canvas → manifest is the same manifest', () => {
    fc.assert(
      fc.property(validManifest, (m) => {
        expect(docToManifest(manifestToDoc(m))).toEqual(m);
      }),
      { numRuns: 150 },
    );
  });

  it('canvas → YAML → canvas gives the same manifest, and the YAML is valid', () => {
    fc.assert(
      fc.property(validManifest, (m) => {
        const doc = manifestToDoc(m);
        const yaml = docToYaml(doc);
        const back = yamlToDoc(yaml, 'shop', testCatalog);
        expect(back.errors).toEqual([]);
        expect(docToManifest(back.doc!)).toEqual(docToManifest(doc));
        expect(docToYaml(back.doc!)).toBe(yaml);
        expect(validateManifest(docToManifest(back.doc!), testCatalog, { mode: 'edit' }).ok).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('canvas → nodes and edges → canvas is the same drawing', () => {
    fc.assert(
      fc.property(validManifest, (m) => {
        const doc = manifestToDoc(m);
        const { nodes, edges } = docToFlow(doc, testCatalog);
        const back = flowToDoc({ apiVersion: 'colo/v1', kind: 'VDC', name: m.name, description: m.description }, nodes, edges);
        expect(back.manifest.appliances).toEqual(doc.manifest.appliances);
        expect(back.manifest.connections).toEqual(doc.manifest.connections);
        for (const [name, at] of Object.entries(doc.positions)) expect(back.positions[name]).toEqual(at);
      }),
      { numRuns: 100 },
    );
  });
});
