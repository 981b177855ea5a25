import { describe, expect, it } from 'vitest';
import { createCatalog } from '../memory-catalog';
import { fixtureCatalog, fixtureClasses, messagesAt, shopManifest } from '../test-fixtures';
import { validateManifest } from '../validate-manifest';

const validate = (m: unknown) => validateManifest(m, fixtureCatalog);

describe('appliance names', () => {
  it('must be DNS labels', () => {
    for (const name of ['Web', 'web_1', '1web', 'web-', '', 'a'.repeat(33)]) {
      const m = shopManifest();
      m.appliances[2].name = name;
      m.connections = m.connections.filter((c) => c.to !== 'content.fs');
      const [message] = messagesAt(validate(m), 'appliances[2].name');
      expect(message, name).toMatch(/DNS label|must not be empty/);
    }
  });

  it('must be unique, and the duplicate names the first', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'web', class: 'redis' });
    expect(messagesAt(validate(m), 'appliances[4].name')).toEqual(['duplicate appliance name "web" (also appliances[1])']);
  });

  it('applies to the VDC name too', () => {
    const m = { ...shopManifest(), name: 'My Shop' };
    expect(messagesAt(validate(m), 'name')[0]).toMatch(/DNS label/);
  });
});

describe('classes', () => {
  it('must exist, with the closest id suggested', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-phq';
    m.appliances[2].class = 'mysql';
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].class')).toEqual(['unknown class "web-phq" (did you mean "web-php"?)']);
    expect(messagesAt(result, 'appliances[2].class')).toEqual(['unknown class "mysql"']);
  });

  it('accepts an existing pin and refuses a missing one, listing the versions', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-php@2';
    expect(validate(m).ok).toBe(true);
    m.appliances[1].class = 'web-php@7';
    expect(messagesAt(validate(m), 'appliances[1].class')).toEqual(['class "web-php" has no version 7 (available: 1, 2)']);
  });

  it('checks a pinned appliance against its pinned version', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-php@1';
    m.appliances[1].replicas = 5;
    m.connections = m.connections.filter((c) => c.from !== 'web.fs');
    expect(validate(m).ok).toBe(true);
    m.appliances[1].replicas = 6;
    expect(messagesAt(validate(m), 'appliances[1].replicas')).toEqual([
      'at most 5',
    ]);
  });

  it('an unknown class hides that appliance\'s class-dependent checks, not other appliances\'', () => {
    const m = shopManifest();
    m.appliances[1].class = 'nope';
    m.appliances[1].properties = { anything: 1 };
    m.appliances[3].properties = {};
    const paths = validate(m).errors.map((i) => i.path);
    expect(paths).toEqual(['appliances[1].class', 'appliances[3].properties.database']);
  });
});

describe('resource bounds', () => {
  it('replicas within the class bounds', () => {
    const m = shopManifest();
    m.appliances[3].replicas = 2;
    m.appliances[0].replicas = 0;
    const result = validate(m);
    expect(messagesAt(result, 'appliances[3].replicas')).toEqual(['at most 1']);
    expect(messagesAt(result, 'appliances[0].replicas')).toEqual(['at least 1']);
  });

  it('cpu within the class bounds', () => {
    const m = shopManifest();
    m.appliances[1].resources = { cpu: 8 };
    m.appliances[3].resources = { cpu: 0.1 };
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].resources.cpu')).toEqual(['at most 4']);
    expect(messagesAt(result, 'appliances[3].resources.cpu')).toEqual(['at least 0.25']);
  });

  it('memory within the class bounds, in any unit', () => {
    const m = shopManifest();
    m.appliances[1].resources = { memory: '3Gi' };
    m.appliances[3].resources = { memory: 1024 };
    const result = validate(m);
    expect(messagesAt(result, 'appliances[1].resources.memory')).toEqual([
      'at most 2Gi',
    ]);
    expect(messagesAt(result, 'appliances[3].resources.memory')).toEqual([
      'at least 128Mi',
    ]);
    m.appliances[1].resources = { memory: '2048Mi' };
    m.appliances[3].resources = { memory: 128 * 1024 * 1024 };
    expect(validate(m).ok).toBe(true);
  });

  it('rejects cpu that is not positive', () => {
    const m = shopManifest();
    m.appliances[1].resources = { cpu: 0 };
    expect(messagesAt(validate(m), 'appliances[1].resources.cpu')).toEqual(['must be greater than 0']);
  });
});

describe('startAfter', () => {
  it('names existing appliances', () => {
    const m = shopManifest();
    m.appliances[1].startAfter = ['contnet', 'db'];
    expect(messagesAt(validate(m), 'appliances[1].startAfter[0]')).toEqual([
      'unknown appliance "contnet" (did you mean "content"?)',
    ]);
  });

  it('never itself', () => {
    const m = shopManifest();
    m.appliances[2].startAfter = ['content'];
    const result = validate(m);
    expect(messagesAt(result, 'appliances[2].startAfter[0]')).toEqual(['"content" cannot start after itself']);
    expect(result.errors).toHaveLength(1);
  });
});

describe('visual', () => {
  it('warns about positions for appliances that do not exist', () => {
    const m = shopManifest();
    m.visual.ghost = { x: 1, y: 2 };
    const result = validate(m);
    expect(result.ok).toBe(true);
    expect(messagesAt(result, 'visual.ghost', 'warning')).toEqual([
      '"ghost" is not an appliance of this VDC; its position is ignored',
    ]);
  });

  it('needs numbers for x and y', () => {
    const m = shopManifest();
    m.visual.lb = { x: '0', y: 0 };
    expect(messagesAt(validate(m), 'visual.lb.x')).toEqual(['must be a number, not a string']);
  });
});

describe('a catalog whose list() holds only the latest versions', () => {
  it('still explains a missing pin', () => {
    const full = createCatalog(fixtureClasses);
    const latestOnly = { get: full.get, list: () => full.list().filter((c) => c.id !== 'web-php' || c.version === 2) };
    const m = shopManifest();
    m.appliances[1].class = 'web-php@9';
    expect(messagesAt(validateManifest(m, latestOnly), 'appliances[1].class')).toEqual([
      'class "web-php" has no version 9 (available: 2)',
    ]);
  });
});
