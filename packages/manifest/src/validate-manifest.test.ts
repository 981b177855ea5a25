import { describe, expect, it } from 'vitest';
import { validateManifestText } from './parse-manifest';
import { fixtureCatalog, messagesAt, SHOP_YAML, shopManifest } from './test-fixtures';
import { validateManifest } from './validate-manifest';

describe('validateManifest', () => {
  it('accepts the SPEC §2 example, as an object and as its YAML text', () => {
    const fromObject = validateManifest(shopManifest(), fixtureCatalog);
    expect(fromObject).toMatchObject({ ok: true, errors: [], warnings: [] });
    const fromText = validateManifestText(SHOP_YAML, fixtureCatalog);
    expect(fromText.errors).toEqual([]);
    expect(fromText.ok).toBe(true);
    expect(fromText.manifest).toEqual(fromObject.manifest);
  });

  it('returns the parsed manifest only when there are no errors', () => {
    const m = shopManifest();
    m.appliances[1].class = 'web-phq';
    const result = validateManifest(m, fixtureCatalog);
    expect(result.ok).toBe(false);
    expect(result.manifest).toBeUndefined();
  });

  it('answers a non-object with one clear error', () => {
    for (const input of [null, undefined, 'apiVersion: colo/v1', 42, []]) {
      const result = validateManifest(input, fixtureCatalog);
      expect(result.ok).toBe(false);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].message).toMatch(/^a manifest must be an object/);
    }
  });

  it('reports every problem in one run, schema and rules together', () => {
    const m = shopManifest();
    m.appliances[0].privileged = true;
    m.appliances[1].class = 'web-phq';
    m.appliances[2].replicas = 'two';
    m.appliances[3].properties = {};
    m.connections[0].to = 'nowhere.in';
    const result = validateManifest(m, fixtureCatalog);
    expect(result.errors.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'appliances[0].privileged',
        'appliances[1].class',
        'appliances[2].replicas',
        'appliances[3].properties.database',
        'connections[0].to',
      ]),
    );
    expect(messagesAt(result, 'appliances[1].class')).toEqual(['unknown class "web-phq" (did you mean "web-php"?)']);
    expect(messagesAt(result, 'appliances[2].replicas')).toEqual(['must be a number, not a string']);
  });

  it('one bad field does not hide the rest of its appliance', () => {
    const m = shopManifest();
    m.appliances[3].replicas = -1;
    m.appliances[3].properties = { database: 'shop', colour: 'red' };
    const result = validateManifest(m, fixtureCatalog);
    expect(messagesAt(result, 'appliances[3].replicas')).toEqual(['must be at least 0']);
    expect(messagesAt(result, 'appliances[3].properties.colour')).toEqual(['class "postgres" has no property "colour"']);
  });

  it('does not call an appliance missing when it exists but cannot be read', () => {
    const m = shopManifest();
    m.appliances[3].name = 'DB';
    m.connections[2].to = 'DB.in';
    m.appliances[1].startAfter = ['content'];
    const result = validateManifest(m, fixtureCatalog);
    expect(result.errors.map((i) => i.path)).toEqual(['appliances[3].name', 'connections[2].to']);
    expect(messagesAt(result, 'connections[2].to')[0]).toMatch(/must be "appliance.terminal"/);
  });

  it('references to a name that only failed the DNS rule are not double-reported', () => {
    const m = shopManifest();
    m.appliances[2].name = 'Content';
    m.appliances[1].startAfter = ['content'];
    const result = validateManifest(m, fixtureCatalog);
    expect(messagesAt(result, 'appliances[1].startAfter[0]')).toEqual(['unknown appliance "content"']);
  });

  it('requires the top-level keys', () => {
    const result = validateManifest({}, fixtureCatalog);
    expect(result.errors).toMatchObject([
      { path: 'apiVersion', message: 'must be "colo/v1"', severity: 'error' },
      { path: 'kind', message: 'must be "VDC"', severity: 'error' },
      { path: 'name', message: 'is required', severity: 'error' },
    ]);
  });

  it('gives every unknown key its own issue and path', () => {
    const m = shopManifest();
    m.appliances[1].cap_add = ['NET_ADMIN'];
    m.appliances[1].volumes = ['/var/run/docker.sock:/var/run/docker.sock'];
    m.appliances[1].network_mode = 'host';
    m.appliances[1].colour = 'blue';
    (m as Record<string, unknown>).services = {};
    const result = validateManifest(m, fixtureCatalog);
    expect(messagesAt(result, 'appliances[1].cap_add')[0]).toMatch(/"cap_add" is not allowed: Colo never/);
    expect(messagesAt(result, 'appliances[1].volumes')[0]).toMatch(/Colo never mounts host paths/);
    expect(messagesAt(result, 'appliances[1].network_mode')[0]).toMatch(/Colo never allows host networking/);
    expect(messagesAt(result, 'appliances[1].colour')).toEqual(['unknown key "colour"']);
    expect(messagesAt(result, 'services')[0]).toMatch(/Docker Compose/);
  });

  it('refuses power keys at every level, not only on appliances', () => {
    const m = shopManifest();
    m.appliances[0].expose = [{ terminal: 'in', port: 8080, hostIp: '0.0.0.0', privileged: true }];
    m.appliances[1].resources = { cpu: 0.5, devices: ['/dev/kvm'] };
    const result = validateManifest(m, fixtureCatalog);
    expect(messagesAt(result, 'appliances[0].expose[0].privileged')[0]).toMatch(/never runs privileged/);
    expect(messagesAt(result, 'appliances[0].expose[0].hostIp')).toEqual(['unknown key "hostIp"']);
    expect(messagesAt(result, 'appliances[1].resources.devices')[0]).toMatch(/never gives appliances host devices/);
  });

  it('does not mutate its input', () => {
    const m = shopManifest();
    const before = JSON.stringify(m);
    validateManifest(m, fixtureCatalog);
    expect(JSON.stringify(m)).toBe(before);
  });
});
