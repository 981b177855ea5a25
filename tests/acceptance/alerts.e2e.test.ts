// The notification centre and alert rules in real Chromium against a real Colo: the bell in the
// top bar counts a new firing alert without a reload, its menu leads to the alerts page where
// acknowledging clears the count; the editor's Alerts link opens the VDC's rules (the defaults),
// a rule added there with a Slack webhook is what the API lists, its "Send test" reaches a
// receiver on 127.0.0.1 in Slack form, and removing it brings the default back; an admin saves
// SMTP settings whose password is never shown again.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPrisma } from '@colo/db';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { type Service, baseEnv, cleanupInstance, freePort, startWeb, waitFor } from './harness';

const NAME = 'alerts-ui';
let db: TestDatabase;
let web: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;
let cookie: string;
let hook: Server;
let hookUrl: string;
const hooked: Record<string, unknown>[] = [];

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
}

beforeAll(async () => {
  db = await createTestDatabase('alerts_e2e');
  process.env.DATABASE_URL = db.url;
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = await startWeb(port, baseEnv({ DATABASE_URL: db.url }));
  const setup = await call('POST', '/auth/setup', { email: 'ada@colo.test', name: 'Ada', password: 'a long enough password' });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  const manifest = { apiVersion: 'colo/v1', kind: 'VDC', name: NAME, appliances: [{ name: 'web', class: 'web-static' }], visual: { web: { x: 0, y: 0 } } };
  expect((await call('POST', '/vdcs', { manifest })).status).toBe(201);

  hook = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      hooked.push(JSON.parse(data));
      res.writeHead(200).end('ok');
    });
  });
  hook.listen(0, '127.0.0.1');
  await once(hook, 'listening');
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/slack`;

  browser = await launchBrowser();
  context = tolerateLoad(await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  hook?.close();
  await web?.kill('SIGTERM');
  await cleanupInstance();
  await getPrisma().$disconnect();
  await db?.drop();
});

describe('the notification centre', () => {
  it('counts a new firing alert on the bell without a reload; acknowledging it on the alerts page clears the count', async () => {
    try {
      await page.goto(`${url}/vdcs`);
      await page.waitForSelector('[data-testid=alert-bell]');
      expect(await page.getAttribute('[data-testid=alert-bell]', 'aria-label')).toBe('Alerts: none unread');
      // What the worker's evaluation writes when an appliance stays unhealthy.
      const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: NAME } });
      await getPrisma().alert.create({
        data: {
          id: 'alr_e2etest000000001', vdcId: vdc.id, vdcName: NAME, kind: 'unhealthy', ruleKey: 'default:unhealthy', appliance: 'web', subject: 'web',
          state: 'firing', message: 'web of alerts-ui is unhealthy (health check failing). Look at its logs and status in Colo, then fix it or deploy it again.',
          openKey: `${vdc.id}:unhealthy:web`, firstSeen: new Date(Date.now() - 40_000), firedAt: new Date(),
        },
      });
      // The bell refreshes itself every 10 s.
      await page.waitForSelector('[data-testid=alert-count]', { timeout: 20_000 });
      expect(await page.innerText('[data-testid=alert-count]')).toBe('1');
      await page.click('[data-testid=alert-bell]');
      await page.waitForSelector('text=web of alerts-ui is unhealthy (health check failing)');
      await page.click('[data-testid=all-alerts-link]');
      await page.waitForURL((u) => u.pathname === '/alerts');
      const row = page.locator('[data-testid=alert-row][data-state=firing]');
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Unhealthy[\s\S]*alerts-ui\/web[\s\S]*Look at its logs/);
      await page.click('[data-testid=ack-alert]');
      await page.waitForSelector('[data-testid=alert-count]', { state: 'detached', timeout: 20_000 });
      expect((await call('GET', '/alerts')).json).toMatchObject({ unread: 0, alerts: [{ id: 'alr_e2etest000000001', state: 'firing' }] });
      expect((await getPrisma().alert.findUniqueOrThrow({ where: { id: 'alr_e2etest000000001' } })).acknowledgedAt).not.toBeNull();
    } catch (err) {
      await screenshot(page, 'alerts-bell');
      throw err;
    }
  });

  it("sets a VDC's rules from the page the editor links to, and sends a test to a Slack webhook", async () => {
    try {
      await page.goto(`${url}/vdcs/${NAME}`);
      await page.click('[data-testid=alerts-link]');
      await page.waitForURL((u) => u.pathname === `/vdcs/${NAME}/alerts`);
      const kinds = () => page.locator('[data-testid=alert-rule]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      await page.waitForSelector('[data-testid=alert-rule]');
      expect(await kinds()).toEqual(['unhealthy', 'flap_guard', 'oom', 'operation_failed']);

      await page.selectOption('[data-testid=rule-kind]', 'unhealthy');
      await page.fill('[data-testid=rule-threshold]', '5');
      await page.fill('[data-testid=rule-webhook]', hookUrl);
      await page.selectOption('[data-testid=rule-format]', 'slack');
      await page.click('[data-testid=add-rule]');
      await page.waitForSelector(`text=Slack webhook ${hookUrl}`);
      // The default of its kind gave way to it.
      expect(await kinds()).toEqual(['flap_guard', 'oom', 'operation_failed', 'unhealthy']);
      const { rules } = (await call('GET', `/vdcs/${NAME}/alert-rules`)).json;
      expect(rules.at(-1)).toMatchObject({ kind: 'unhealthy', thresholdSeconds: 5, builtIn: false, channels: [{ type: 'webhook', url: hookUrl, format: 'slack' }] });

      await page.click('[data-testid=alert-rule][data-kind=unhealthy] >> text=Send test');
      await waitFor('the test message at the receiver', async () => hooked.length > 0, 15_000);
      expect(hooked[0]).toMatchObject({ text: expect.stringMatching(/Colo test message for \(test\)\*\nA test message from Colo, sent by ada@colo.test/) });
      await page.waitForSelector('text=Test message sent');

      await page.click('[data-testid=alert-rule][data-kind=unhealthy] [data-testid=remove-rule]');
      await page.waitForFunction(() => document.querySelector('[data-testid=alert-rule]')?.getAttribute('data-kind') === 'unhealthy');
      expect(await kinds()).toEqual(['unhealthy', 'flap_guard', 'oom', 'operation_failed']);
    } catch (err) {
      await screenshot(page, 'alerts-rules');
      throw err;
    }
  });

  it('lets the admin save SMTP settings; the password is stored and never shown', async () => {
    try {
      await page.goto(`${url}/settings/smtp`);
      await page.fill('label:has-text("Host") + input', '127.0.0.1');
      await page.fill('label:has-text("Port") + input', '2525');
      await page.selectOption('label:has-text("Security") + select', 'none');
      await page.fill('label:has-text("User") + input', 'colo');
      await page.fill('label:has-text("Password") + input', 'mail-secret');
      await page.fill('label:has-text("From") + input', 'colo@example.test');
      await page.click('[data-testid=smtp-form] button[type=submit]');
      await page.waitForSelector('text=SMTP settings saved');
      const { smtp } = (await call('GET', '/settings/smtp')).json;
      expect(smtp).toEqual({ host: '127.0.0.1', port: 2525, security: 'none', user: 'colo', hasPassword: true, from: 'colo@example.test' });
      await page.reload();
      await page.waitForSelector('text=A password is stored; leave empty to keep it');
      expect(await page.content()).not.toContain('mail-secret');
    } catch (err) {
      await screenshot(page, 'alerts-smtp');
      throw err;
    }
  });
});
