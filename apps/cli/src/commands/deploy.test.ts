import { afterEach, describe, expect, it } from 'vitest';
import { operation } from '../../test/fixtures';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const RAW = 'deploy of VDC shop failed at listener:colo-edge-i-8080: start container colo-edge-i-8080: driver failed programming external connectivity on endpoint colo-edge-i-8080 (2aa1): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use';
const FAILURE = {
  class: 'port_taken',
  message: 'Port 8080 is in use by another program on this machine, so lb could not be published on it.',
  fix: 'Stop the program that listens on port 8080 (or publish lb on another port), then Retry.',
  appliance: 'lb',
  details: RAW,
  retryRevision: 3,
  rollbackRevision: 2,
};
const failedDeploy = { ...operation({ id: 'op_bad', kind: 'deploy', status: 'failed', progress: 60, error: RAW }), vdc: 'shop', revision: 3, failure: FAILURE };
const started = { status: 202, body: { operation: operation({ id: 'op_new', kind: 'deploy' }) } };

describe('a failed deploy, on the command line', () => {
  it('prints the plain cause, the fix, the two next commands and Docker’s words as details', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/deploy': started, 'GET /operations/:id': { body: { operation: failedDeploy, logs: [] } } });
    const res = await runCli(['deploy', 'shop', '--wait'], { server });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`[ 60%] deploy failed: ${FAILURE.message}`);
    expect(res.stderr).toBe(
      [
        `error: deploy op_bad failed: ${FAILURE.message}`,
        `fix: ${FAILURE.fix}`,
        'next: colo deploy shop --retry  (deploys revision 3 again, once the cause is fixed)',
        '      colo rollback shop        (deploys revision 2, the last that deployed)',
        'details:',
        `  ${RAW}`,
        '',
      ].join('\n'),
    );
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/deploy', body: {} });
  });

  it('colo deploy --retry deploys the failed revision again; --revision deploys the one named', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [failedDeploy] } }, 'POST /vdcs/:name/deploy': started });
    const res = await runCli(['deploy', 'shop', '--retry'], { server });
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toBe('retrying the deploy of revision 3 of shop\ndeploy queued: op_new (follow it: colo op op_new --wait)\n');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/vdcs/shop/deploy', body: { revision: 3 } });
    expect((await runCli(['deploy', 'shop', '--revision', '2'], { server })).code).toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ body: { revision: 2 } });
    expect((await runCli(['deploy', 'shop', '--revision', 'two'], { server })).stderr).toMatch(/must be a revision number/);
  });

  it('colo rollback deploys the last revision that deployed, and says the failed one stays', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [failedDeploy] } }, 'POST /vdcs/:name/deploy': started });
    const res = await runCli(['rollback', 'shop'], { server });
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain('rolling shop back to revision 2, the last that deployed (revision 3 stays in the history)');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/vdcs/shop/deploy', body: { revision: 2 } });
  });

  it('refuses to retry or roll back when the last deploy did not fail, or nothing deployed before', async () => {
    const ok = { ...operation({ id: 'op_ok', kind: 'deploy', status: 'succeeded' }), revision: 2 };
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [operation({ id: 'op_s', kind: 'snapshot', status: 'failed' }), ok] } } });
    expect((await runCli(['rollback', 'shop'], { server })).stderr).toMatch(/the last deploy of shop did not fail: nothing to roll back/);
    expect((await runCli(['deploy', 'shop', '--retry'], { server })).stderr).toMatch(/nothing to retry/);
    server.close();
    const first = { ...failedDeploy, failure: { ...FAILURE, rollbackRevision: null } };
    server = await startFakeColo({ 'GET /vdcs/:name/operations': { body: { operations: [first] } } });
    const res = await runCli(['rollback', 'shop'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/shop has no earlier revision that deployed: fix the cause and retry with: colo deploy shop --retry/);
    expect(server.calls()).not.toContain('POST /vdcs/shop/deploy');
  });
});
