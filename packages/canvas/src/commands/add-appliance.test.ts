import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../editor-doc';
import { testCatalog } from '../test-catalog';
import { addAppliance } from './add-appliance';

describe('addAppliance', () => {
  it('adds the class with a fresh name at the given point, settings left to the class', () => {
    const one = addAppliance(emptyDoc('shop'), testCatalog, 'web-php', { x: 10.4, y: 20.6 });
    if (!one.ok) throw new Error(one.reason);
    expect(one.name).toBe('web-php');
    expect(one.doc.manifest.appliances).toEqual([{ name: 'web-php', class: 'web-php' }]);
    expect(one.doc.positions['web-php']).toEqual({ x: 10, y: 21 });

    const two = addAppliance(one.doc, testCatalog, 'web-php', { x: 0, y: 0 });
    expect(two.ok && two.name).toBe('web-php-2');
  });

  it('refuses a class the catalog does not have', () => {
    const result = addAppliance(emptyDoc('shop'), testCatalog, 'web-phq', { x: 0, y: 0 });
    expect(result).toEqual({ ok: false, reason: 'the catalog has no class "web-phq"' });
  });

  it('does not change the document it was given', () => {
    const doc = emptyDoc('shop');
    addAppliance(doc, testCatalog, 'nas', { x: 0, y: 0 });
    expect(doc.manifest.appliances).toEqual([]);
  });
});
