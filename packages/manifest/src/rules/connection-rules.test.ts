import { describe, expect, it } from 'vitest';
import { fixtureCatalog, messagesAt, shopManifest } from '../test-fixtures';
import { validateManifest } from '../validate-manifest';

const validate = (m: unknown, mode?: 'edit' | 'deploy') => validateManifest(m, fixtureCatalog, { mode });

describe('connection ends', () => {
  it('name existing appliances', () => {
    const m = shopManifest();
    m.connections[2].to = 'dbb.in';
    m.connections[0].from = 'balancer.out';
    const result = validate(m);
    expect(messagesAt(result, 'connections[2].to')).toEqual(['unknown appliance "dbb" (did you mean "db"?)']);
    expect(messagesAt(result, 'connections[0].from')).toEqual(['unknown appliance "balancer"']);
  });

  it('name terminals that exist on the class', () => {
    const m = shopManifest();
    m.connections[2].from = 'web.database';
    m.connections[2].to = 'db.inn';
    const result = validate(m);
    expect(messagesAt(result, 'connections[2].from')).toEqual(['class "web-php" has no output "database"']);
    expect(messagesAt(result, 'connections[2].to')).toEqual(['class "postgres" has no input "inn" (did you mean "in"?)']);
  });

  it('go from an output to an input', () => {
    const m = shopManifest();
    m.connections[2] = { from: 'db.in', to: 'web.db' };
    const result = validate(m);
    expect(messagesAt(result, 'connections[2].from')).toEqual(['"db.in" is an input; a connection starts at an output']);
    expect(messagesAt(result, 'connections[2].to')).toEqual(['"web.db" is an output; a connection ends at an input']);
    expect(result.errors.some((i) => i.message.includes('cycle'))).toBe(false);
  });

  it('never join an appliance to itself', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'proxy', class: 'tcp-proxy' });
    m.connections.push({ from: 'proxy.out', to: 'proxy.in' });
    expect(messagesAt(validate(m), 'connections[3]')).toEqual(['"proxy" cannot be connected to itself']);
  });
});

describe('protocols', () => {
  it('must match', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'cache', class: 'redis' });
    m.connections[2].to = 'cache.in';
    expect(messagesAt(validate(m), 'connections[2]')).toEqual([
      'protocols do not match: web.db speaks pgsql, cache.in speaks redis',
    ]);
  });

  it('any matches every network protocol, on either side', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'proxy', class: 'tcp-proxy' });
    m.connections[2].to = 'proxy.in';
    m.connections.push({ from: 'proxy.out', to: 'db.in' });
    expect(validate(m).errors).toEqual([]);
  });

  it('fs only meets fs, even with any', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'proxy', class: 'tcp-proxy' });
    m.connections.push({ from: 'proxy.out', to: 'content.fs' });
    m.connections[1].to = 'content.http';
    const result = validate(m);
    expect(messagesAt(result, 'connections[3]')).toEqual([
      'protocols do not match: proxy.out speaks any, content.fs speaks fs',
    ]);
    expect(messagesAt(result, 'connections[1]')).toEqual([
      'protocols do not match: web.fs speaks fs, content.http speaks http',
    ]);
  });
});

describe('outputs', () => {
  it('connect at most once', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'db2', class: 'postgres', properties: { database: 'x' } });
    m.connections.push({ from: 'web.db', to: 'db2.in' });
    expect(messagesAt(validate(m), 'connections[3].from')).toEqual([
      'output "web.db" is already connected by connections[2]; an output connects to exactly one input',
    ]);
  });

  it('an input accepts many outputs', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'lb2', class: 'halb' });
    m.connections.push({ from: 'lb2.out', to: 'web.in' });
    expect(validate(m).ok).toBe(true);
  });

  it('mandatory ones are wired: an error at deploy, a warning while editing', () => {
    const m = shopManifest();
    m.connections.shift();
    const deploy = validate(m);
    expect(messagesAt(deploy, 'appliances[0]')).toEqual(['mandatory output "lb.out" is not connected']);
    expect(deploy.ok).toBe(false);
    const edit = validate(m, 'edit');
    expect(edit.ok).toBe(true);
    expect(messagesAt(edit, 'appliances[0]', 'warning')).toEqual(['mandatory output "lb.out" is not connected']);
    expect(validateManifest(m, fixtureCatalog).ok).toBe(false);
  });

  it('a mandatory output wired wrongly counts as wired (the wire carries the error)', () => {
    const m = shopManifest();
    m.connections[0].to = 'db.in';
    const result = validate(m);
    expect(result.errors.map((i) => i.path)).toEqual(['connections[0]']);
  });
});
