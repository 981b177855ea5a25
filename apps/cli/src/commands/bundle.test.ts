// `colo export` and `colo import` against a fake server: what is sent, what is printed, and a
// refused bundle's reasons on stderr with exit 1.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli, tempDir } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const TEXT = 'apiVersion: colo/v1\nkind: Bundle\nformat: 1\n';
const EXPORTED = { text: TEXT, bundle: { from: { vdc: 'shop', revision: 3 } } };

describe('colo export', () => {
  it('prints the bundle, or writes it with -o but never over a file', async () => {
    server = await startFakeColo({ 'GET /vdcs/shop/bundle': { body: EXPORTED } });
    const res = await runCli(['export', 'shop'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(TEXT);
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/vdcs/shop/bundle', query: { format: 'json' } }]);

    const dir = tempDir();
    const written = await runCli(['export', 'shop', '-o', 'shop.colo.yaml'], { server, cwd: dir });
    expect(written.stdout).toBe('wrote shop.colo.yaml (VDC shop, revision 3)\n');
    expect(readFileSync(path.join(dir, 'shop.colo.yaml'), 'utf8')).toBe(TEXT);
    const again = await runCli(['export', 'shop', '-o', 'shop.colo.yaml'], { server, cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
  });

  it('says 404 for a VDC that is not the caller\'s', async () => {
    server = await startFakeColo({ 'GET /vdcs/theirs/bundle': apiError(404, 'not_found', 'VDC theirs not found') });
    const res = await runCli(['export', 'theirs'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('VDC theirs not found');
  });
});

describe('colo import', () => {
  function bundleFile(): string {
    const file = path.join(tempDir(), 'shop.colo.yaml');
    writeFileSync(file, TEXT);
    return file;
  }

  it('sends the file and the name, and prints the VDC made', async () => {
    server = await startFakeColo({ 'POST /bundles/import': { status: 201, body: { vdc: { name: 'copy' }, revision: { number: 1 }, report: [], warnings: [] } } });
    const res = await runCli(['import', bundleFile(), '--name', 'copy'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('created VDC copy (revision 1), not deployed\n');
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/bundles/import', body: { bundle: TEXT, name: 'copy' } }]);
  });

  it('with --dry-run prints the manifest and creates nothing', async () => {
    const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: 'shop', appliances: [{ name: 'web', class: 'web-php' }], connections: [] };
    server = await startFakeColo({ 'POST /bundles/import': { body: { manifest, report: [], errors: [], warnings: [] } } });
    const res = await runCli(['import', '-', '--dry-run'], { server, stdin: TEXT });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^apiVersion: colo\/v1\nkind: VDC\nname: shop\n/);
    expect(server.requests[0].body).toEqual({ bundle: TEXT, dryRun: true });
  });

  it('prints every reason of a refused bundle and exits 1', async () => {
    const reason = 'class web-php version 3 is a committed version of the exporting Colo; patch it here or pin a stock version';
    server = await startFakeColo({
      'POST /bundles/import': apiError(400, 'bad_request', `the bundle was refused, nothing was created: ${reason}`, {
        issues: [{ path: '', message: reason, severity: 'error' }],
      }),
    });
    const res = await runCli(['import', bundleFile()], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(reason);
  });
});
