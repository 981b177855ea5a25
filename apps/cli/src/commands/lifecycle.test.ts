import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const started = (kind: string) => ({ status: 202, body: { operation: operation({ id: `op_${kind}`, kind }) } });
const finished = (kind: string, status = 'succeeded') => ({
  body: { operation: operation({ id: `op_${kind}`, kind, status, progress: 100, error: status === 'failed' ? 'docker said no' : null }), logs: [] },
});

describe('colo stop / start', () => {
  it('posts to /stop and /start, with the appliance when given', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/stop': started('stop'), 'POST /vdcs/:name/start': started('start') });
    const stop = await runCli(['stop', 'shop', '--appliance', 'web'], { server });
    expect(stop).toEqual({ code: 0, stdout: 'stop queued: op_stop (follow it: colo op op_stop --wait)\n', stderr: '' });
    const start = await runCli(['start', 'shop'], { server });
    expect(start.stdout).toBe('start queued: op_start (follow it: colo op op_start --wait)\n');
    expect(server.requests).toMatchObject([
      { method: 'POST', path: '/vdcs/shop/stop', body: { appliance: 'web' } },
      { method: 'POST', path: '/vdcs/shop/start', body: {} },
    ]);
  });

  it('--wait follows the operation with the same progress printer and exit code', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/stop': started('stop'), 'GET /operations/:id': finished('stop', 'failed') });
    const res = await runCli(['stop', 'shop', '-w'], { server });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('[100%] stop failed: docker said no\n');
    expect(res.stderr).toBe('error: stop op_stop failed: docker said no\n');
    expect(server.calls()).toEqual(['POST /vdcs/shop/stop', 'GET /operations/op_stop']);
  });

  it('points to colo ls for an unknown VDC and colo ops for a busy one', async () => {
    server = await startFakeColo({
      'POST /vdcs/:name/start': apiError(404, 'not_found', 'VDC "shpo" not found'),
      'POST /vdcs/:name/stop': apiError(409, 'operation_running', 'deploy op_4 is running on shop'),
    });
    expect((await runCli(['start', 'shpo'], { server })).stderr).toBe('error: VDC "shpo" not found (list your VDCs with: colo ls)\n');
    expect((await runCli(['stop', 'shop'], { server })).stderr).toBe('error: deploy op_4 is running on shop (see it with: colo ops shop)\n');
  });
});

describe('colo destroy', () => {
  it('says volumes are kept, posts purge: false, and waits', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/destroy': started('destroy'), 'GET /operations/:id': finished('destroy') });
    const res = await runCli(['destroy', 'shop', '--yes', '--wait'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'destroying shop: containers and networks are removed; volumes are kept (--purge deletes them)',
        'the VDC and its revisions stay in Colo: `colo apply` brings it back with its data',
        '[100%] destroy succeeded',
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/destroy', body: { purge: false } });
  });

  it('with --purge says the data goes too and posts purge: true', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/destroy': started('destroy') });
    const res = await runCli(['destroy', 'shop', '--purge', '-y'], { server });
    expect(res.stdout).toMatch(/^destroying shop: containers, networks and volumes \(all of its data\) are removed\n/);
    expect(server.requests[0].body).toEqual({ purge: true });
    const json = await runCli(['destroy', 'shop', '-y', '--json'], { server });
    expect(JSON.parse(json.stdout)).toMatchObject({ vdc: 'shop', purge: false, kept: ['volumes'], operation: { id: 'op_destroy' } });
  });

  it('asks on a terminal, refuses without one, and does nothing when declined', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/destroy': started('destroy') });
    const noTerminal = await runCli(['destroy', 'shop'], { server });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/^error: refusing to destroy shop without --yes \(no terminal to confirm on\)\n/);

    const questions: string[] = [];
    const declined = await runCli(['destroy', 'shop', '--purge'], {
      server,
      confirm: async (q) => {
        questions.push(q);
        return false;
      },
    });
    expect(declined).toMatchObject({ code: 1, stderr: 'error: destroy cancelled: nothing was changed\n' });
    expect(questions).toEqual(['destroy shop? containers, networks and volumes (all of its data) are removed [y/N] ']);
    expect(server.requests).toEqual([]);

    const accepted = await runCli(['destroy', 'shop'], { server, confirm: async () => true });
    expect(accepted.code).toBe(0);
    expect(server.calls()).toEqual(['POST /vdcs/shop/destroy']);
  });
});
