import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli, tempDir } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const TEXT = '# Exported by Colo from VDC "shop", revision 3.\nservices:\n  db:\n    image: colo/postgres:1\n';
const ENV = '# Secrets for the exported compose file.\nCOLO_SECRET_DB_PASSWORD=fresh\n';
const ANSWER = { text: TEXT, env: ENV, revision: 3, report: [] };

describe('colo compose export', () => {
  it('prints the compose file on stdout, and says where its secrets go', async () => {
    server = await startFakeColo({ 'GET /vdcs/shop/compose': { body: ANSWER } });
    const res = await runCli(['compose', 'export', 'shop'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(TEXT);
    expect(res.stdout).not.toContain('fresh');
    expect(res.stderr).toContain('-o FILE');
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/vdcs/shop/compose', query: { format: 'json' } }]);
  });

  it('with -o writes the file and a private .env beside it, never over an existing .env', async () => {
    server = await startFakeColo({ 'GET /vdcs/shop/compose': { body: ANSWER } });
    const dir = tempDir();
    const res = await runCli(['compose', 'export', 'shop', '-o', 'docker-compose.yml', '--with-secrets'], { server, cwd: dir });
    expect(res.code).toBe(0);
    expect(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')).toBe(TEXT);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(ENV);
    expect(statSync(path.join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(server.requests[0].query).toEqual({ format: 'json', secrets: '1' });

    writeFileSync(path.join(dir, '.env'), 'MINE=1\n');
    const again = await runCli(['compose', 'export', 'shop', '-o', 'docker-compose.yml'], { server, cwd: dir });
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('MINE=1\n');
    expect(readFileSync(path.join(dir, 'docker-compose.yml.env'), 'utf8')).toBe(ENV);
    expect(again.stderr).toContain('.env exists and was left as it is');
  });

  it('--json prints the answer; a VDC that is not found exits non-zero with the error', async () => {
    server = await startFakeColo({ 'GET /vdcs/shop/compose': { body: ANSWER }, 'GET /vdcs/nope/compose': apiError(404, 'not_found', 'VDC "nope" not found') });
    const json = await runCli(['compose', 'export', 'shop', '--json'], { server });
    expect(JSON.parse(json.stdout)).toMatchObject({ text: TEXT, revision: 3 });
    const missing = await runCli(['compose', 'export', 'nope'], { server });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('VDC "nope" not found');
  });
});
