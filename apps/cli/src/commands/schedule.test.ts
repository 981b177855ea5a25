import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, apiError, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const nightly = {
  id: 'sch_nightly',
  vdc: 'shop',
  kind: 'snapshot',
  cron: '0 3 * * *',
  timezone: 'UTC',
  keep: 7,
  enabled: true,
  nextRunAt: '2026-11-28T03:00:00.000Z',
  lastRunAt: '2026-11-27T03:00:00.000Z',
  lastResult: 'requested',
  lastOperation: { id: 'op_1', status: 'succeeded', error: null },
  createdAt: '2026-11-20T10:00:00.000Z',
};
const evenings = { ...nightly, id: 'sch_evenings', kind: 'stop', cron: '0 22 * * mon-fri', keep: null, enabled: false, nextRunAt: null, lastRunAt: null, lastResult: null, lastOperation: null };

describe('colo schedule', () => {
  it('lists a VDC\'s schedules with the next run in UTC and how the last went', async () => {
    server = await startFakeColo({ 'GET /vdcs/:name/schedules': { body: { schedules: [nightly, evenings] } } });
    const res = await runCli(['schedule', 'ls', 'shop'], { server, now: Date.parse('2026-11-27T12:00:00.000Z') });
    expect(res.code, res.stderr).toBe(0);
    const [head, first, second] = res.stdout.split('\n');
    expect(head).toMatch(/^ID\s+KIND\s+CRON \(UTC\)\s+KEEP\s+NEXT\s+LAST$/);
    expect(first).toMatch(/^sch_nightly\s+snapshot\s+0 3 \* \* \*\s+7\s+2026-11-28 03:00 UTC\s+9h ago: requested → succeeded$/);
    expect(second).toMatch(/^sch_evenings\s+stop\s+0 22 \* \* mon-fri\s+-\s+disabled\s+never run$/);
    expect(server.calls()).toEqual(['GET /vdcs/shop/schedules']);

    const json = await runCli(['schedule', 'ls', 'shop', '--json'], { server });
    expect(JSON.parse(json.stdout).schedules.map((s: { id: string }) => s.id)).toEqual(['sch_nightly', 'sch_evenings']);

    server.route('GET /vdcs/:name/schedules', { body: { schedules: [] } });
    expect((await runCli(['schedule', 'ls', 'shop'], { server })).stdout).toMatch(/^no schedules for shop yet \(add one: colo schedule set shop snapshot/);
  });

  it('adds a snapshot or stop schedule, changes one by id, switches one off and on, and removes one', async () => {
    server = await startFakeColo({
      'POST /vdcs/:name/schedules': { status: 201, body: { schedule: nightly } },
      'PATCH /vdcs/:name/schedules/:id': { body: { schedule: { ...nightly, enabled: false, nextRunAt: null } } },
      'DELETE /vdcs/:name/schedules/:id': { body: { schedule: nightly } },
    });
    const made = await runCli(['schedule', 'set', 'shop', 'snapshot', '--cron', '0 3 * * *', '--keep', '7'], { server });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toBe('schedule sch_nightly of shop: snapshot at "0 3 * * *" (UTC), keeps 7; next 2026-11-28 03:00 UTC\n');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/vdcs/shop/schedules', body: { kind: 'snapshot', cron: '0 3 * * *', keep: 7 } });

    expect((await runCli(['schedule', 'set', 'shop', 'stop', '--cron', '0 22 * * mon-fri', '--disabled'], { server })).code).toBe(0);
    expect(server.requests[1].body).toEqual({ kind: 'stop', cron: '0 22 * * mon-fri', enabled: false });

    expect((await runCli(['schedule', 'set', 'shop', 'sch_nightly', '--keep', '3'], { server })).code).toBe(0);
    expect(server.requests[2]).toMatchObject({ method: 'PATCH', path: '/vdcs/shop/schedules/sch_nightly', body: { keep: 3 } });
    const off = await runCli(['schedule', 'disable', 'shop', 'sch_nightly'], { server });
    expect(off.stdout).toMatch(/; disabled\n$/);
    expect(server.requests[3]).toMatchObject({ method: 'PATCH', body: { enabled: false } });
    expect((await runCli(['schedule', 'enable', 'shop', 'sch_nightly'], { server })).code).toBe(0);
    expect(server.requests[4]).toMatchObject({ method: 'PATCH', body: { enabled: true } });

    const rm = await runCli(['schedule', 'rm', 'shop', 'sch_nightly', '--json'], { server });
    expect(server.requests[5]).toMatchObject({ method: 'DELETE', path: '/vdcs/shop/schedules/sch_nightly' });
    expect(JSON.parse(rm.stdout).schedule.id).toBe('sch_nightly');
  });

  it('refuses bad arguments before calling the server', async () => {
    server = await startFakeColo({});
    const cases: [string[], RegExp][] = [
      [['schedule', 'add', 'shop'], /unknown action "add": use one of ls, set, enable, disable, rm/],
      [['schedule', 'ls'], /ls needs NAME/],
      [['schedule', 'ls', 'shop', 'extra'], /too many arguments for schedule ls/],
      [['schedule', 'set', 'shop'], /set needs the kind \(snapshot, stop, start\) or a schedule's id/],
      [['schedule', 'set', 'shop', 'snapshot', '--keep', '3'], /set snapshot needs --cron EXPR/],
      [['schedule', 'set', 'shop', 'snapshot', '--cron', '@daily', '--keep', 'all'], /--keep "all" must be a whole number/],
      [['schedule', 'set', 'shop', 'reboot', '--cron', '@daily'], /"reboot" is neither a kind \(snapshot, stop, start\) nor a schedule id/],
      [['schedule', 'set', 'shop', 'sch_x'], /set ID needs --cron, --keep or --disabled/],
      [['schedule', 'rm', 'shop'], /rm needs the schedule's id \(see: colo schedule ls shop\)/],
      [['schedule', 'rm', 'shop', 'sch_x', '--cron', '@daily'], /--cron, --keep and --disabled only apply to set/],
    ];
    for (const [argv, message] of cases) {
      const res = await runCli(argv, { server });
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stderr, argv.join(' ')).toMatch(message);
    }
    expect(server.requests).toEqual([]);
  });

  it('passes the server\'s refusal on, naming the field', async () => {
    server = await startFakeColo({ 'POST /vdcs/:name/schedules': apiError(400, 'bad_request', 'cron: minute 61 is out of range 0-59') });
    const res = await runCli(['schedule', 'set', 'shop', 'snapshot', '--cron', '61 3 * * *', '--keep', '2'], { server });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cron: minute 61 is out of range 0-59/);
  });
});
