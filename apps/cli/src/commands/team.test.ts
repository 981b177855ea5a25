import { afterEach, describe, expect, it } from 'vitest';
import { SHOP_YAML, VALID, operation, writeManifest } from '../../test/fixtures';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';
import { inviteToken, teamQuotaBody } from './team';

let server: FakeColo;
afterEach(() => server?.close());

const NOW = Date.parse('2026-12-03T12:00:00Z');
const GI = 1024 ** 3;
const summary = { id: 'tm_1', slug: 'acme', name: 'Acme Inc', personal: false, role: 'admin', members: 2, vdcs: 1 };
const personal = { id: 'tm_0', slug: 'ann', name: 'Ann', personal: true, role: 'admin', members: 1, vdcs: 3 };
const members = [
  { userId: 'usr_ann', email: 'ann@example.com', name: 'Ann', role: 'admin', since: '2026-12-01T12:00:00Z' },
  { userId: 'usr_bob', email: 'bob@example.com', name: 'Bob', role: 'operator', since: '2026-12-03T11:00:00Z' },
];
const invite = { id: 'inv_1', role: 'operator', createdAt: '2026-12-03T11:55:00Z', expiresAt: '2026-12-04T11:55:00Z', state: 'open', acceptedBy: null };
const detail = { ...summary, memberList: members, invites: [invite] };

describe('colo team', () => {
  it('lists the teams with the caller\'s role, members and VDCs (ls is the default)', async () => {
    server = await startFakeColo({ 'GET /teams': { body: { teams: [personal, summary] } } });
    const res = await runCli(['team'], { server });
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'TEAM  NAME      ROLE   MEMBERS  VDCS  PERSONAL',
        'ann   Ann       admin  1        3     yes',
        'acme  Acme Inc  admin  2        1     -',
        '',
      ].join('\n'),
    });
    expect(JSON.parse((await runCli(['team', 'ls', '--json'], { server })).stdout)).toEqual({ teams: [personal, summary] });
  });

  it('creates a team with a display name, and shows one with its members and invitations', async () => {
    server = await startFakeColo({
      'POST /teams': (req) => ({ status: 201, body: { team: { ...detail, ...(req.body as object), memberList: [members[0]], invites: [] } } }),
      'GET /teams/:team': { body: { team: detail } },
    });
    const created = await runCli(['team', 'create', 'acme', '--name', 'Acme Inc'], { server });
    expect(created).toMatchObject({ code: 0, stdout: 'created team acme (Acme Inc); you are its admin\n' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/teams', body: { slug: 'acme', name: 'Acme Inc' } });

    const shown = await runCli(['team', 'show', 'acme'], { server, now: NOW });
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')).toEqual([
      'acme: Acme Inc — you are admin; 1 VDC',
      'MEMBER           NAME  ROLE      SINCE',
      'ann@example.com  Ann   admin     2d ago',
      'bob@example.com  Bob   operator  1h ago',
      '',
      'INVITE  ROLE      STATE  MADE    EXPIRES               ACCEPTED BY',
      'inv_1   operator  open   5m ago  2026-12-04T11:55:00Z  -',
      '',
    ]);
    expect(server.requests[1].path).toBe('/teams/acme');
  });

  it('makes an invitation link (the link alone on stdout) and revokes one', async () => {
    server = await startFakeColo({
      'POST /teams/:team/invites': { status: 201, body: { invite, token: 'tok_s3cret', url: 'http://colo.test/invite/tok_s3cret' } },
      'DELETE /teams/:team/invites/:id': { body: { invite: { ...invite, state: 'revoked' } } },
    });
    const res = await runCli(['team', 'invite', 'acme', '--role', 'operator', '--hours', '24'], { server });
    expect(res).toMatchObject({ code: 0, stdout: 'http://colo.test/invite/tok_s3cret\n' });
    expect(res.stderr).toContain('invitation inv_1 to acme as operator');
    expect(server.requests[0]).toMatchObject({ path: '/teams/acme/invites', body: { role: 'operator', expiresInHours: 24 } });

    const plain = await runCli(['team', 'invite', 'acme'], { server });
    expect(plain.code).toBe(0);
    expect(server.requests[1].body).toEqual({ role: 'viewer', expiresInHours: 72 });

    const revoked = await runCli(['team', 'revoke', 'acme', 'inv_1'], { server });
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked invitation inv_1 of acme\n' });
    expect(server.requests[2]).toMatchObject({ method: 'DELETE', path: '/teams/acme/invites/inv_1' });
  });

  it('refuses a bad role or lifetime before calling the server', async () => {
    server = await startFakeColo({});
    const badRole = await runCli(['team', 'invite', 'acme', '--role', 'owner'], { server });
    expect(badRole).toMatchObject({ code: 2 });
    expect(badRole.stderr).toContain('role must be one of viewer, operator, admin, not "owner"');
    expect((await runCli(['team', 'invite', 'acme', '--hours', '0'], { server })).stderr).toContain('--hours must be a whole number from 1 to 720');
    expect((await runCli(['team', 'role', 'acme', 'bob@example.com'], { server })).stderr).toContain('team role needs SLUG USER ROLE');
    expect((await runCli(['team', 'show', 'acme', 'extra'], { server })).stderr).toContain('too many arguments for team show');
    expect((await runCli(['team', 'adopt'], { server })).stderr).toContain('unknown action "adopt"');
    expect(server.calls()).toEqual([]);
  });

  it('joins by the link or the bare token', async () => {
    server = await startFakeColo({ 'POST /invites/accept': { body: { team: { slug: 'acme', name: 'Acme Inc' }, role: 'operator' } } });
    const res = await runCli(['team', 'join', 'https://colo.example.com/invite/tok_s3cret'], { server });
    expect(res).toMatchObject({ code: 0, stdout: 'joined acme (Acme Inc) as operator\n' });
    await runCli(['team', 'join', 'tok_other'], { server });
    expect(server.requests.map((r) => r.body)).toEqual([{ token: 'tok_s3cret' }, { token: 'tok_other' }]);
    expect(inviteToken(' http://h/invite/abc?x=1 ')).toBe('abc');

    server.route('POST /invites/accept', apiError(404, 'not_found', 'invitation not found, used, revoked or expired'));
    const gone = await runCli(['team', 'join', 'tok_used'], { server });
    expect(gone).toMatchObject({ code: 1, stderr: 'error: invitation not found, used, revoked or expired\n' });
  });

  it('sets a role, removes a member, leaves by the caller\'s own id, renames and deletes', async () => {
    server = await startFakeColo({
      'PUT /teams/:team/members/:user': { body: { team: detail } },
      'DELETE /teams/:team/members/:user': (_req, params) => ({ body: { removed: params.user } }),
      'GET /me': { body: { user: { id: 'usr_ann', email: 'ann@example.com', name: 'Ann', role: 'user' } } },
      'PATCH /teams/:team': (req) => ({ body: { team: { ...detail, ...(req.body as object) } } }),
      'DELETE /teams/:team': { body: { deleted: 'acme' } },
    });
    expect((await runCli(['team', 'role', 'acme', 'bob@example.com', 'viewer'], { server })).stdout).toBe('bob@example.com is now viewer in acme\n');
    expect((await runCli(['team', 'remove', 'acme', 'bob@example.com'], { server })).stdout).toBe('removed bob@example.com from acme\n');
    expect((await runCli(['team', 'leave', 'acme'], { server })).stdout).toBe('left acme\n');
    expect((await runCli(['team', 'rename', 'acme', 'Acme GmbH'], { server })).stdout).toBe('renamed acme to Acme GmbH\n');
    expect((await runCli(['team', 'rm', 'acme'], { server })).stdout).toBe('deleted team acme\n');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /teams/acme/members/bob@example.com',
      'DELETE /teams/acme/members/bob@example.com',
      'GET /me',
      'DELETE /teams/acme/members/usr_ann',
      'PATCH /teams/acme',
      'DELETE /teams/acme',
    ]);
    expect(server.requests[0].body).toEqual({ role: 'viewer' });

    server.route('DELETE /teams/:team', apiError(409, 'conflict', 'team "acme" still owns 1 VDC'));
    expect(await runCli(['team', 'rm', 'acme'], { server })).toMatchObject({ code: 1, stderr: 'error: team "acme" still owns 1 VDC\n' });
  });

  it('shows the team quota and sets limits from flags (Colo admins), "default" as null', async () => {
    const limits = { appliances: 50, containers: 100, cpu: 32, memory: 64 * GI, hostPorts: 20 };
    const usage = { appliances: 4, containers: 6, cpu: 1.5, memory: 2 * GI, hostPorts: 1 };
    const overrides = { appliances: null, containers: 20, cpu: null, memory: 8 * GI, hostPorts: null };
    const answer = { team: { slug: 'acme' }, quota: { limits: { ...limits, containers: 20, memory: 8 * GI }, usage, overrides } };
    server = await startFakeColo({ 'GET /teams/:team/quota': { body: answer }, 'PUT /teams/:team/quota': { body: answer } });
    const shown = await runCli(['team', 'quota', 'acme'], { server });
    expect(shown.stdout.split('\n').slice(0, 3)).toEqual(['quota of team acme', 'QUOTA       USED  LIMIT  SET BY', 'appliances  4     50     default']);
    expect(shown.stdout).toContain('memory      2Gi   8Gi    admin');
    const set = await runCli(['team', 'quota', 'acme', '--containers', '20', '--memory', '8Gi', '--cpu', 'default'], { server });
    expect(set.stdout.split('\n')[0]).toBe('quota of team acme: saved');
    expect(server.requests[1]).toMatchObject({ method: 'PUT', path: '/teams/acme/quota', body: { containers: 20, memory: '8Gi', cpu: null } });
    expect(() => teamQuotaBody({ containers: 'lots' })).toThrow('--containers must be a whole number or "default", not "lots"');
    expect(teamQuotaBody({})).toBeUndefined();
  });
});

describe('VDCs of a team', () => {
  it('colo apply --team creates the VDC in that team and names it shop@acme from then on', async () => {
    const vdc = { id: 'vdc_1', name: 'shop', state: 'new' };
    server = await startFakeColo({
      'POST /validate': { body: VALID },
      'GET /vdcs/:name': apiError(404, 'not_found', 'VDC "shop@acme" not found'),
      'POST /vdcs': { status: 201, body: { vdc, revision: { id: 'rev_1', number: 1 } } },
      'POST /vdcs/:name/deploy': { status: 202, body: { operation: operation() } },
    });
    const res = await runCli(['apply', '-f', writeManifest(), '--team', 'acme'], { server });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('created shop@acme (revision 1)');
    expect(server.calls()).toEqual(['POST /validate', 'GET /vdcs/shop@acme', 'POST /vdcs', 'POST /vdcs/shop@acme/deploy']);
    expect(server.requests[0].body).toEqual({ manifest: SHOP_YAML, team: 'acme' });
    expect(server.requests[2].body).toEqual({ manifest: SHOP_YAML, team: 'acme' });
  });

  it('passes name@team through as typed wherever a VDC name goes, other characters still encoded', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/stop': { status: 202, body: { operation: operation({ kind: 'stop' }) } } });
    expect((await runCli(['stop', 'shop@acme'], { server })).code).toBe(0);
    await runCli(['stop', 'a b@acme'], { server });
    expect(server.requests.map((r) => r.path)).toEqual(['/vdcs/shop@acme/stop', '/vdcs/a%20b@acme/stop']);
  });
});
