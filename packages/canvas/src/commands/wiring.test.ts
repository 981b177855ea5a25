import { describe, expect, it } from 'vitest';
import { docToManifest, emptyDoc, type EditorDoc, manifestToDoc } from '../editor-doc';
import { validateDoc } from '../problems';
import { lampManifest, testCatalog } from '../test-catalog';
import { addAppliance } from './add-appliance';
import { connect, connectionFromId, disconnect } from './wiring';

const ref = (endpoint: string) => {
  const [appliance, terminal] = endpoint.split('.');
  return { appliance, terminal };
};

function drawing(): EditorDoc {
  let doc = emptyDoc('shop');
  for (const cls of ['halb', 'web-php', 'web-php', 'nas', 'postgres', 'redis']) {
    const added = addAppliance(doc, testCatalog, cls, { x: 0, y: 0 });
    if (!added.ok) throw new Error(added.reason);
    doc = added.doc;
  }
  return doc;
}

describe('connect', () => {
  it('adds a wire the rules allow', () => {
    const result = connect(drawing(), testCatalog, ref('halb.out'), ref('web-php.in'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.doc.manifest.connections).toEqual([{ from: 'halb.out', to: 'web-php.in' }]);
  });

  it('refuses a protocol mismatch', () => {
    const result = connect(drawing(), testCatalog, ref('web-php.db'), ref('redis.in'));
    expect(result).toEqual({
      ok: false,
      reason: 'protocols do not match: web-php.db speaks pgsql, redis.in speaks redis',
    });
  });

  it('refuses a second wire from one output', () => {
    const first = connect(drawing(), testCatalog, ref('halb.out'), ref('web-php.in'));
    if (!first.ok) throw new Error(first.reason);
    const second = connect(first.doc, testCatalog, ref('halb.out'), ref('web-php-2.in'));
    expect(second.ok).toBe(false);
    expect(!second.ok && second.reason).toMatch(/already connected/);
  });

  it('refuses wires the wrong way round and to itself', () => {
    expect(connect(drawing(), testCatalog, ref('web-php.in'), ref('halb.out')).ok).toBe(false);
    expect(connect(drawing(), testCatalog, ref('halb.out'), ref('halb.in')).ok).toBe(false);
  });

  it('agrees with the validator on every output/input pair', () => {
    const doc = drawing();
    const baseErrors = validateDoc(doc, testCatalog).errors.length;
    const outputs = ['halb.out', 'web-php.db', 'web-php.fs', 'web-php-2.db', 'web-php-2.fs'];
    const inputs = ['halb.in', 'halb.stats', 'web-php.in', 'web-php-2.in', 'nas.fs', 'nas.http', 'postgres.in', 'redis.in'];
    for (const from of outputs) {
      for (const to of inputs) {
        const drawn = connect(doc, testCatalog, ref(from), ref(to));
        const forced = manifestToDoc({
          ...docToManifest(doc),
          connections: [...doc.manifest.connections, { from, to }],
        });
        const accepted = validateDoc(forced, testCatalog).errors.length === baseErrors;
        expect({ from, to, ok: drawn.ok }).toEqual({ from, to, ok: accepted });
      }
    }
  });
});

describe('disconnect', () => {
  it('removes one occurrence of the wire', () => {
    const doc = manifestToDoc({
      ...lampManifest(),
      connections: [...(lampManifest().connections ?? []), { from: 'lb.out', to: 'web.in' }],
    });
    const result = disconnect(doc, [{ from: 'lb.out', to: 'web.in' }]);
    expect(result.ok && result.doc.manifest.connections.filter((c) => c.from === 'lb.out')).toHaveLength(1);
  });

  it('says so when there is no such wire', () => {
    expect(disconnect(manifestToDoc(lampManifest()), [{ from: 'db.in', to: 'lb.out' }]).ok).toBe(false);
  });

  it('reads edge ids, repeated ones included', () => {
    expect(connectionFromId('web-2.db->db.in')).toEqual({ from: 'web-2.db', to: 'db.in' });
    expect(connectionFromId('lb.out->web.in#2')).toEqual({ from: 'lb.out', to: 'web.in' });
    expect(connectionFromId('nonsense')).toBeUndefined();
  });
});
