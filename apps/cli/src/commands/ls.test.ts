import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, TOKEN, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const NOW = Date.parse('2026-11-27T12:10:00Z');
const vdcs = [
  {
    id: 'vdc_1',
    name: 'shop',
    state: 'running',
    revision: 3,
    applianceCount: 4,
    team: { slug: 'acme', name: 'Acme', personal: false, role: 'operator' },
    lastOperation: { id: 'op_9', kind: 'deploy', status: 'succeeded', createdAt: '2026-11-27T12:00:00Z', finishedAt: '2026-11-27T12:05:00Z' },
  },
  { id: 'vdc_2', name: 'blog', state: 'new', revision: { id: 'rev_1', number: 1 }, applianceCount: 2, lastOperation: null },
];

describe('colo ls', () => {
  it('prints a table of VDCs from GET /vdcs with each one\'s team and the caller\'s role (a server before teams: -)', async () => {
    server = await startFakeColo({ 'GET /vdcs': { body: { vdcs } } });
    const res = await runCli(['ls'], { server, now: NOW });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      [
        'NAME  TEAM  ROLE      STATE    REVISION  APPLIANCES  LAST OPERATION',
        'shop  acme  operator  running  3         4           deploy succeeded 5m ago',
        'blog  -     -         new      1         2           -',
        '',
      ].join('\n'),
    );
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/vdcs', authorization: `Bearer ${TOKEN}` }]);
  });

  it('says how to start when there are none, and prints JSON with --json', async () => {
    server = await startFakeColo({ 'GET /vdcs': { body: { vdcs: [] } } });
    expect((await runCli(['ls'], { server })).stdout).toBe('no VDCs yet: create one with `colo apply -f FILE`\n');
    expect(JSON.parse((await runCli(['ls', '--json'], { server })).stdout)).toEqual({ vdcs: [] });
  });

  it('tells a rejected token to log in again', async () => {
    server = await startFakeColo({ 'GET /vdcs': { body: { vdcs } } });
    const res = await runCli(['ls'], { server, env: { COLO_TOKEN: 'expired' } });
    expect(res).toEqual({ code: 1, stdout: '', stderr: 'error: token rejected: run colo login again\n' });
  });
});
