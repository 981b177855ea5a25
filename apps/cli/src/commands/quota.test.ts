import { afterEach, describe, expect, it } from 'vitest';
import { apiError, type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';
import { parseQuotaSet } from './quota';

let server: FakeColo;
afterEach(() => server?.close());

const GI = 1024 ** 3;
const limits = { appliances: 50, containers: 100, cpu: 32, memory: 64 * GI, hostPorts: 20 };
const usage = { appliances: 4, containers: 6, cpu: 1.7, memory: 1.25 * GI, hostPorts: 1 };
const user = { id: 'usr_ann', email: 'ann@example.com', name: 'Ann', role: 'user' };
const bob = { id: 'usr_bob', email: 'bob@example.com', name: 'Bob', role: 'user' };

describe('colo quota', () => {
  it('prints your own limits and usage from GET /me', async () => {
    server = await startFakeColo({ 'GET /me': { body: { user, quota: { limits, usage } } } });
    const res = await runCli(['quota'], { server });
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'quota of ann@example.com (user)',
        'QUOTA       USED    LIMIT',
        'appliances  4       50',
        'containers  6       100',
        'cpu         1.7     32',
        'memory      1.25Gi  64Gi',
        'host ports  1       20',
        '',
      ].join('\n'),
    });
  });

  it("shows another user's quota, saying which limits an admin set", async () => {
    const overrides = { appliances: null, containers: 20, cpu: null, memory: 8 * GI, hostPorts: null };
    server = await startFakeColo({
      'GET /users/:id/quota': { body: { user: bob, quota: { limits: { ...limits, containers: 20, memory: 8 * GI }, usage, overrides } } },
    });
    const res = await runCli(['quota', '--user', 'bob@example.com'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').slice(0, 3)).toEqual([
      'quota of bob@example.com (user)',
      'QUOTA       USED    LIMIT  SET BY',
      'appliances  4       50     default',
    ]);
    expect(res.stdout).toContain('memory      1.25Gi  8Gi    admin');
    // `@` is legal in a path and sent as typed (the server takes `%40` as well).
    expect(server.requests[0].path).toBe('/users/bob@example.com/quota');
  });

  it('sends --set as the PUT body, "default" as null, and shows the forbidden answer of a non-admin', async () => {
    const overrides = { appliances: 20, containers: null, cpu: 4, memory: 8 * GI, hostPorts: null };
    server = await startFakeColo({
      'PUT /users/:id/quota': { body: { user: bob, quota: { limits, usage, overrides } } },
    });
    const res = await runCli(['quota', '--user', 'bob@example.com', '--set', 'appliances=20, memory=8Gi,cpu=4,containers=default'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('quota of bob@example.com (user): saved');
    expect(server.requests[0]).toMatchObject({ method: 'PUT', body: { appliances: 20, memory: '8Gi', cpu: 4, containers: null } });

    server.route('PUT /users/:id/quota', apiError(403, 'forbidden', 'only an admin may set quotas'));
    const denied = await runCli(['quota', '--user', 'bob@example.com', '--set', 'containers=1'], { server });
    expect(denied).toMatchObject({ code: 1, stderr: 'error: only an admin may set quotas\n' });
  });

  it('sets your own quota by your id when no --user is given', async () => {
    server = await startFakeColo({
      'GET /me': { body: { user: { ...user, role: 'admin' }, quota: { limits, usage } } },
      'PUT /users/:id/quota': (req, params) => ({ body: { user: { ...user, id: params.id, role: 'admin' }, quota: { limits, usage, overrides: { ...limits, ...(req.body as object) } } } }),
    });
    const res = await runCli(['quota', '--set', 'host-ports=5'], { server });
    expect(res.code).toBe(0);
    expect(server.calls()).toEqual(['GET /me', 'PUT /users/usr_ann/quota']);
    expect(server.requests[1].body).toEqual({ hostPorts: 5 });
  });

  it('refuses a malformed --set before calling the server', async () => {
    server = await startFakeColo({});
    const res = await runCli(['quota', '--set', 'disks=3'], { server });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--set: "disks=3" is not KEY=VALUE');
    expect(server.calls()).toEqual([]);
    expect(() => parseQuotaSet('containers=lots')).toThrow('--set: containers must be a whole number or "default", not "lots"');
    expect(() => parseQuotaSet('cpu=1.5,memory=512')).not.toThrow();
    expect(parseQuotaSet('cpu=1.5,memory=512')).toEqual({ cpu: 1.5, memory: 512 });
  });
});
