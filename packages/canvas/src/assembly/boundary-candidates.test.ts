import { describe, expect, it } from 'vitest';
import { manifestToDoc } from '../editor-doc';
import { lampManifest, testCatalog } from '../test-catalog';
import { boundaryCandidates } from './boundary-candidates';
import { propertyCandidates } from './property-candidates';

describe('boundary terminal candidates', () => {
  const doc = manifestToDoc(lampManifest());

  it('offers the terminals no interior wire uses, ticking those wired to the rest', () => {
    const found = boundaryCandidates(doc, testCatalog, ['web', 'db']);
    expect(found.map((c) => [c.endpoint, c.name, c.kind, c.preselected])).toEqual([
      ['web.in', 'in', 'input', true],
      ['web.fs', 'fs', 'output', true],
    ]);
    expect(found[0].because).toBe('wired-outside');
  });

  it('names a terminal after its appliance when another has its name', () => {
    const found = boundaryCandidates(doc, testCatalog, ['lb', 'db']);
    expect(found.filter((c) => c.kind === 'input').map((c) => [c.endpoint, c.name])).toEqual([
      ['lb.in', 'in'],
      ['lb.stats', 'stats'],
      ['db.in', 'db-in'],
    ]);
  });

  it('ticks a published input and names clashing terminals after their appliance', () => {
    const found = boundaryCandidates(doc, testCatalog, ['lb', 'web']);
    const byEndpoint = Object.fromEntries(found.map((c) => [c.endpoint, c]));
    expect(Object.keys(byEndpoint)).toEqual(['lb.in', 'lb.stats', 'web.db', 'web.fs']);
    expect(byEndpoint['lb.in']).toMatchObject({ name: 'in', preselected: true, because: 'exposed' });
    expect(byEndpoint['lb.stats'].preselected).toBe(false);
    expect(byEndpoint['web.db']).toMatchObject({ name: 'db', preselected: true });
  });

  it('keeps an input fed from inside when something outside feeds it too', () => {
    const twoClients = manifestToDoc({
      ...lampManifest(),
      appliances: [...(lampManifest().appliances ?? []), { name: 'lb2', class: 'halb' }],
      connections: [...(lampManifest().connections ?? []), { from: 'lb2.out', to: 'web.in' }],
    });
    const found = boundaryCandidates(twoClients, testCatalog, ['lb', 'web']);
    expect(found.find((c) => c.endpoint === 'web.in')).toMatchObject({ preselected: true, name: 'web-in' });
  });

  it('offers every property of every selected class, defaulting to the current value', () => {
    const found = propertyCandidates(doc, testCatalog, ['web', 'db']);
    expect(found.map((p) => [p.target, p.name, p.default])).toEqual([
      ['web.workers', 'workers', 4],
      ['web.memoryLimit', 'memoryLimit', '128M'],
      ['db.database', 'database', 'lamp'],
    ]);
  });
});
