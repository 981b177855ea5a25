// Alerts end to end, against a private Docker daemon and the real worker process: an appliance
// whose process is killed, one killed for memory, and one the flap guard stops each reach a webhook
// receiver on 127.0.0.1 within 15 s, and each alert resolves by itself once the appliance is
// healthy again (or, for the flap guard, deployed again). The OOM alert also arrives by e-mail
// at a local SMTP sink.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthUser, createAlertRule, createVdc, getRuntime, putSmtpSettings, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FAIL } from './harness/faulty-class';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { waitFor } from './harness/free-port';
import { waitAppliance, waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

interface Hooked {
  at: number;
  body: { alert: string; kind: string; vdc: string; appliance: string | null; state: string; message: string };
}

let t: FaultsTest;
let worker: WorkerProcess;
let user: AuthUser;
let server: Server;
let hookUrl: string;
const hooked: Hooked[] = [];
let sink: SMTPServer;
const mails: { to: string[]; data: string }[] = [];

beforeAll(async () => {
  t = await setupFaultsTest('alerts', inject('dockerDir'));
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      hooked.push({ at: Date.now(), body: JSON.parse(data) });
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
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

  worker = t.startWorker();
  await worker.ready();
  user = await t.user();
  await getPrisma().user.update({ where: { id: user.id }, data: { role: 'admin' } });
  await putSmtpSettings(user, { host: '127.0.0.1', port: (sink.server.address() as AddressInfo).port, security: 'none', from: 'colo@example.test' });
  await createVdc(
    user,
    manifestOf('watched', [
      { name: 'box', class: 'faulty', failover: { maxFailures: 3, window: '1h' } },
      { name: 'db', class: 'faulty' },
    ]),
  );
  const webhook = { type: 'webhook', url: hookUrl, format: 'generic' };
  // Told of any crash at once (the default waits 30 s, longer than Docker takes to restart it).
  await createAlertRule(user, 'watched', { kind: 'unhealthy', thresholdSeconds: 0, channels: [webhook] });
  await createAlertRule(user, 'watched', { kind: 'flap_guard', channels: [webhook] });
  await createAlertRule(user, 'watched', { kind: 'oom', channels: [webhook, { type: 'email', to: ['ops@example.test'] }] });
  const op = await requestOperation(user, 'watched', 'deploy', {});
  const done = await waitFinished(op.id, 120_000, () => worker.output());
  expect(done.status, done.error ?? '').toBe('succeeded');
});
afterAll(async () => {
  server?.close();
  if (sink) await new Promise<void>((r) => sink.close(() => r()));
  await t?.teardown();
});

const containerOf = async (appliance: string) => {
  const [c] = await getRuntime().listContainers([...t.filter, `colo.appliance=${appliance}`]);
  if (!c) throw new Error(`no container for ${appliance}`);
  return c;
};

function message(kind: string, appliance: string, state: string, after: number): Promise<Hooked> {
  return waitFor(`a ${state} ${kind} alert of ${appliance} at the webhook`, 60_000, async () =>
    hooked.find((h) => h.at >= after && h.body.kind === kind && h.body.appliance === appliance && h.body.state === state),
  200).catch((error: Error) => {
    throw new Error(`${error.message}\nreceived: ${JSON.stringify(hooked.map((h) => h.body))}\n${worker.output().split('\n').filter((l) => /alert|flap/.test(l)).join('\n')}`);
  });
}

describe('alerts reach a webhook within 15 s and resolve by themselves', () => {
  it('an appliance whose process is killed', async () => {
    // SIGKILL to the container's main process from the host, as the kernel or an operator would:
    // not through Docker, so no `kill` event says it was asked for.
    const { State } = await t.docker.docker.getContainer((await containerOf('box')).id).inspect();
    const before = Date.now();
    process.kill(State.Pid, 'SIGKILL');
    const firing = await message('unhealthy', 'box', 'firing', before);
    console.log(`alert at the webhook ${firing.at - before} ms after the kill`);
    expect(firing.at - before).toBeLessThan(15_000);
    expect(firing.body).toMatchObject({ vdc: 'watched', message: expect.stringMatching(/^box of watched is unhealthy \(exited with code 137\)/) });
    const resolved = await message('unhealthy', 'box', 'resolved', before);
    expect(resolved.body.alert).toBe(firing.body.alert);
    // It resolved because the appliance is healthy again, which it is.
    await waitAppliance(user, 'watched', 'box', 'running', 5_000, (a) => a.state === 'running' && a.containers[0].health === 'healthy');
    console.log(`resolved ${resolved.at - firing.at} ms after it fired`);
    expect((await getPrisma().alert.findUniqueOrThrow({ where: { id: firing.body.alert } })).state).toBe('resolved');
  });

  it('an appliance killed for running out of memory, by webhook and e-mail', async () => {
    const before = Date.now();
    await getRuntime().exec((await containerOf('db')).id, [...FAIL.oom]);
    const firing = await message('oom', 'db', 'firing', before);
    console.log(`OOM alert at the webhook ${firing.at - before} ms after the memory hog began`);
    expect(firing.at - before).toBeLessThan(15_000);
    expect(firing.body.message).toMatch(/^db of watched was killed for running out of memory/);
    await waitFor('the OOM e-mail at the SMTP sink', 15_000, async () => mails.find((m) => /Firing: oom on watched\/db/.test(m.data)), 200);
    expect(mails[0].to).toEqual(['ops@example.test']);
    const resolved = await message('oom', 'db', 'resolved', before);
    expect(resolved.body.alert).toBe(firing.body.alert);
    await waitFor('the resolution e-mail', 15_000, async () => mails.find((m) => /Resolved: oom on watched\/db/.test(m.data)), 200);
  });

  it('an appliance the flap guard stopped, resolved when it is deployed again', async () => {
    // The kill was the first failure; two crashes more reach the limit of 3 in 1h.
    for (let i = 0; i < 2; i++) {
      const c = await containerOf('box');
      const restarts = (await getRuntime().inspectContainer(c.id))?.restartCount ?? 0;
      const before = Date.now();
      await getRuntime().exec(c.id, [...FAIL.crash]);
      if (i === 0) {
        await waitFor('box restarted', 30_000, async () => {
          const d = await getRuntime().inspectContainer(c.id);
          return d && d.restartCount > restarts && d.state === 'running' && d.health === 'healthy' ? true : undefined;
        }, 100);
        await message('unhealthy', 'box', 'resolved', before);
        continue;
      }
      const firing = await message('flap_guard', 'box', 'firing', before);
      console.log(`flap guard alert at the webhook ${firing.at - before} ms after the third crash`);
      expect(firing.at - before).toBeLessThan(15_000);
      expect(firing.body.message).toMatch(/^box of watched was stopped by the flap guard: failed 3 times in 1h \(last: exited with code 3\)/);
      await waitAppliance(user, 'watched', 'box', 'stopped and flagged', 60_000, (a) => a.state === 'stopped' && !!a.flagged);
      // Held stopped: still firing a few evaluations later.
      await new Promise((r) => setTimeout(r, 6000));
      expect(hooked.filter((h) => h.body.kind === 'flap_guard' && h.body.state === 'resolved')).toHaveLength(0);
      const redeploy = Date.now();
      const op = await requestOperation(user, 'watched', 'deploy', {});
      expect((await waitFinished(op.id, 120_000, () => worker.output())).status).toBe('succeeded');
      const resolved = await message('flap_guard', 'box', 'resolved', redeploy);
      expect(resolved.body.alert).toBe(firing.body.alert);
    }
    // Each message went once: no alert was delivered twice for the same event.
    const keys = hooked.map((h) => `${h.body.alert}:${h.body.state}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
