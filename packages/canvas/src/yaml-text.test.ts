import { describe, expect, it } from 'vitest';
import { manifestToDoc } from './editor-doc';
import { lampManifest, testCatalog } from './test-catalog';
import { docToYaml, yamlToDoc } from './yaml-text';

const lamp = () => manifestToDoc({ ...lampManifest(), name: 'shop' });

describe('yamlToDoc', () => {
  it('reads back the canonical text', () => {
    const text = docToYaml(lamp());
    expect(text).toContain('  - { from: lb.out, to: web.in }');
    expect(yamlToDoc(text, 'shop', testCatalog).doc).toEqual(lamp());
  });

  it('reports a syntax error with its line and keeps nothing', () => {
    const result = yamlToDoc('apiVersion: colo/v1\nkind: [VDC\n', 'shop', testCatalog);
    expect(result.doc).toBeUndefined();
    expect(result.errors[0].message).toMatch(/^line \d+, column \d+:/);
  });

  it('reports shape problems in the validator’s words', () => {
    const text = docToYaml(lamp()).replace('replicas: 3', 'replicas: three');
    const result = yamlToDoc(text, 'shop', testCatalog);
    expect(result.doc).toBeUndefined();
    expect(result.errors.some((e) => e.path === 'appliances[1].replicas')).toBe(true);
  });

  it('refuses power keys with the reason', () => {
    const text = docToYaml(lamp()).replace('    class: postgres', '    class: postgres\n    privileged: true');
    expect(yamlToDoc(text, 'shop', testCatalog).errors[0].message).toMatch(/privileged/);
  });

  it('refuses renaming the VDC and two appliances with one name', () => {
    expect(yamlToDoc(docToYaml(lamp()).replace('name: shop', 'name: other'), 'shop', testCatalog).errors[0].path).toBe('name');
    const twice = docToYaml(lamp()).replace('name: content', 'name: web');
    expect(yamlToDoc(twice, 'shop', testCatalog).errors[0].message).toBe('a second appliance named "web"');
  });

  it('takes a drawing with semantic problems onto the canvas (the problems panel lists them)', () => {
    const text = docToYaml(lamp()).replace('class: nas', 'class: nsa');
    const result = yamlToDoc(text, 'shop', testCatalog);
    expect(result.doc?.manifest.appliances[2].class).toBe('nsa');
  });
});
