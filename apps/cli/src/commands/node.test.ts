import { afterEach, describe, expect, it } from 'vitest';
import { apiError, type FakeColo, startFakeColo } from '../../test/fake-colo';
import { operation } from '../../test/fixtures';
import { runCli } from '../../test/run-cli';
import { parseLabels, runsText } from './node';

let server: FakeColo;
afterEach(() => server?.close());

const GI = 1024 ** 3;
const host = { hostname: 'colo-1', cpus: 4, memoryBytes: 8 * GI, engineVersion: '20.10.24' };
const manager = { mode: 'manager', localState: 'active', nodeId: 'aaa', managerAddress: '10.0.0.1:2377', host };
const task = (id: string, slot: number) => ({ id, slot, state: 'running' });
const web = { service: 'colo-shop-web', colo: true, vdc: 'vdc_1', vdcName: 'shop', appliance: 'web', pinned: false, tasks: [task('t1', 1), task('t2', 2)] };
const db = { service: 'colo-shop-db', colo: true, vdc: 'vdc_1', vdcName: 'shop', appliance: 'db', pinned: true, tasks: [task('t3', 1)] };
const node = (hostname: string, extra: Record<string, unknown> = {}) => ({
  id: `id-${hostname}`,
  hostname,
  role: 'worker',
  leader: false,
  state: 'ready',
  availability: 'active',
  address: '10.0.0.2',
  cpus: 2,
  memoryBytes: 4 * GI,
  labels: {},
  engineVersion: '20.10.24',
  runs: [],
  ...extra,
});

describe('colo node', () => {
  it('lists the nodes with what runs where', async () => {
    server = await startFakeColo({
      'GET /nodes': { body: { status: manager, nodes: [node('n1', { role: 'manager', leader: true, runs: [db] }), node('n2', { labels: { zone: 'b' }, runs: [web, { ...web, colo: false, service: 'x' }] })] } },
    });
    const res = await runCli(['node', 'ls'], { server });
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'NODE  ROLE              STATE  AVAILABILITY  CPU  MEMORY   LABELS  RUNS',
        'n1    manager (leader)  ready  active        2    4.0 GiB  -       shop/db (pinned)',
        'n2    worker            ready  active        2    4.0 GiB  zone=b  shop/web ×2, +1 other',
        '',
      ].join('\n'),
    });
  });

  it('shows a single host and how to grow', async () => {
    server = await startFakeColo({ 'GET /nodes': { body: { status: { mode: 'single', localState: 'inactive', host }, nodes: [] } } });
    const res = await runCli(['node'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      'single host: colo-1 — 4 CPU, 8.0 GiB memory, Docker 20.10.24\nnot a swarm: `colo node init` makes this machine a swarm manager, then `colo node add` tells how to join others\n',
    );
  });

  it('initialises with the address asked for, and prints the join command alone on stdout', async () => {
    server = await startFakeColo({
      'POST /nodes/init': { body: { status: manager, adopted: false } },
      'GET /nodes/join': (req) => ({ body: { role: req.query.role, token: 'SWMTKN-1-x', managerAddress: '10.0.0.1:2377', command: 'docker swarm join --token SWMTKN-1-x 10.0.0.1:2377' } }),
    });
    const init = await runCli(['node', 'init', '--advertise', '10.0.0.1', '--pool', '10.200.0.0/16'], { server });
    expect(init.stdout).toBe('initialised a swarm; managers are reached at 10.0.0.1:2377\nadd machines with: colo node add\n');
    expect(server.requests[0]?.body).toEqual({ advertiseAddress: '10.0.0.1', addressPool: '10.200.0.0/16' });
    // A Colo from before bootstrap links: the join alone, and the images copied by hand.
    const add = await runCli(['node', 'add', '--manager'], { server });
    expect(add.stdout).toBe('docker swarm join --token SWMTKN-1-x 10.0.0.1:2377\n');
    expect(add.stderr).toContain('joins as a manager');
    expect(add.stderr).toContain('docker save colo/registry-relay:1 colo/share:1 | ssh NEW-MACHINE docker load');
    expect(server.requests[1]?.query).toEqual({ role: 'manager' });
  });

  it('adds a node with one line: the images from a one-use link, then the join; a link only this machine can reach is pointed out', async () => {
    const join = 'docker swarm join --token SWMTKN-1-x 10.0.0.1:2377';
    const answer = (origin: string) => {
      const url = `${origin}/api/v1/nodes/bootstrap/cboot_abc`;
      const bootstrap = { url, expiresAt: '2026-12-03T19:30:00.000Z', images: ['colo/registry-relay:1', 'colo/share:1'], loadCommand: `curl -fsS ${url} | docker load` };
      return { role: 'worker', token: 'SWMTKN-1-x', managerAddress: '10.0.0.1:2377', command: join, bootstrap, bootstrapCommand: `${bootstrap.loadCommand} && ${join}` };
    };
    let origin = 'http://10.0.0.1:3000';
    server = await startFakeColo({ 'GET /nodes/join': () => ({ body: answer(origin) }) });
    const add = await runCli(['node', 'add'], { server });
    expect(add.stdout).toBe(`curl -fsS http://10.0.0.1:3000/api/v1/nodes/bootstrap/cboot_abc | docker load && ${join}\n`);
    expect(add.stderr).toContain("it first loads Colo's images (colo/registry-relay:1, colo/share:1) from a link that serves once, until 2026-12-03T19:30:00.000Z");
    expect(add.stderr).not.toContain('docker save');
    expect(add.stderr).not.toContain('cannot reach');
    origin = 'http://127.0.0.1:3000';
    expect((await runCli(['node', 'add'], { server })).stderr).toContain('the link names 127.0.0.1, which another machine cannot reach: set COLO_PUBLIC_URL');
  });

  it('drains after confirmation; with --keep-data it names what stays, stopped, with its data', async () => {
    server = await startFakeColo({
      'POST /nodes/:node/drain': { body: { node: node('n2', { availability: 'drain' }), moved: true, waitedMs: 3000, pinned: [db], remaining: [], moving: [] } },
    });
    const refused = await runCli(['node', 'drain', 'n2'], { server });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refusing to drain n2 without --yes');
    const res = await runCli(['node', 'drain', 'n2', '--wait', '20', '--keep-data'], { server, confirm: async () => true });
    expect(res.stdout).toBe('drained n2: everything that can move has moved\nkept there, its data is on n2 (stopped until the node is active again): shop/db (pinned)\n');
    expect(server.calls()).toEqual(['POST /nodes/n2/drain']);
    expect(server.requests[0]?.body).toEqual({ waitSeconds: 20, keepData: true });
    expect((await runCli(['node', 'drain', 'n2', '--wait', '301', '--yes'], { server })).stderr).toContain('--wait must be a whole number of seconds from 0 to 300');
  });

  it('moves the data off the node first, following each move, then drains', async () => {
    let drains = 0;
    server = await startFakeColo({
      'POST /nodes/:node/drain': () =>
        drains++ === 0
          ? { body: { node: node('n2', { runs: [web, db] }), moved: false, waitedMs: 0, pinned: [db], remaining: [], moving: [{ vdc: 'vdc_1', vdcName: 'shop', operationId: 'op_7' }] } }
          : { body: { node: node('n2', { availability: 'drain' }), moved: true, waitedMs: 2000, pinned: [], remaining: [], moving: [] } },
      'GET /operations/:id': { body: { operation: operation({ id: 'op_7', kind: 'move', status: 'succeeded', progress: 100 }), logs: [] } },
    });
    const res = await runCli(['node', 'drain', 'n2', '--yes'], { server });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('moving data off n2 first: shop (op_7)\n');
    expect(res.stdout).toContain('move succeeded');
    expect(res.stdout.trim().split('\n').at(-1)).toBe('drained n2: everything that can move has moved');
    expect(server.calls()).toEqual(['POST /nodes/n2/drain', 'GET /operations/op_7', 'POST /nodes/n2/drain']);
    expect(server.requests[0]?.body).toEqual({ waitSeconds: 45 });
  });

  it('stops when a move fails, and does not drain', async () => {
    server = await startFakeColo({
      'POST /nodes/:node/drain': { body: { node: node('n2', { runs: [db] }), moved: false, waitedMs: 0, pinned: [db], remaining: [], moving: [{ vdc: 'vdc_1', vdcName: 'shop', operationId: 'op_7' }] } },
      'GET /operations/:id': { body: { operation: operation({ id: 'op_7', kind: 'move', status: 'failed', progress: 40, error: 'no other ready, active node to move db to' }), logs: [] } },
    });
    const res = await runCli(['node', 'drain', 'n2', '--yes'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("moving shop's data off n2 failed, so n2 is not drained (colo op op_7)");
    expect(server.calls()).toEqual(['POST /nodes/n2/drain', 'GET /operations/op_7']);
  });

  it('labels, activates and removes, passing the refusals on', async () => {
    server = await startFakeColo({
      'POST /nodes/:node/labels': (req) => ({ body: { node: node('n2', { labels: (req.body as { add: Record<string, string> }).add }) } }),
      'POST /nodes/:node/activate': { body: { node: node('n2') } },
      'DELETE /nodes/:node': (req) =>
        req.query.force === 'true' ? { body: { removed: { id: 'id-n3', hostname: 'n3' } } } : apiError(400, 'bad_request', 'node n3 is active: drain it first (colo node drain n3)'),
    });
    expect((await runCli(['node', 'label', 'n2', 'zone=b', 'disk=ssd', 'old-'], { server })).stdout).toBe('n2: zone=b,disk=ssd\n');
    expect(server.requests[0]?.body).toEqual({ add: { zone: 'b', disk: 'ssd' }, remove: ['old'] });
    expect((await runCli(['node', 'activate', 'n2'], { server })).stdout).toBe('n2 is active: it takes tasks again\n');
    const refused = await runCli(['node', 'rm', 'n3', '--yes'], { server });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('node n3 is active: drain it first');
    expect((await runCli(['node', 'rm', 'n3', '--yes', '--force'], { server })).stdout).toBe('removed node n3 (id-n3)\n');
    expect((await runCli(['node', 'rm'], { server })).stderr).toContain('node rm needs NODE');
  });

  it('reads labels and runs as a person writes and reads them', () => {
    expect(parseLabels(['a=1', 'b=', 'c-'])).toEqual({ add: { a: '1', b: '' }, remove: ['c'] });
    expect(() => parseLabels(['nope'])).toThrow(/not KEY=VALUE/);
    expect(() => parseLabels([])).toThrow(/at least one/);
    expect(runsText([])).toBe('');
  });
});
