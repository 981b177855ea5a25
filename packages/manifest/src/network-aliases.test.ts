import { describe, expect, it } from 'vitest';
import { aliasConflictKey, findAliasConflicts, type NetworkWire } from './network-aliases';

const wire = (client: string, output: string, server: string, input = 'in'): NetworkWire => ({
  client,
  output,
  server,
  input,
});

describe('findAliasConflicts', () => {
  it('finds nothing when every name means one server', () => {
    expect(findAliasConflicts([wire('w1', 'db', 'pg'), wire('w2', 'db', 'pg'), wire('lb', 'out', 'w1')])).toEqual([]);
  });

  it('finds a client that sees one alias on two servers', () => {
    const conflicts = findAliasConflicts([wire('api', 'db', 'pg1'), wire('api', 'store', 'pg2'), wire('web', 'db', 'pg2')]);
    expect(conflicts).toEqual([
      {
        appliance: 'api',
        alias: 'db',
        targets: [
          { server: 'pg1', network: 'pg1.in' },
          { server: 'pg2', network: 'pg2.in' },
        ],
      },
    ]);
  });

  it('counts a server\'s own networks', () => {
    const conflicts = findAliasConflicts([wire('edge', 'out', 'lb'), wire('lb', 'out', 'web')]);
    expect(conflicts.map((c) => `${c.appliance}:${c.alias}`)).toEqual(['lb:out']);
  });

  it('is not confused by two inputs of one server carrying the same alias', () => {
    expect(findAliasConflicts([wire('a', 'db', 'pg', 'in'), wire('b', 'db', 'pg', 'admin'), wire('a', 'x', 'pg', 'admin')])).toEqual(
      [],
    );
  });

  it('ignores self wires', () => {
    expect(findAliasConflicts([wire('a', 'out', 'a'), wire('a', 'out', 'b')])).toEqual([]);
  });

  it('keys conflicts so a caller can tell new ones from old', () => {
    const [conflict] = findAliasConflicts([wire('edge', 'out', 'lb'), wire('lb', 'out', 'web')]);
    expect(aliasConflictKey(conflict)).toBe('lb|out|lb.in,web.in');
  });
});
