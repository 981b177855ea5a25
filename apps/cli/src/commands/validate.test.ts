import { afterEach, describe, expect, it } from 'vitest';
import { SHOP_YAML, VALID, writeManifest } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const invalid = {
  ok: false,
  errors: [
    { path: 'appliances[1].class', message: 'unknown class "web-phq" (did you mean "web-php"?)', severity: 'error', appliance: 'web', field: 'class' },
    { path: 'connections[0].to', message: 'appliance "nowhere" does not exist', severity: 'error', field: 'wire lb.out → nowhere.in' },
    // An older server sends no words: the path stands in for them.
    { path: 'visual.x', message: 'not an appliance', severity: 'error' },
  ],
  warnings: [{ path: 'appliances[0]', message: 'output "out" is not connected', severity: 'warning', appliance: 'lb' }],
};

describe('colo validate', () => {
  it('sends the file text to POST /validate and says it is valid', async () => {
    server = await startFakeColo({ 'POST /validate': { body: VALID } });
    const file = writeManifest();
    const res = await runCli(['validate', '-f', file], { server });
    expect(res).toEqual({ code: 0, stdout: `${file} is valid\n`, stderr: '' });
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/validate', body: { manifest: SHOP_YAML } }]);
  });

  it('prints every error and warning as appliance · field: message and exits 1 when invalid', async () => {
    server = await startFakeColo({ 'POST /validate': { body: invalid } });
    const res = await runCli(['validate', '-f', writeManifest(SHOP_YAML, 'bad.yaml')], { server });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(
      [
        'web · class: unknown class "web-phq" (did you mean "web-php"?)',
        'wire lb.out → nowhere.in: appliance "nowhere" does not exist',
        'visual.x: not an appliance',
        'warning: lb: output "out" is not connected',
        '',
      ].join('\n'),
    );
    expect(res.stderr).toMatch(/^error: \S+bad\.yaml is invalid: 3 errors, 1 warning\n$/);
  });

  it('reads the manifest from stdin with -f -', async () => {
    server = await startFakeColo({ 'POST /validate': { body: VALID } });
    const res = await runCli(['validate', '-f', '-'], { server, stdin: 'name: from-stdin\n' });
    expect(res.stdout).toBe('stdin is valid\n');
    expect(server.requests[0].body).toEqual({ manifest: 'name: from-stdin\n' });
  });

  it('prints the server answer with --json, still exiting 1 when invalid', async () => {
    server = await startFakeColo({ 'POST /validate': { body: invalid } });
    const res = await runCli(['validate', '-f', writeManifest(), '--json'], { server });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, errors: invalid.errors, warnings: invalid.warnings });
  });

  it('fails clearly on a missing file or a missing -f, before calling the server', async () => {
    server = await startFakeColo({ 'POST /validate': { body: VALID } });
    const missing = await runCli(['validate', '-f', '/nonexistent/shop.yaml'], { server });
    expect(missing).toMatchObject({ code: 1, stderr: 'error: /nonexistent/shop.yaml: no such file\n' });
    const noFlag = await runCli(['validate'], { server });
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/^error: missing -f FILE/);
    expect(server.requests).toEqual([]);
  });

  it('shows the server message for a refused request', async () => {
    server = await startFakeColo({ 'POST /validate': apiError(400, 'bad_request', 'manifest must be a string or an object') });
    const res = await runCli(['validate', '-f', writeManifest()], { server });
    expect(res).toMatchObject({ code: 1, stderr: 'error: manifest must be a string or an object\n' });
  });
});
