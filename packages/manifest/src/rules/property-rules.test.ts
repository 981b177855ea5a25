import { describe, expect, it } from 'vitest';
import { fixtureCatalog, messagesAt, shopManifest } from '../test-fixtures';
import { validateManifest } from '../validate-manifest';

const validate = (m: unknown) => validateManifest(m, fixtureCatalog);

describe('properties', () => {
  it('exist on the class, with the closest name suggested', () => {
    const m = shopManifest();
    m.appliances[1].properties = { wokers: 4 };
    expect(messagesAt(validate(m), 'appliances[1].properties.wokers')).toEqual([
      'class "web-php" has no property "wokers" (did you mean "workers"?)',
    ]);
  });

  it('have the declared type', () => {
    const m = shopManifest();
    m.appliances[1].properties = { workers: '4', debug: 'yes', timeout: 'soon' };
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].properties.workers')).toEqual(['must be a whole number, not "4"']);
    expect(messagesAt(result, 'appliances[1].properties.debug')).toEqual(['must be true or false, not "yes"']);
    expect(messagesAt(result, 'appliances[1].properties.timeout')).toEqual(['must be a number, not "soon"']);
  });

  it('stay within min, max, pattern and values', () => {
    const m = shopManifest();
    m.appliances[1].properties = { workers: 65, docroot: 'srv', timeout: 0.1 };
    m.appliances[0].properties = { algorithm: 'random' };
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].properties.workers')).toEqual(['must be at most 64, not 65']);
    expect(messagesAt(result, 'appliances[1].properties.docroot')).toEqual(['must match the pattern ^/']);
    expect(messagesAt(result, 'appliances[1].properties.timeout')).toEqual(['must be at least 0.5, not 0.1']);
    expect(messagesAt(result, 'appliances[0].properties.algorithm')).toEqual([
      'must be one of "roundrobin", "leastconn", not "random"',
    ]);
  });

  it('required ones without a default must be set', () => {
    const m = shopManifest();
    delete m.appliances[3].properties;
    expect(messagesAt(validate(m), 'appliances[3].properties.database')).toEqual([
      'required property "database" of class "postgres" is not set',
    ]);
  });

  it('a required property set to an unreadable value is reported once, as unreadable', () => {
    const m = shopManifest();
    m.appliances[3].properties = { database: null };
    expect(messagesAt(validate(m), 'appliances[3].properties.database')).toEqual(['must be a string, a number or true/false']);
  });

  it('secrets are not properties', () => {
    const m = shopManifest();
    m.appliances[3].properties = { database: 'shop', password: 'hunter2' };
    const [message] = messagesAt(validate(m), 'appliances[3].properties.password');
    expect(message).toBe('"password" is a secret of class "postgres": Colo generates it for each VDC, a manifest cannot set it');
    expect(message).not.toContain('hunter2');
  });

  it('power keys smuggled in as properties get the refusal reason', () => {
    const m = shopManifest();
    m.appliances[1].properties = { privileged: true };
    expect(messagesAt(validate(m), 'appliances[1].properties.privileged')).toEqual([
      'class "web-php" has no property "privileged" (Colo never runs privileged containers)',
    ]);
  });

  it('odd property names get quoted paths and do not reach the prototype', () => {
    const m = shopManifest();
    m.appliances[1].properties = JSON.parse('{"__proto__": 1, "a.b": 2, "constructor": 3}');
    const paths = validate(m).errors.map((i) => i.path);
    expect(paths).toEqual([
      'appliances[1].properties.__proto__',
      'appliances[1].properties["a.b"]',
      'appliances[1].properties.constructor',
    ]);
  });

  it('refuses empty and overlong property names once, briefly', () => {
    const m = shopManifest();
    m.appliances[1].properties = { ['k'.repeat(5000)]: 1, '': 2 };
    const errors = validateManifest(m, fixtureCatalog).errors;
    expect(errors).toHaveLength(2);
    for (const e of errors) {
      expect(e.message).toBe('keys must be 1 to 200 characters long');
      expect(e.path.length).toBeLessThan(150);
    }
  });
});
