import { describe, expect, it } from 'vitest';
import { manifestToDoc } from './editor-doc';
import { docToFlow, edgeConnection, flowToDoc, handleId, parseHandleId } from './flow';
import { lampManifest, testCatalog } from './test-catalog';

describe('docToFlow', () => {
  const doc = manifestToDoc(lampManifest());
  const { nodes, edges } = docToFlow(doc, testCatalog);

  it('gives one node per appliance, named after it, with its class', () => {
    expect(nodes.map((n) => n.id)).toEqual(['lb', 'web', 'content', 'db']);
    expect(nodes[1].data.cls?.id).toBe('web-php');
    expect(nodes[1].position).toEqual({ x: 260, y: 120 });
  });

  it('wires output handles to input handles', () => {
    expect(edges[0]).toEqual({
      id: 'lb.out->web.in',
      source: 'lb',
      sourceHandle: 'out:out',
      target: 'web',
      targetHandle: 'in:in',
    });
  });

  it('leaves undrawable wires out and numbers repeated ones', () => {
    const odd = manifestToDoc({
      ...lampManifest(),
      connections: [
        { from: 'lb.out', to: 'web.in' },
        { from: 'lb.out', to: 'web.in' },
        { from: 'web.nope', to: 'db.in' },
        { from: 'ghost.out', to: 'db.in' },
      ],
    });
    expect(docToFlow(odd, testCatalog).edges.map((e) => e.id)).toEqual(['lb.out->web.in', 'lb.out->web.in#2']);
  });

  it('places appliances without a position on a grid', () => {
    const bare = manifestToDoc({ ...lampManifest(), visual: undefined });
    const placed = docToFlow(bare, testCatalog).nodes.map((n) => n.position);
    expect(new Set(placed.map((p) => `${p.x},${p.y}`)).size).toBe(4);
  });

  it('round-trips through nodes and edges', () => {
    const { manifest } = doc;
    const back = flowToDoc({ apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.name }, nodes, edges);
    expect(back).toEqual(doc);
  });
});

describe('handle ids', () => {
  it('read back what they write', () => {
    expect(parseHandleId(handleId('in', 'db'))).toEqual({ kind: 'in', terminal: 'db' });
    expect(parseHandleId('sideways:x')).toBeUndefined();
    expect(parseHandleId(null)).toBeUndefined();
  });

  it('turn a connection attempt into a wire only from an output to an input', () => {
    expect(edgeConnection({ source: 'lb', sourceHandle: 'out:out', target: 'web', targetHandle: 'in:in' })).toEqual({
      from: { appliance: 'lb', terminal: 'out' },
      to: { appliance: 'web', terminal: 'in' },
    });
    expect(edgeConnection({ source: 'web', sourceHandle: 'in:in', target: 'lb', targetHandle: 'out:out' })).toBeUndefined();
  });
});
