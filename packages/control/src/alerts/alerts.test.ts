// Alerts against a real Postgres: rules (defaults, overrides, refusals, ownership), alerts opened
// by failures, flags, failed operations and missed schedules and resolved when the cause clears,
// exactly once however many evaluators race, delivered to a local webhook receiver (generic and
// Slack), retried with backoff and every attempt kept, and e-mailed through a local SMTP sink.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPrisma } from '@colo/db';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { newId } from '../ids';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from './alert-rules';
import { getRuntime } from '../docker/engine-access';
import { deliverDueAlerts } from './deliver-alerts';
import { alertOnFailure, evaluateAlerts } from './evaluate-alerts';
import { acknowledgeAlert, listAlerts, testAlertChannel } from './read-alerts';
import { getSmtpSettings, putSmtpSettings } from './smtp-settings';
import { forgetVolumeUsage } from './volume-causes';

interface Received {
  path: string;
  body: Record<string, unknown>;
}

/** A webhook receiver on 127.0.0.1 that keeps what it got and answers `status`. */
async function receiver() {
  const got: Received[] = [];
  const state = { status: 200, redirect: undefined as string | undefined };
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      if (state.redirect) {
        res.writeHead(307, { location: state.redirect }).end();
        return;
      }
      got.push({ path: req.url ?? '', body: JSON.parse(data || '{}') });
      res.writeHead(state.status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { got, state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
let hook: Awaited<ReturnType<typeof receiver>>;
let shopId: string;

beforeAll(async () => {
  t = await setupControlTest('alerts');
  alice = await t.user();
  bob = await t.user();
  hook = await receiver();
  shopId = (await createVdc(alice, manifestOf('shop'))).vdc.id;
  await getPrisma().vdc.update({ where: { id: shopId }, data: { state: 'running' } });
  await createVdc(bob, manifestOf('other'));
});
afterEach(async () => {
  const prisma = getPrisma();
  await prisma.alertRule.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.alertDelivery.deleteMany();
  await prisma.alertDeliveryAttempt.deleteMany();
  await prisma.applianceFailure.deleteMany();
  await prisma.applianceFlag.deleteMany();
  await prisma.operation.deleteMany();
  await prisma.schedule.deleteMany();
  hook.got.length = 0;
  hook.state.status = 200;
  hook.state.redirect = undefined;
});
afterAll(async () => {
  await hook?.close();
  await t?.teardown();
});

const webhook = (path: string, format: 'generic' | 'slack' = 'generic') => ({ type: 'webhook' as const, url: `${hook.url}${path}`, format });

async function failureOf(appliance: string, kind: 'exited' | 'oom' | 'unhealthy', agoMs: number) {
  const at = new Date(Date.now() - agoMs);
  await getPrisma().applianceFailure.create({
    data: { vdcId: shopId, appliance, container: `shop-${appliance}-1`, kind, exitCode: kind === 'exited' ? 3 : null, eventKey: newId('op'), at },
  });
  return { vdcId: shopId, appliance, kind, exitCode: kind === 'exited' ? 3 : undefined, at };
}

describe('rules', () => {
  it('lists the defaults of every VDC until a rule of their kind replaces them', async () => {
    const defaults = await listAlertRules(alice, 'shop');
    expect(defaults.map((r) => `${r.id} ${r.thresholdSeconds ?? ''}`)).toEqual(['default:unhealthy 30', 'default:flap_guard ', 'default:oom ', 'default:operation_failed ']);
    const rule = await createAlertRule(alice, 'shop', { kind: 'unhealthy', thresholdSeconds: 0, channels: [webhook('/a')] });
    expect(rule).toMatchObject({ kind: 'unhealthy', appliance: null, thresholdSeconds: 0, builtIn: false, channels: [{ type: 'webhook', format: 'generic' }] });
    const after = await listAlertRules(alice, 'shop');
    expect(after.map((r) => r.id)).toEqual(['default:flap_guard', 'default:oom', 'default:operation_failed', rule.id]);
    expect((await updateAlertRule(alice, 'shop', rule.id, { enabled: false })).enabled).toBe(false);
    await deleteAlertRule(alice, 'shop', rule.id);
    expect((await listAlertRules(alice, 'shop')).map((r) => r.id)).toEqual(defaults.map((r) => r.id));
  });

  it('refuses bad input naming the field, and another user\'s VDC is not found', async () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'bored' }, /^kind: must be one of/],
      [{ kind: 'oom', thresholdSeconds: 5 }, /^thresholdSeconds: applies to unhealthy rules only/],
      [{ kind: 'unhealthy', channels: [{ type: 'webhook', url: 'ftp://x' }] }, /^channels\.0\.url: must be an http\(s\) URL/],
      [{ kind: 'unhealthy', channels: [{ type: 'email', to: ['nope'] }] }, /^channels\.0\.to\.0: must be an e-mail address/],
      [{ kind: 'volume_full', thresholdPercent: 100 }, /^thresholdPercent: must be 1–99/],
    ];
    for (const [body, message] of cases) {
      const e = await failure(createAlertRule(alice, 'shop', body));
      expect(e.code).toBe('bad_request');
      expect(e.message).toMatch(message);
    }
    expect(await getPrisma().alertRule.count()).toBe(0);
    expect((await failure(createAlertRule(bob, 'shop', { kind: 'oom' }))).code).toBe('not_found');
    expect((await failure(listAlertRules(bob, 'shop'))).code).toBe('not_found');
  });
});

describe('alerts', () => {
  it('a crash fires at once under a rule that does not wait, reaches the webhook, and resolves when the appliance is healthy', async () => {
    await createAlertRule(alice, 'shop', { kind: 'unhealthy', thresholdSeconds: 0, channels: [webhook('/hook')] });
    const f = await failureOf('box', 'exited', 3000);
    expect(await alertOnFailure(f)).toBe(true);
    // Told twice (a second worker, the next evaluation): still one alert, one message.
    expect(await alertOnFailure(f)).toBe(false);
    await deliverDueAlerts();
    expect(hook.got).toHaveLength(1);
    expect(hook.got[0].body).toMatchObject({ kind: 'unhealthy', vdc: 'shop', appliance: 'box', state: 'firing' });
    expect(hook.got[0].body.message).toMatch(/^box of shop is unhealthy \(exited with code 3\)\. Look at its logs/);
    const { alerts, unread } = await listAlerts(alice);
    expect(unread).toBe(1);
    expect(alerts.map((a) => a.state)).toEqual(['firing']);
    // While an operation changes the VDC, its containers say nothing about health: held open.
    await getPrisma().vdc.update({ where: { id: shopId }, data: { activeOperationId: 'op_deploying' } });
    expect(await evaluateAlerts()).toMatchObject({ resolved: 0 });
    await getPrisma().vdc.update({ where: { id: shopId }, data: { activeOperationId: null } });
    // No container of the appliance is in trouble (this test runs none): the cause cleared.
    expect(await evaluateAlerts()).toMatchObject({ resolved: 1 });
    await deliverDueAlerts();
    expect(hook.got.map((g) => g.body.state)).toEqual(['firing', 'resolved']);
    expect(hook.got[1].body.message).toMatch(/^Resolved: box of shop/);
    // The failure was answered: evaluating again opens nothing new.
    expect(await evaluateAlerts()).toMatchObject({ opened: 0, resolved: 0 });
    expect((await listAlerts(alice)).unread).toBe(0);
  });

  it('under the default rule (unhealthy for 30 s) a crash that recovers at once alerts nobody', async () => {
    const f = await failureOf('box', 'exited', 3000);
    expect(await alertOnFailure(f)).toBe(false);
    await evaluateAlerts();
    expect(await getPrisma().alert.count({ where: { state: { in: ['firing', 'resolved'] } } })).toBe(0);
  });

  it('the flap guard\'s flag fires once however many evaluators race, in Slack form, and resolves when cleared', async () => {
    await createAlertRule(alice, 'shop', { kind: 'flap_guard', channels: [webhook('/slack', 'slack')] });
    await getPrisma().applianceFlag.create({ data: { vdcId: shopId, appliance: 'box', reason: 'failed 3 times in 1h (last: out of memory)' } });
    const runs = await Promise.all([evaluateAlerts(), evaluateAlerts(), evaluateAlerts()]);
    expect(runs.reduce((n, r) => n + r.fired, 0)).toBe(1);
    await Promise.all([deliverDueAlerts(), deliverDueAlerts()]);
    expect(hook.got).toHaveLength(1);
    expect(hook.got[0].path).toBe('/slack');
    expect(hook.got[0].body.text).toMatch(/Firing: flap guard on shop\/box\*\nbox of shop was stopped by the flap guard: failed 3 times in 1h \(last: out of memory\)\. Fix the cause/);
    expect(hook.got[0].body.blocks).toBeInstanceOf(Array);
    // Still flagged: stays firing, nothing more sent.
    await evaluateAlerts();
    await deliverDueAlerts();
    expect(hook.got).toHaveLength(1);
    await getPrisma().applianceFlag.updateMany({ data: { clearedAt: new Date() } });
    await Promise.all([evaluateAlerts(), evaluateAlerts()]);
    await deliverDueAlerts();
    expect(hook.got.map((g) => g.body.text).at(-1)).toMatch(/Resolved: flap guard on shop\/box/);
    expect(hook.got).toHaveLength(2);
  });

  it('a failed operation alerts (in the app, by default) until one of its kind succeeds', async () => {
    const op = (status: 'failed' | 'succeeded', finishedAt: Date) =>
      getPrisma().operation.create({ data: { id: newId('op'), vdcId: shopId, kind: 'deploy', status, error: status === 'failed' ? 'image missing' : null, requestedById: alice.id, finishedAt } });
    await op('failed', new Date(Date.now() - 60_000));
    await evaluateAlerts();
    const [alert] = (await listAlerts(alice, { state: 'firing' })).alerts;
    expect(alert).toMatchObject({ kind: 'operation_failed', vdc: 'shop', state: 'firing' });
    expect(alert.message).toMatch(/^The last deploy of shop failed \(op_\w+\): image missing\. Fix the cause and run it again\. This clears when a deploy succeeds\.$/);
    // Bob sees none of it and cannot acknowledge it.
    expect((await listAlerts(bob)).alerts).toHaveLength(0);
    expect((await failure(acknowledgeAlert(bob, alert.id))).code).toBe('not_found');
    expect((await acknowledgeAlert(alice, alert.id)).acknowledgedAt).toBeInstanceOf(Date);
    expect((await listAlerts(alice)).unread).toBe(0);
    await op('succeeded', new Date());
    await evaluateAlerts();
    expect((await listAlerts(alice, { state: 'resolved' })).alerts.map((a) => a.id)).toEqual([alert.id]);
    // A failure Colo knows reads in the failure view's words, not Docker's.
    await getPrisma().operation.create({
      data: { id: newId('op'), vdcId: shopId, kind: 'start', status: 'failed', error: 'start container colo-x-web-1: listen tcp4 0.0.0.0:8080: bind: address already in use', requestedById: alice.id, finishedAt: new Date() },
    });
    await evaluateAlerts();
    const started = (await listAlerts(alice, { state: 'firing' })).alerts.find((a) => a.kind === 'operation_failed');
    expect(started?.message).toMatch(/^The last start of shop failed \(op_\w+\): Port 8080 is in use by another program on this machine, .* then Retry\. This clears when a start succeeds\.$/);
  });

  it('a snapshot schedule that missed its run alerts under a rule of that kind', async () => {
    await createAlertRule(alice, 'shop', { kind: 'schedule_missed' });
    const schedule = await getPrisma().schedule.create({
      data: { id: newId('sch'), vdcId: shopId, kind: 'snapshot', cron: '0 3 * * *', keep: 3, nextRunAt: new Date(Date.now() - 3_600_000) },
    });
    await evaluateAlerts();
    const [alert] = (await listAlerts(alice)).alerts;
    expect(alert.message).toMatch(new RegExp(`^The snapshot schedule ${schedule.id} \\(0 3 \\* \\* \\* UTC\\) of shop was due at`));
    await getPrisma().schedule.update({ where: { id: schedule.id }, data: { nextRunAt: new Date(Date.now() + 3_600_000), lastResult: 'requested' } });
    await evaluateAlerts();
    expect((await listAlerts(alice)).alerts[0].state).toBe('resolved');
  });

  it('retries a webhook that fails with backoff, keeping every attempt, and never follows a redirect to another host', async () => {
    await createAlertRule(alice, 'shop', { kind: 'oom', channels: [webhook('/flaky')] });
    hook.state.status = 500;
    expect(await alertOnFailure(await failureOf('box', 'oom', 3000))).toBe(true);
    expect(await deliverDueAlerts()).toEqual({ sent: 0, failed: 1 });
    const prisma = getPrisma();
    const [d] = await prisma.alertDelivery.findMany();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastError: 'answered 500 Internal Server Error' });
    expect(d.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3000);
    // Not due yet: nothing is tried.
    expect(await deliverDueAlerts()).toEqual({ sent: 0, failed: 0 });
    hook.state.status = 204;
    await prisma.alertDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueAlerts()).toEqual({ sent: 1, failed: 0 });
    expect((await prisma.alertDeliveryAttempt.findMany({ orderBy: { id: 'asc' } })).map((a) => a.ok)).toEqual([false, true]);
    // The notification centre says where it went and how, without the hook's path (often its secret).
    const [listed] = (await listAlerts(alice)).alerts;
    expect(listed.deliveries).toEqual([
      { event: 'firing', channel: 'webhook', target: `${hook.url}/…`, status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(Date) },
    ]);

    // A resolution never overtakes its firing: while the firing waits for a retry, so does it.
    hook.state.status = 500;
    expect(await alertOnFailure(await failureOf('db', 'oom', 3000))).toBe(true);
    expect(await deliverDueAlerts()).toEqual({ sent: 0, failed: 1 });
    expect(await evaluateAlerts()).toMatchObject({ resolved: 2 });
    await prisma.alertDelivery.updateMany({ where: { event: 'resolved' }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    hook.state.status = 200;
    hook.got.length = 0;
    expect(await deliverDueAlerts()).toEqual({ sent: 1, failed: 0 });
    expect(hook.got.map((g) => `${g.body.appliance} ${g.body.state}`)).toEqual(['box resolved']);
    await prisma.alertDelivery.updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    // The firing now; its resolution in the next round, once the firing is out.
    expect(await deliverDueAlerts()).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueAlerts()).toEqual({ sent: 1, failed: 0 });
    expect(hook.got.map((g) => `${g.body.appliance} ${g.body.state}`)).toEqual(['box resolved', 'db firing', 'db resolved']);

    hook.state.redirect = 'http://localhost:9/elsewhere';
    const tried = await testAlertChannel(alice, { channel: webhook('/moved') });
    expect(tried).toEqual({ ok: false, detail: 'redirected to another host (localhost:9): not followed' });
    hook.state.redirect = undefined;
    expect(await testAlertChannel(alice, { channel: webhook('/test') })).toMatchObject({ ok: true });
    expect(hook.got.at(-1)?.body).toMatchObject({ state: 'test', message: expect.stringMatching(/this channel works/) });
  });
});

describe('volumes', () => {
  it('a volume on a filesystem fuller than its rule says alerts, measured by the warm volume tool, and resolves under a higher threshold', async () => {
    const name = `${t.instance}-shop-box-data`;
    await getRuntime().createVolume({
      name,
      labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.vdc': shopId, 'colo.appliance': 'box', 'colo.volume': 'data' },
    });
    // Any filesystem in use is at least 1% full.
    const rule = await createAlertRule(alice, 'shop', { kind: 'volume_full', thresholdPercent: 1, channels: [webhook('/disk')] });
    forgetVolumeUsage();
    await evaluateAlerts();
    await deliverDueAlerts();
    expect(hook.got).toHaveLength(1);
    expect(hook.got[0].body).toMatchObject({ kind: 'volume_full', appliance: 'box', state: 'firing' });
    expect(hook.got[0].body.message).toMatch(/^The data volume of box in shop is on a filesystem \d+% full \([\d.]+ \w+ free of [\d.]+ \w+\)\. Free space/);
    const percent = Number(/filesystem (\d+)% full/.exec(String(hook.got[0].body.message))?.[1]);
    expect(percent).toBeGreaterThanOrEqual(1);
    if (percent < 99) {
      await updateAlertRule(alice, 'shop', rule.id, { thresholdPercent: 99 });
      forgetVolumeUsage();
      await evaluateAlerts();
      await deliverDueAlerts();
      expect(hook.got.map((g) => g.body.state)).toEqual(['firing', 'resolved']);
    }
  });
});

describe('e-mail', () => {
  it('admins set SMTP (password sealed, never shown) and alerts arrive at the SMTP sink', async () => {
    const mails: { to: string[]; data: string }[] = [];
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onAuth: (auth, _s, cb) => (auth.username === 'colo' && auth.password === 's3cret-pw' ? cb(null, { user: 'colo' }) : cb(new Error('bad login'))),
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          cb();
        });
      },
    });
    sink.listen(0, '127.0.0.1');
    await once(sink.server, 'listening');
    try {
      const port = (sink.server.address() as AddressInfo).port;
      const settings = { host: '127.0.0.1', port, security: 'none', user: 'colo', password: 's3cret-pw', from: 'colo@example.test' };
      expect((await failure(putSmtpSettings(alice, settings))).code).toBe('forbidden');
      await getPrisma().user.update({ where: { id: alice.id }, data: { role: 'admin' } });
      expect(await putSmtpSettings(alice, settings)).toEqual({ host: '127.0.0.1', port, security: 'none', user: 'colo', hasPassword: true, from: 'colo@example.test' });
      const row = await getPrisma().smtpSettings.findUniqueOrThrow({ where: { id: 'smtp' } });
      expect(row.passwordSealed).not.toContain('s3cret-pw');
      // Absent password: kept.
      const { password: _, ...withoutPassword } = settings;
      expect((await putSmtpSettings(alice, withoutPassword)).hasPassword).toBe(true);
      expect((await getSmtpSettings(alice))?.hasPassword).toBe(true);

      await createAlertRule(alice, 'shop', { kind: 'oom', appliance: 'db', channels: [{ type: 'email', to: ['ops@example.test'] }] });
      expect(await alertOnFailure(await failureOf('db', 'oom', 3000))).toBe(true);
      expect(await deliverDueAlerts()).toEqual({ sent: 1, failed: 0 });
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual(['ops@example.test']);
      expect(mails[0].data).toMatch(/Subject: \[Colo\] Firing: oom on shop\/db/);
      expect(mails[0].data).toMatch(/db of shop was killed for running out of memory/);
      // A wrong password is a failed attempt, said so.
      await putSmtpSettings(alice, { ...settings, password: 'wrong' });
      const tried = await testAlertChannel(alice, { channel: { type: 'email', to: ['ops@example.test'] } });
      expect(tried.ok).toBe(false);
      expect(tried.detail).toMatch(/bad login|Invalid login/i);
    } finally {
      await new Promise<void>((r) => sink.close(() => r()));
      await getPrisma().smtpSettings.deleteMany();
    }
  });
});
