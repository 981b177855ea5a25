import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const www = {
  name: 'www',
  hostPort: 8080,
  address: '127.0.0.1:8080',
  vdc: 'shop-v2',
  appliance: 'lb',
  terminal: 'in',
  previousVdc: 'shop',
  state: 'ready',
  switchedAt: '2026-11-27T11:58:00.000Z',
  createdAt: '2026-11-27T11:00:00.000Z',
};
const started = { status: 202, body: { entry: { ...www, state: 'creating' }, operation: operation({ id: 'op_e', kind: 'entry_switch' }) } };
const finished = { body: { operation: operation({ id: 'op_e', kind: 'entry_switch', status: 'succeeded', progress: 100 }), logs: [] } };

describe('colo entry', () => {
  it('lists entries as a table, and says how to make one when there are none', async () => {
    server = await startFakeColo({ 'GET /entries': { body: { entries: [www] } } });
    const res = await runCli(['entry', 'ls'], { server, now: Date.parse('2026-11-27T12:00:00.000Z') });
    const [head, row] = res.stdout.split('\n');
    expect(head).toMatch(/^NAME\s+ADDRESS\s+VDC\s+TARGET\s+STATE\s+WAKE\s+BEFORE\s+SWITCHED$/);
    expect(row).toMatch(/^www\s+127\.0\.0\.1:8080\s+shop-v2\s+lb\.in\s+ready\s+-\s+shop\s+2m ago$/);
    server.close();
    server = await startFakeColo({ 'GET /entries': { body: { entries: [] } } });
    expect((await runCli(['entry', 'ls'], { server })).stdout).toBe('no entries yet (make one: colo entry create NAME --port PORT --vdc VDC)\n');
  });

  it('creates an entry with its port, VDC and target, follows it, and shows where it points', async () => {
    server = await startFakeColo({ 'POST /entries': started, 'GET /operations/:id': finished, 'GET /entries/:name': { body: { entry: www } } });
    const res = await runCli(['entry', 'create', 'www', '--port', '8080', '--vdc', 'shop', '--target', 'lb.in', '--wait'], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/entries', body: { name: 'www', port: 8080, vdc: 'shop', target: 'lb.in' } });
    expect(res.stdout).toBe('[100%] entry_switch succeeded\nentry www: 127.0.0.1:8080 → shop-v2 lb.in (ready; before: shop)\n');
  });

  it('asks for start on first request with --wake, turns it off on a switch with --no-wake, and shows it', async () => {
    server = await startFakeColo({
      'POST /entries': started,
      'POST /entries/:name/switch': started,
      'GET /operations/:id': finished,
      'GET /entries/:name': { body: { entry: { ...www, wake: true } } },
    });
    const res = await runCli(['entry', 'create', 'www', '--port', '8080', '--vdc', 'shop', '--wake', '--wait'], { server });
    expect(res.code, res.stderr).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/entries', body: { name: 'www', port: 8080, vdc: 'shop', wake: true } });
    expect(res.stdout).toMatch(/entry www: 127\.0\.0\.1:8080 → shop-v2 lb\.in \(ready; before: shop; starts its VDC on the first request\)\n$/);
    expect((await runCli(['entry', 'switch', 'www', 'shop', '--no-wake'], { server })).code).toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/entries/www/switch', body: { vdc: 'shop', wake: false } });
  });

  it('switches an entry to a VDC, and removes one only when confirmed', async () => {
    server = await startFakeColo({ 'POST /entries/:name/switch': started, 'DELETE /entries/:name': started, 'GET /operations/:id': finished });
    expect((await runCli(['entry', 'switch', 'www', 'shop-v2'], { server })).code).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/entries/www/switch', body: { vdc: 'shop-v2' } });
    const refused = await runCli(['entry', 'rm', 'www'], { server });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refusing to remove entry www without --yes/);
    expect(server.requests).toHaveLength(1);
    expect((await runCli(['entry', 'rm', 'www', '--yes'], { server })).code).toBe(0);
    expect(server.requests[1]).toMatchObject({ method: 'DELETE', path: '/entries/www' });
  });

  it('refuses bad arguments before calling the server', async () => {
    server = await startFakeColo({});
    const cases: [string[], RegExp][] = [
      [['entry', 'open'], /unknown action "open": use one of ls, show, create, switch, rm/],
      [['entry', 'create', 'www', '--vdc', 'shop'], /create needs --port PORT/],
      [['entry', 'create', 'www', '--port', 'http', '--vdc', 'shop'], /--port "http" must be a port number/],
      [['entry', 'create', 'www', '--port', '8080'], /create needs --vdc VDC/],
      [['entry', 'switch', 'www'], /switch needs the VDC to point it at/],
      [['entry', 'show'], /show needs NAME/],
      [['entry', 'ls', 'www'], /too many arguments for entry ls/],
      [['entry', 'switch', 'www', 'shop', '--port', '9000'], /--port and --vdc only apply to create/],
      [['entry', 'ls', '--wait'], /--wait and --timeout do not apply to ls/],
      [['entry', 'rm', 'www', '--wake'], /--wake and --no-wake only apply to create and switch/],
      [['entry', 'create', 'www', '--port', '8080', '--vdc', 'shop', '--no-wake'], /--no-wake only applies to switch/],
      [['entry', 'switch', 'www', 'shop', '--wake', '--no-wake'], /--wake and --no-wake contradict each other/],
    ];
    for (const [argv, message] of cases) {
      const res = await runCli(argv, { server });
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stderr, argv.join(' ')).toMatch(message);
    }
    expect(server.requests).toEqual([]);
  });

  it('passes the server\'s refusal on, naming what is wrong', async () => {
    server = await startFakeColo({ 'POST /entries': apiError(409, 'name_taken', 'port: host port 8080 is already used by VDC "blog"') });
    const res = await runCli(['entry', 'create', 'www', '--port', '8080', '--vdc', 'shop'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/port: host port 8080 is already used by VDC "blog"/);
  });
});
