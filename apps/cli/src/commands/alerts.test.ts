import { afterEach, describe, expect, it } from 'vitest';
import { type FakeColo, startFakeColo } from '../../test/fake-colo';
import { runCli } from '../../test/run-cli';

let server: FakeColo;
afterEach(() => server?.close());

const firing = {
  id: 'alr_1',
  vdc: 'shop',
  kind: 'unhealthy',
  appliance: 'web',
  state: 'firing',
  message: 'web of shop is unhealthy (exited with code 1). Look at its logs and status in Colo, then fix it or deploy it again.',
  firstSeen: '2026-11-27T11:58:00.000Z',
  firedAt: '2026-11-27T11:58:00.000Z',
  resolvedAt: null,
  acknowledgedAt: null,
};

describe('colo alerts', () => {
  it('lists the alerts, firing first, with the unread count, and acknowledges one', async () => {
    server = await startFakeColo({
      'GET /alerts': { body: { alerts: [firing, { ...firing, id: 'alr_0', state: 'resolved', kind: 'oom', appliance: 'db', acknowledgedAt: '2026-11-27T11:00:00.000Z' }], unread: 1 } },
      'POST /alerts/:id/ack': { body: { alert: { ...firing, acknowledgedAt: '2026-11-27T12:00:00.000Z' } } },
    });
    const res = await runCli(['alerts'], { server, now: Date.parse('2026-11-27T12:00:00.000Z') });
    expect(res.code, res.stderr).toBe(0);
    const [head, first, second, count] = res.stdout.split('\n');
    expect(head).toMatch(/^ID\s+STATE\s+VDC\s+KIND\s+APPLIANCE\s+SINCE\s+ACK\s+MESSAGE$/);
    expect(first).toMatch(/^alr_1\s+firing\s+shop\s+unhealthy\s+web\s+2m ago\s+-\s+web of shop is unhealthy/);
    expect(second).toMatch(/^alr_0\s+resolved\s+shop\s+oom\s+db\s+2m ago\s+yes\s+/);
    expect(count).toBe('1 firing and not acknowledged');
    await runCli(['alerts', 'ls', '--state', 'firing', '--vdc', 'shop'], { server });
    const ack = await runCli(['alerts', 'ack', 'alr_1'], { server });
    expect(ack.stdout).toMatch(/^acknowledged alr_1 \(firing\): web of shop/);
    expect(server.calls()).toEqual(['GET /alerts', 'GET /alerts', 'POST /alerts/alr_1/ack']);
    expect(server.requests[1].query).toEqual({ state: 'firing', vdc: 'shop' });
  });

  it('lists, adds and removes a VDC\'s rules', async () => {
    const rule = { id: 'arl_1', vdc: 'shop', kind: 'unhealthy', appliance: null, thresholdSeconds: 10, thresholdPercent: null, channels: [{ type: 'webhook', url: 'https://hooks.example/x', format: 'slack' }], enabled: true, builtIn: false };
    server = await startFakeColo({
      'GET /vdcs/:name/alert-rules': { body: { rules: [{ ...rule, id: 'default:oom', kind: 'oom', thresholdSeconds: null, channels: [], builtIn: true }, rule] } },
      'POST /vdcs/:name/alert-rules': { status: 201, body: { rule } },
    });
    const ls = await runCli(['alerts', 'rules', 'shop'], { server });
    expect(ls.stdout.split('\n')[1]).toMatch(/^default:oom\s+oom\s+all\s+-\s+on\s+in-app$/);
    expect(ls.stdout.split('\n')[2]).toMatch(/^arl_1\s+unhealthy\s+all\s+10s\s+on\s+in-app, webhook https:\/\/hooks\.example\/x \(slack\)$/);
    const add = await runCli(['alerts', 'rules', 'shop', 'add', 'unhealthy', '--seconds', '10', '--webhook', 'https://hooks.example/x', '--slack'], { server });
    expect(add.stdout).toBe('added rule arl_1 of shop: unhealthy (all appliances, 10s) → in-app, webhook https://hooks.example/x (slack)\n');
    expect(server.requests.at(-1)?.body).toEqual({ kind: 'unhealthy', channels: [{ type: 'webhook', url: 'https://hooks.example/x', format: 'slack' }], thresholdSeconds: 10 });
    const bad = await runCli(['alerts', 'rules', 'shop', 'add', 'bored'], { server });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind "bored"/);
  });
});
