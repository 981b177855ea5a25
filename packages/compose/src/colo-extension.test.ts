// x-colo keys are untrusted like the rest of a compose file: a service's x-colo must be an
// appliance of the class its image runs, and nothing in it, or beside it, passes a check it would
// fail without it. Colo images (`colo/<class>:<version>`) name their class.
import type { Catalog } from '@colo/manifest';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockCatalog } from '../test/fixture-catalog';
import { importCompose } from './import-compose';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const web = (extra: string) => `services:\n  web:\n    image: colo/web-php:1\n${extra}`;
const refusedKeys = (text: string) => {
  const r = importCompose(text, { name: 'x', catalog });
  expect(r.ok).toBe(false);
  return r.report.filter((l) => l.severity === 'refused').map((l) => l.key);
};

describe('x-colo on import', () => {
  it('a Colo image names its class, with or without x-colo', () => {
    expect(importCompose(web(''), { name: 'x', catalog }).manifest?.appliances).toEqual([{ name: 'web', class: 'web-php' }]);
    const r = importCompose(web('    x-colo: { class: web-php, replicas: 2, properties: { workers: 3 } }\n'), { name: 'x', catalog });
    expect(r.manifest?.appliances).toEqual([{ name: 'web', class: 'web-php', replicas: 2, properties: { workers: 3 } }]);
  });

  it('refuses an x-colo that is not an appliance, or carries keys an appliance has not', () => {
    expect(refusedKeys(web('    x-colo: yes\n'))).toEqual(['x-colo']);
    expect(refusedKeys(web('    x-colo: { class: web-php, privileged: true }\n'))).toEqual(['x-colo']);
    expect(refusedKeys(web('    x-colo: { class: postgres }\n'))).toEqual(['x-colo']);
  });

  it('accepts cap_add and sysctls only within what the class gets anyway', () => {
    expect(refusedKeys(web('    cap_add: [SYS_ADMIN]\n    x-colo: { class: web-php }\n'))).toEqual(['cap_add']);
    expect(refusedKeys(web('    sysctls: { net.ipv4.ip_forward: "1" }\n'))).toEqual(['sysctls']);
    const ok = importCompose(web('    sysctls: { net.ipv4.ip_unprivileged_port_start: "0" }\n'), { name: 'x', catalog });
    expect(ok.report).toContainEqual(expect.objectContaining({ key: 'sysctls', severity: 'dropped' }));
  });

  it('holds x-colo-vdc connections and x-colo values to the validator', () => {
    const bad = importCompose(`${web('    x-colo: { class: web-php }\n')}x-colo-vdc: { connections: [{ from: web.db, to: nowhere.in }] }\n`, { name: 'x', catalog });
    expect(bad.ok).toBe(false);
    expect(refusedKeys(web('    x-colo: { class: web-php, replicas: 100000 }\n'))).toEqual(['x-colo']);
    expect(importCompose(web('    x-colo: { class: web-php, resources: { cpu: 512 } }\n'), { name: 'x', catalog }).ok).toBe(false);
  });
});
