// The real `colo` process (bin/colo.js through tsx), to prove what in-process tests cannot:
// exit codes, stdout/stderr separation, stdin, and no terminal to confirm on.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VALID, operation, writeManifest } from '../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../test/fake-colo';
import { tempDir } from '../test/run-cli';

const BIN = path.resolve(import.meta.dirname, '../bin/colo.js');

let server: FakeColo | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function colo(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = tempDir();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b) => {
      stdout += b;
    });
    proc.stderr.on('data', (b) => {
      stderr += b;
    });
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
    proc.stdin.end(stdin ?? '');
  });
}

const serverEnv = (s: FakeColo) => ({ COLO_URL: s.url, COLO_TOKEN: s.token });

describe('the colo process', () => {
  it('exits 0 with output on stdout only', async () => {
    const res = await colo(['version']);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toMatch(/^colo \d+\.\d+\.\d+\n$/);
  });

  it('exits 1 with one line on stderr when not logged in', async () => {
    const res = await colo(['ls']);
    expect(res).toEqual({ code: 1, stdout: '', stderr: 'error: not logged in: run `colo login URL --token T` or set COLO_URL and COLO_TOKEN\n' });
  });

  it('exits 2 on a usage error', async () => {
    const res = await colo(['apply', '--wiat']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: unknown option --wiat \(did you mean --wait\?\)\n/);
  });

  it('says how to start Colo when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const res = await colo(['ls'], { COLO_URL: `http://127.0.0.1:${port}`, COLO_TOKEN: 't' });
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot reach Colo at http://127.0.0.1:${port}: is it running? (bash scripts/up.sh)\n`,
    });
  });

  it('applies a manifest from stdin and exits with the operation\'s outcome', async () => {
    let polls = 0;
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': apiError(404, 'not_found', 'not found'),
      'POST /vdcs': { status: 201, body: { vdc: { name: 'shop' }, revision: { number: 1 } } },
      'POST /vdcs/:name/deploy': { status: 202, body: { operation: operation() } },
      'GET /operations/:id': () => ({
        body: { operation: ++polls < 2 ? operation({ status: 'running', progress: 40 }) : operation({ status: 'failed', progress: 40, error: 'boom' }), logs: [] },
      }),
    });
    const res = await colo(['apply', '-f', '-', '--wait'], serverEnv(server), readFileSync(writeManifest(), 'utf8'));
    expect(res.stdout).toBe('created shop (revision 1)\n[ 40%] deploy op_1: running\n[ 40%] deploy failed: boom\n');
    expect(res.stderr).toBe('error: deploy op_1 failed: boom\n');
    expect(res.code).toBe(1);
  });

  it('refuses to destroy without --yes when there is no terminal to ask on', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/destroy': { status: 202, body: { operation: operation({ kind: 'destroy' }) } } });
    const res = await colo(['destroy', 'shop'], serverEnv(server));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: refusing to destroy shop without --yes/);
    expect(server.requests).toEqual([]);
  });
});
