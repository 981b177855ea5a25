import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const started = { status: 202, body: { operation: operation({ id: 'op_move', kind: 'move' }) } };
const steps = [
  { key: 'copy', title: 'Copy db\'s data to n3', status: 'done' },
  { key: 'start', title: 'Start db on n3', status: 'done' },
];
const finished = { body: { operation: operation({ id: 'op_move', kind: 'move', status: 'succeeded', progress: 100, steps }), logs: [] } };
const statusAfter = {
  body: {
    vdc: { id: 'vdc_1', name: 'shop', state: 'running' },
    appliances: [
      { name: 'db', class: 'postgres', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], data: { nodeId: 'id3', hostname: 'n3', lost: false } },
    ],
    edge: [],
  },
};

describe('colo move', () => {
  it('posts the appliance and target node, follows the move\'s steps with --wait, and says where the data is now', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started, 'GET /operations/:id': finished, 'GET /vdcs/:name/status': statusAfter });
    const res = await runCli(['move', 'shop', 'db', '--to', 'n3', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'moving db of shop onto node n3: its data is copied live from its node, or restored from the newest snapshot if that node is lost; the old copy stays until db is healthy there',
        "[100%] Copy db's data to n3: done",
        '[100%] Start db on n3: done',
        '[100%] move succeeded',
        'db of shop now runs on node n3',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/move', body: { appliance: 'db', node: 'n3' } });
    expect(server.calls()).toEqual(['POST /vdcs/shop/move', 'GET /operations/op_move', 'GET /vdcs/shop/status']);
  });

  it('sends just the appliance when no node is named (Colo picks; a lost node means the newest snapshot)', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started });
    const res = await runCli(['move', 'shop', 'db'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'moving db of shop onto the ready node with the least load: its data is copied live from its node, or restored from the newest snapshot if that node is lost; the old copy stays until db is healthy there',
        'move queued: op_move (follow it: colo op op_move --wait)',
        '',
      ].join('\n'),
    );
    expect(server.requests[0].body).toEqual({ appliance: 'db' });
  });

  it('asks before restoring from a named snapshot, and refuses a snapshot that is not a number', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started });
    const declined = await runCli(['move', 'shop', 'db', '--snapshot', '3'], { server, confirm: async () => false });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toBe('error: move cancelled: nothing was changed\n');
    const bad = await runCli(['move', 'shop', 'db', '--snapshot', 'latest', '--yes'], { server });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/snapshot number "latest" must be a positive whole number/);
    expect(server.requests).toEqual([]);
    const ok = await runCli(['move', 'shop', 'db', '--snapshot', '3', '--to', 'n1', '--yes', '--json'], { server });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ vdc: 'shop', appliance: 'db', operation: { id: 'op_move', kind: 'move' } });
    expect(server.requests[0].body).toEqual({ appliance: 'db', node: 'n1', snapshot: 3 });
  });

  it('needs the VDC, and passes the server\'s refusal on', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': apiError(400, 'bad_request', 'shop runs on one host: only a swarm VDC moves between nodes') });
    const missing = await runCli(['move'], { server });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NAME/);
    expect(server.requests).toEqual([]);
    const refused = await runCli(['move', 'shop', 'db'], { server });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('error: shop runs on one host: only a swarm VDC moves between nodes\n');
  });
});

describe('colo move NAME (the whole VDC)', () => {
  const wholeStatus = {
    body: {
      ...statusAfter.body,
      appliances: [
        { name: 'db', class: 'postgres', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], data: { nodeId: 'id3', hostname: 'n3', lost: false } },
        { name: 'web', class: 'web-php', replicas: { desired: 2, running: 2 }, state: 'running', containers: [] },
        { name: 'files', class: 'nas', replicas: { desired: 1, running: 1 }, state: 'running', containers: [], data: { nodeId: 'id3', hostname: 'n3', lost: false } },
      ],
    },
  };

  it('posts no appliance, says every stateful appliance moves, and after --wait where each pinned one is now', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started, 'GET /operations/:id': finished, 'GET /vdcs/:name/status': wholeStatus });
    const res = await runCli(['move', 'shop', '--to', 'n3', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        "moving every stateful appliance of shop onto node n3: each one's data is copied live from its node, or restored from the newest snapshot if that node is lost; the old copies stay until they are healthy there",
        "[100%] Copy db's data to n3: done",
        '[100%] Start db on n3: done',
        '[100%] move succeeded',
        'db of shop now runs on node n3',
        'files of shop now runs on node n3',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/move' });
    expect(server.requests[0].body).toEqual({ node: 'n3' });
    expect(server.calls()).toEqual(['POST /vdcs/shop/move', 'GET /operations/op_move', 'GET /vdcs/shop/status']);
  });

  it('sends an empty body when neither appliance nor node is named (Colo picks)', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started });
    const res = await runCli(['move', 'shop', '--json'], { server });
    expect(res.code).toBe(0);
    const answer = JSON.parse(res.stdout);
    expect(answer).toMatchObject({ vdc: 'shop', operation: { id: 'op_move', kind: 'move' } });
    expect(answer).not.toHaveProperty('appliance');
    expect(server.requests[0].body).toEqual({});
  });

  it('asks before restoring the whole VDC from a named snapshot', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/move': started });
    const questions: string[] = [];
    const declined = await runCli(['move', 'shop', '--snapshot', '3'], {
      server,
      confirm: async (q: string) => {
        questions.push(q);
        return false;
      },
    });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toBe('error: move cancelled: nothing was changed\n');
    expect(questions).toEqual(['restore every stateful appliance of shop from snapshot 3 onto another node? what they wrote since is not kept [y/N] ']);
    const noTerminal = await runCli(['move', 'shop', '--snapshot', '3'], { server });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/refusing to restore every stateful appliance of shop from snapshot 3 without --yes/);
    expect(server.requests).toEqual([]);
    const ok = await runCli(['move', 'shop', '--snapshot', '3', '--to', 'n1', '--yes'], { server });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^moving every stateful appliance of shop onto node n1: their data is restored from snapshot 3;/);
    expect(server.requests[0].body).toEqual({ node: 'n1', snapshot: 3 });
  });
});
