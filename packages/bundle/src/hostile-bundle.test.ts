// Bundles written to get past the safety rules (SPEC §5): each is refused with a reason a person
// can act on, and no manifest comes out of it.
import type { Catalog } from '@colo/manifest';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleChecksum } from './bundle-checksum';
import { importBundle } from './import-bundle';
import { stockCatalog } from './test-catalog';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await stockCatalog();
});

function bundleText(manifest: Record<string, unknown>, classes = [{ ref: 'web-php', id: 'web-php', version: 1, origin: 'stock' }]): string {
  const unsigned = { apiVersion: 'colo/v1', kind: 'Bundle', format: 1, exportedAt: '2026-01-01T00:00:00.000Z', from: { vdc: 'x', revision: 1 }, manifest, classes };
  return stringify({ ...unsigned, checksum: bundleChecksum(unsigned) });
}

function reasons(text: string): string {
  const result = importBundle(text, { catalog });
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reasons.join('\n');
}

const web = (extra: Record<string, unknown>) => ({ apiVersion: 'colo/v1', kind: 'VDC', name: 'evil', appliances: [{ name: 'web', class: 'web-php', ...extra }], connections: [] });

describe('hostile bundles', () => {
  it('refuses privileged containers, host paths and the Docker socket in the manifest', () => {
    expect(reasons(bundleText(web({ privileged: true })))).toMatch(/privileged/);
    expect(reasons(bundleText(web({ volumes: ['/var/run/docker.sock:/var/run/docker.sock'] })))).toMatch(/volumes/);
    expect(reasons(bundleText(web({ network_mode: 'host' })))).toMatch(/network_mode/);
  });

  it('refuses extra keys beside the manifest', () => {
    const text = bundleText(web({})).replace('kind: Bundle', 'kind: Bundle\nhostConfig: { Privileged: true }');
    expect(reasons(text)).toMatch(/hostConfig/);
  });

  it('refuses a YAML alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    expect(reasons(levels.join('\n'))).toMatch(/aliases too heavily/);
  });

  it('refuses a bundle over 1 MiB before reading it', () => {
    expect(reasons(`# ${'x'.repeat(1024 * 1024)}\n`)).toMatch(/at most 1 MiB/);
  });

  it('refuses deep nesting', () => {
    expect(reasons(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toMatch(/nest|deep/);
    const deep = bundleText(web({ labels: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) }));
    expect(reasons(deep)).toMatch(/nested more than 32 levels deep/);
  });

  it('refuses a duplicate key', () => {
    expect(reasons(`${bundleText(web({}))}format: 1\n`)).toMatch(/Map keys must be unique/);
  });
});
