import { describe, expect, it } from 'vitest';
import { createCatalog } from './memory-catalog';
import { fixtureClasses } from './test-fixtures';

describe('createCatalog', () => {
  const catalog = createCatalog(fixtureClasses);

  it('gives the highest version for a bare id', () => {
    expect(catalog.get('web-php')?.version).toBe(2);
  });

  it('gives the head for a bare id when told one (what the server follows), else the highest', () => {
    const headed = createCatalog(fixtureClasses, { 'web-php': 1 });
    expect(headed.get('web-php')?.version).toBe(1);
    expect(headed.get('web-php@2')?.version).toBe(2);
    expect(createCatalog(fixtureClasses, { 'web-php': 7 }).get('web-php')?.version).toBe(2);
  });

  it('gives the exact version for id@version', () => {
    expect(catalog.get('web-php@1')?.version).toBe(1);
    expect(catalog.get('web-php@2')?.title).toBe('PHP web server');
  });

  it('answers undefined for unknown ids, versions and malformed refs', () => {
    expect(catalog.get('nope')).toBeUndefined();
    expect(catalog.get('web-php@3')).toBeUndefined();
    expect(catalog.get('web-php@')).toBeUndefined();
    expect(catalog.get('web-php@01')).toBeUndefined();
    expect(catalog.get('web-php@x')).toBeUndefined();
    expect(catalog.get('constructor')).toBeUndefined();
  });

  it('lists every version ordered by id then version, and a copy each time', () => {
    const listed = catalog.list().map((c) => `${c.id}@${c.version}`);
    expect(listed).toEqual(['app@1', 'halb@1', 'nas@1', 'postgres@1', 'redis@1', 'tcp-proxy@1', 'web-php@1', 'web-php@2']);
    catalog.list().pop();
    expect(catalog.list()).toHaveLength(8);
  });

  it('does not depend on the order classes are given in', () => {
    const reversed = createCatalog([...fixtureClasses].reverse());
    expect(reversed.get('web-php')?.version).toBe(2);
  });

  it('refuses the same id and version twice', () => {
    expect(() => createCatalog([fixtureClasses[0], fixtureClasses[0]])).toThrow(/halb.*twice/);
  });
});
