import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, TOKEN, startFakeColo } from '../../test/fake-colo';
import { runCli, tempDir } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const me = { body: { user: { id: 'usr_1', email: 'ann@colo.test', name: 'Ann' } } };

describe('colo login', () => {
  it('checks the token with GET /me, then saves url and token with mode 600', async () => {
    server = await startFakeColo({ 'GET /me': me, 'GET /vdcs': { body: { vdcs: [] } } });
    const config = tempDir();
    const res = await runCli(['login', `${server.url}/`, '--token', TOKEN], { env: { XDG_CONFIG_HOME: config } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const file = path.join(config, 'colo', 'config.json');
    expect(res.stdout).toBe(`logged in to ${server.url} as ann@colo.test\nsaved ${file}\n`);
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/me', authorization: `Bearer ${TOKEN}` }]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: server.url, token: TOKEN });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // The next command finds the server and token in the file alone.
    const ls = await runCli(['ls'], { env: { XDG_CONFIG_HOME: config } });
    expect(ls.code).toBe(0);
    expect(server.requests[1]).toMatchObject({ method: 'GET', path: '/vdcs', authorization: `Bearer ${TOKEN}` });
  });

  it('reads the token from stdin with --token -', async () => {
    server = await startFakeColo({ 'GET /me': me });
    const config = tempDir();
    const res = await runCli(['login', server.url, '--token', '-', '--json'], { env: { XDG_CONFIG_HOME: config }, stdin: `${TOKEN}\n` });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ url: server.url, user: { email: 'ann@colo.test' } });
    expect(JSON.parse(readFileSync(path.join(config, 'colo', 'config.json'), 'utf8')).token).toBe(TOKEN);
  });

  it('saves nothing when the server rejects the token', async () => {
    server = await startFakeColo({ 'GET /me': me });
    const config = tempDir();
    const res = await runCli(['login', server.url, '--token', 'wrong'], { env: { XDG_CONFIG_HOME: config } });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`error: token rejected by ${server.url}: check the token and try again\n`);
    expect(existsSync(path.join(config, 'colo', 'config.json'))).toBe(false);
  });

  it('notes that COLO_URL / COLO_TOKEN still win over the saved file', async () => {
    server = await startFakeColo({ 'GET /me': me });
    const res = await runCli(['login', server.url, '--token', TOKEN], { env: { COLO_TOKEN: 'other' } });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^note: COLO_URL \/ COLO_TOKEN are set/);
  });

  it('needs a URL and a token', async () => {
    const noToken = await runCli(['login', 'http://127.0.0.1:3000']);
    expect(noToken).toMatchObject({ code: 2, stderr: 'error: missing --token T\nrun `colo login --help` for usage\n' });
    const noUrl = await runCli(['login', '--token', 't']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/^error: missing URL\n/);
    const badUrl = await runCli(['login', 'localhost', '--token', 't']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^error: URL: "localhost" is not a URL/);
  });
});
