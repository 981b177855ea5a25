import { describe, expect, it } from 'vitest';
import { fixtureCatalog, messagesAt, shopManifest } from '../test-fixtures';
import { type ValidateOptions, validateManifest } from '../validate-manifest';

const validate = (m: unknown, options?: ValidateOptions) => validateManifest(m, fixtureCatalog, options);

describe('expose', () => {
  it('names an input terminal of the class', () => {
    const m = shopManifest();
    m.appliances[0].expose = [{ terminal: 'out', port: 8080 }];
    m.appliances[1].expose = [{ terminal: 'inn', port: 8081 }];
    const result = validate(m);
    expect(messagesAt(result, 'appliances[0].expose[0].terminal')).toEqual([
      '"out" is an output of class "halb"; only input terminals can be exposed',
    ]);
    expect(messagesAt(result, 'appliances[1].expose[0].terminal')).toEqual([
      'class "web-php" has no input "inn" (did you mean "in"?)',
    ]);
  });

  it('never an fs terminal', () => {
    const m = shopManifest();
    m.appliances[2].expose = [{ terminal: 'fs', port: 8081 }];
    expect(messagesAt(validate(m), 'appliances[2].expose[0].terminal')).toEqual([
      '"fs" is a shared volume (fs), not a network service; it cannot be exposed',
    ]);
  });

  it('only a terminal that listens on a port', () => {
    const m = shopManifest();
    m.appliances.push({ name: 'proxy', class: 'tcp-proxy', expose: [{ terminal: 'admin', port: 9001 }] });
    expect(messagesAt(validate(m), 'appliances[4].expose[0].terminal')).toEqual([
      'input "admin" of class "tcp-proxy" declares no port to publish',
    ]);
  });

  it('host port inside the default range 1024-65535', () => {
    const m = shopManifest();
    m.appliances[0].expose = [{ terminal: 'in', port: 80 }];
    expect(messagesAt(validate(m), 'appliances[0].expose[0].port')).toEqual([
      'host port 80 is outside the allowed range 1024–65535',
    ]);
    m.appliances[0].expose = [{ terminal: 'in', port: 1024 }];
    expect(validate(m).ok).toBe(true);
    m.appliances[0].expose = [{ terminal: 'in', port: 65536 }];
    expect(messagesAt(validate(m), 'appliances[0].expose[0].port')).toEqual(['must be at most 65535']);
  });

  it('host port inside a configured range', () => {
    const m = shopManifest();
    const options = { portRange: { min: 20000, max: 20999 } };
    expect(messagesAt(validate(m, options), 'appliances[0].expose[0].port')).toEqual([
      'host port 8080 is outside the allowed range 20000–20999',
    ]);
    m.appliances[0].expose = [{ terminal: 'in', port: 20500 }];
    expect(validate(m, options).ok).toBe(true);
  });

  it('host port unique within the VDC', () => {
    const m = shopManifest();
    m.appliances[2].expose = [{ terminal: 'http', port: 8080 }];
    expect(messagesAt(validate(m), 'appliances[2].expose[0].port')).toEqual([
      'host port 8080 is already exposed by lb.in in this VDC',
    ]);
  });

  it('host port not taken elsewhere, naming who holds it', () => {
    const takenPorts = new Map([[8080, 'VDC "blog"']]);
    expect(messagesAt(validate(shopManifest(), { takenPorts }), 'appliances[0].expose[0].port')).toEqual([
      'host port 8080 is already used by VDC "blog"',
    ]);
  });

  it('refuses the same terminal exposed twice, even on two host ports', () => {
    const m = shopManifest();
    m.appliances[0].expose = [
      { terminal: 'in', port: 8080 },
      { terminal: 'in', port: 8443 },
    ];
    const result = validate(m);
    expect(result.ok).toBe(false);
    expect(messagesAt(result, 'appliances[0].expose[1].terminal')).toEqual([
      'terminal "in" is already exposed by expose[0]; expose each terminal once',
    ]);
    expect(messagesAt(result, 'appliances[0].expose[0].terminal')).toEqual([]);
  });

  it('lets two appliances each expose their own terminal of the same name', () => {
    const m = shopManifest();
    m.appliances[1].expose = [{ terminal: 'in', port: 8081 }];
    expect(validate(m).ok).toBe(true);
  });
});
