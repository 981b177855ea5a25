import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';
import { asCopyManifest } from './upgrade';

let server: FakeColo;
afterEach(() => server?.close());

const dir = mkdtempSync(path.join(tmpdir(), 'colo-upgrade-'));
const file = path.join(dir, 'shop-v2.yaml');
writeFileSync(
  file,
  'apiVersion: colo/v1\nkind: VDC\nname: shop\n# the new web class\nappliances:\n  - name: lb\n    class: halb\n    expose: [{ terminal: in, port: 8080 }]\n  - { name: web, class: web-php@2 }\n',
);

const done = (id: string, kind: string, result: Record<string, unknown> = {}) => ({
  body: { operation: operation({ id, kind, status: 'succeeded', progress: 100, result }), logs: [] },
});
const entry = { name: 'www', hostPort: 9000, address: '127.0.0.1:9000', vdc: 'shop', appliance: 'lb', terminal: 'in', previousVdc: null, state: 'ready', switchedAt: null, createdAt: '2026-11-27T11:00:00.000Z' };

function upgradeServer(validation = { ok: true, errors: [], warnings: [] }) {
  return startFakeColo({
    'POST /validate': { body: validation },
    'POST /vdcs/:name/clone': { status: 202, body: { operation: operation({ id: 'op_clone', kind: 'clone' }) } },
    'GET /operations/:id': (_req, { id }) =>
      id === 'op_clone' ? done(id, 'clone', { vdc: 'shop-v2', ports: { '8080': 8081 }, deployOperation: 'op_d1' }) : done(id, id === 'op_sw' ? 'entry_switch' : 'deploy'),
    'GET /vdcs/:name': { body: { vdc: { name: 'shop-v2' }, revision: { number: 1 } } },
    'PUT /vdcs/:name': { body: { vdc: { name: 'shop-v2' }, revision: { number: 2 }, changed: true } },
    'POST /vdcs/:name/deploy': { status: 202, body: { operation: operation({ id: 'op_d2' }) } },
    'GET /entries': { body: { entries: [entry, { ...entry, name: 'other', vdc: 'blog' }] } },
    'POST /entries/:name/switch': { status: 202, body: { entry, operation: operation({ id: 'op_sw', kind: 'entry_switch' }) } },
  });
}

describe('colo upgrade', () => {
  it('clones, saves the file as the copy\'s revision under its name and ports, deploys it and switches the entries', async () => {
    server = await upgradeServer();
    const res = await runCli(['upgrade', 'shop', 'shop-v2', '-f', file, '--switch'], { server });
    expect(res.code, res.stderr).toBe(0);
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => !c.startsWith('GET /operations'))).toEqual([
      'POST /validate',
      'POST /vdcs/shop/clone',
      'GET /vdcs/shop-v2',
      'PUT /vdcs/shop-v2',
      'POST /vdcs/shop-v2/deploy',
      'GET /entries',
      'POST /entries/www/switch',
    ]);
    const put = server.requests.find((r) => r.method === 'PUT')?.body as { manifest: string; baseRevision: number };
    expect(put.baseRevision).toBe(1);
    expect(put.manifest).toContain('name: shop-v2');
    expect(put.manifest).toContain('port: 8081');
    expect(put.manifest).toContain('# the new web class');
    expect(server.requests.find((r) => r.path === '/entries/www/switch')?.body).toEqual({ vdc: 'shop-v2' });
    expect(res.stdout).toContain('entry www now points at shop-v2; roll back with: colo entry switch www shop');
  });

  it('without --switch says how to switch, and changes no entry', async () => {
    server = await upgradeServer();
    const res = await runCli(['upgrade', 'shop', 'shop-v2', '-f', file], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('entry www still points at shop: switch it with: colo entry switch www shop-v2 --wait');
    expect(server.requests.some((r) => r.path.endsWith('/switch'))).toBe(false);
  });

  it('refuses an invalid file, or the same name, before anything starts', async () => {
    server = await upgradeServer({ ok: false, errors: [{ path: 'appliances[1].class', message: 'unknown class web-php@9', severity: 'error' }], warnings: [] } as never);
    const bad = await runCli(['upgrade', 'shop', 'shop-v2', '-f', file], { server });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/is invalid: 1 error/);
    expect(server.requests.map((r) => r.path)).toEqual(['/validate']);
    const same = await runCli(['upgrade', 'shop', 'shop', '-f', file], { server });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/NEW must differ from NAME/);
  });

  it('renames and moves ports in the text, keeping the rest', () => {
    const text = asCopyManifest({ text: 'name: a\nappliances:\n  - { name: x, class: y, expose: [{ terminal: in, port: 80 }, { terminal: b, port: 81 }] }\n', label: 'f' }, 'b', { '80': 9080 });
    expect(text).toContain('name: b');
    expect(text).toMatch(/port: 9080/);
    expect(text).toMatch(/port: 81/);
    expect(() => asCopyManifest({ text: '- just\n- a list\n', label: 'f' }, 'b', {})).toThrow(/not a manifest/);
  });
});
