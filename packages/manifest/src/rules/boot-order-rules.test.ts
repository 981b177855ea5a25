import { describe, expect, it } from 'vitest';
import { fixtureCatalog, messagesAt, shopManifest } from '../test-fixtures';
import { validateManifest } from '../validate-manifest';

const validate = (m: unknown) => validateManifest(m, fixtureCatalog);

describe('boot order', () => {
  it('refuses a startAfter that closes a loop with a wire, reporting the cycle path', () => {
    const m = shopManifest();
    m.appliances[3].startAfter = ['web'];
    const result = validate(m);
    expect(result.errors).toMatchObject([
      {
        path: 'connections[2]',
        message:
          'boot order has a cycle: "web" starts after "db" (connections[2]), "db" starts after "web" (appliances[3].startAfter[0])',
        severity: 'error',
      },
    ]);
  });

  it('finds longer cycles through startAfter alone', () => {
    const m = {
      apiVersion: 'colo/v1',
      kind: 'VDC',
      name: 'loop',
      appliances: [
        { name: 'a', class: 'redis', startAfter: ['b'] },
        { name: 'b', class: 'redis', startAfter: ['c'] },
        { name: 'c', class: 'redis', startAfter: ['a'] },
      ],
    };
    expect(validate(m).errors).toMatchObject([
      {
        path: 'appliances[0].startAfter[0]',
        message:
          'boot order has a cycle: "a" starts after "b" (appliances[0].startAfter[0]), "b" starts after "c" (appliances[1].startAfter[0]), "c" starts after "a" (appliances[2].startAfter[0])',
        severity: 'error',
      },
    ]);
  });

  it('counts fs wires: the volume owner boots first', () => {
    const m = shopManifest();
    m.appliances[2].startAfter = ['web'];
    const [message] = messagesAt(validate(m), 'connections[1]');
    expect(message).toMatch(/"web" starts after "content" \(connections\[1\]\), "content" starts after "web"/);
  });

  it('reports each separate cycle once', () => {
    const m = shopManifest();
    m.appliances[3].startAfter = ['web'];
    m.appliances.push({ name: 'a', class: 'redis', startAfter: ['b'] }, { name: 'b', class: 'redis', startAfter: ['a'] });
    const cycles = validate(m).errors.filter((i) => i.message.startsWith('boot order has a cycle'));
    expect(cycles.map((i) => i.path)).toEqual(['connections[2]', 'appliances[4].startAfter[0]']);
  });

  it('allows a diamond (two paths to one server are not a cycle)', () => {
    const m = shopManifest();
    m.appliances[0].startAfter = ['db'];
    m.appliances[2].startAfter = ['db'];
    expect(validate(m).ok).toBe(true);
  });
});
