// Any text, and any compose-shaped value written as YAML, gets an answer — a manifest the shared
// validator accepts, or refusal lines — never an exception.
import { validateManifest } from '@colo/manifest';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { stockCatalog } from '../test/fixture-catalog';
import { importCompose } from './import-compose';

let catalog: Awaited<ReturnType<typeof stockCatalog>>;
beforeAll(async () => {
  catalog = await stockCatalog();
});

const word = fc.constantFrom('web', 'db', 'DB_1', 'cache', '../x', '/etc', 'host', 'nginx', 'postgres:16', 'redis', 'x'.repeat(40), '');
const leaf = fc.oneof(word, fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 4 }), fc.dictionary(word, leaf, { maxKeys: 4 }));
const serviceKey = fc.constantFrom(
  'image', 'ports', 'volumes', 'environment', 'depends_on', 'links', 'networks', 'deploy', 'scale', 'cpus', 'mem_limit',
  'privileged', 'network_mode', 'user', 'security_opt', 'command', 'build', 'cap_add',
);
const service = fc.dictionary(serviceKey, value, { maxKeys: 6 });
const composeFile = fc.record({ services: fc.dictionary(word, service, { maxKeys: 5 }), volumes: fc.option(fc.dictionary(word, value)) }, { requiredKeys: [] });

describe('importCompose never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = importCompose(text, { name: 'fuzz', catalog });
        expect(r.ok || r.report.some((l) => l.severity === 'refused')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on compose-shaped values; whatever it makes passes the validator', () => {
    fc.assert(
      fc.property(composeFile, (file) => {
        const r = importCompose(stringify(file), { name: 'fuzz', catalog });
        if (r.ok) expect(validateManifest(r.manifest, catalog, { mode: 'edit' }).ok).toBe(true);
        else expect(r.report.some((l) => l.severity === 'refused')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
