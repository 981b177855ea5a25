// A shell in a deployed appliance's replica, end to end: a real Colo (web app, worker, Docker) runs
// `web` (web-static, published nowhere) at two replicas. In Chromium the appliance page's Terminal
// button on replica 2 opens xterm there: `hostname` answers that container's hostname as Docker
// tells it, and signing out closes the terminal, saying so. A read-scope token and a viewer of the
// VDC's team are refused (403), someone outside it finds nothing (404), and the audit log has each
// attempt, the session's opening and its end. The
// real `colo exec` prints replica 2's hostname, passes exit statuses through, reads its stdin to
// the end, and on a terminal (a pty) gives the shell a TTY. Everything made carries this run's instance label and is removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { getPrisma } from '@colo/db';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, tolerateLoad } from './browser';
import { baseEnv, cleanupInstance, cliEnv, colo, docker, freePort, instance, instanceFilter, ROOT, type Service, startWeb, startWorker, waitFor } from './harness';

const NAME = 'term-shop';
const PASSWORD = 'a long enough password';
let db: TestDatabase;
let web: Service;
let worker: Service;
let browser: Browser;
let page: Page;
let url: string;
let cookie: string;
let serverEnv: NodeJS.ProcessEnv;

async function call(method: string, route: string, body?: unknown, auth: { cookie?: string; token?: string } = { cookie }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  else Object.assign(headers, { origin: url, cookie: auth.cookie ?? '' });
  const res = await fetch(`${url}/api/v1${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function token(scope: 'read' | 'deploy', as = cookie): Promise<string> {
  const made = await call('POST', '/tokens', { name: `e2e-${scope}`, scope }, { cookie: as });
  expect(made.status).toBe(201);
  return made.json.token as string;
}

async function replicaHostname(replica: number): Promise<string> {
  const [found] = await docker.listContainers({ all: true, ...instanceFilter(['colo.appliance=web', `colo.replica=${replica}`]) });
  if (!found) throw new Error(`no web replica ${replica}`);
  return (await docker.getContainer(found.Id).inspect()).Config.Hostname;
}

/** What the terminal shows, one line per row, as xterm's DOM renderer draws it. */
const screenText = async () =>
  (await page.locator('[data-testid="appliance-terminal"] .xterm-rows > div').allTextContents()).map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).join('\n');

/** `colo exec` with `input` on its stdin (a pipe, so no TTY); `onPty`: run on a terminal of its own (util-linux `script`). */
function coloWithInput(args: string[], env: NodeJS.ProcessEnv, input: string, onPty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules/.bin/colo');
    const [command, argv] = onPty ? ['script', ['-qec', [bin, ...args].join(' '), '/dev/null']] : [bin, args];
    const proc = spawn(command, argv, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b) => (stdout += b));
    proc.stderr.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`colo ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, 120_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    proc.stdin.end(input);
  });
}

beforeAll(async () => {
  db = await createTestDatabase('appliance_terminal_e2e');
  process.env.DATABASE_URL = db.url;
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: `colo-operations-${instance}` });
  serverEnv = env;
  web = await startWeb(port, env);
  worker = startWorker(env);
  await waitFor('the worker', async () => worker.output().includes('colo worker ready'), 90_000, 300, async () => worker.output());
  const setup = await call('POST', '/auth/setup', { email: 'otto@colo.test', name: 'Otto', password: PASSWORD });
  expect(setup.status).toBe(201);
  cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];

  const manifest = `apiVersion: colo/v1\nkind: VDC\nname: ${NAME}\nappliances:\n  - { name: web, class: web-static, replicas: 2 }\n`;
  expect((await call('POST', '/vdcs', { manifest })).status).toBe(201);
  const started = await call('POST', `/vdcs/${NAME}/deploy`, {});
  expect(started.status).toBe(202);
  const opId = started.json.operation.id as string;
  const done = await waitFor(
    'the deploy',
    async () => {
      const op = (await call('GET', `/operations/${opId}`)).json.operation;
      return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
    },
    300_000,
    1000,
  );
  expect(done.status, JSON.stringify(done.error)).toBe('succeeded');

  browser = await launchBrowser();
  const context = tolerateLoad(await browser.newContext({ viewport: { width: 1280, height: 1000 } }));
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.kill('SIGTERM');
  await worker?.kill('SIGTERM');
  await cleanupInstance();
  await db?.drop();
});

describe('a terminal in an appliance replica', () => {
  it("is refused to a read token and a team's viewer (403) and to an outsider (404), each attempt in the audit log", async () => {
    const reader = await token('read');
    const refused = await call('POST', `/vdcs/${NAME}/appliances/web/terminal`, { cols: 80, rows: 24, replica: 2 }, { token: reader });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/scope "read"; this request needs "deploy"/);

    // Another user of this Colo (bootstrap-admin makes one, with a token): not the VDC's owner.
    const made = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bootstrap-admin.ts', '--email', 'vera@colo.test', '--json', '--no-cli-config'], { cwd: ROOT, env: serverEnv, encoding: 'utf8' });
    const vera = (JSON.parse(made) as { token: string }).token;
    expect((await call('POST', `/vdcs/${NAME}/appliances/web/terminal`, { cols: 80, rows: 24 }, { token: vera })).status).toBe(404);

    // A viewer of the team that owns a VDC reads it, but opens no terminal in it.
    expect((await call('POST', '/teams', { slug: 'ops', name: 'Ops' })).status).toBe(201);
    const manifest = `apiVersion: colo/v1\nkind: VDC\nname: term-ops\nappliances:\n  - { name: web, class: web-static }\n`;
    expect((await call('POST', '/vdcs', { manifest, team: 'ops' })).status).toBe(201);
    const invite = await call('POST', '/teams/ops/invites', { role: 'viewer' });
    expect((await call('POST', '/invites/accept', { token: invite.json.token }, { token: vera })).status).toBe(200);
    expect((await call('GET', '/vdcs/term-ops', undefined, { token: vera })).status).toBe(200);
    const viewer = await call('POST', '/vdcs/term-ops/appliances/web/terminal', { cols: 80, rows: 24 }, { token: vera });
    expect(viewer.status, JSON.stringify(viewer.json)).toBe(403);

    const attempts = await getPrisma().auditEvent.findMany({ where: { action: 'openApplianceTerminal' }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => [a.actorEmail, a.via, a.outcome, a.status, a.vdcName])).toEqual([
      ['otto@colo.test', 'token', 'denied', 403, NAME],
      ['vera@colo.test', 'token', 'failed', 404, NAME],
      ['vera@colo.test', 'token', 'denied', 403, 'term-ops'],
    ]);
  });

  it("opens xterm on replica 2 from the appliance page: hostname is that container's; signing out closes it", async () => {
    const hostname = await replicaHostname(2);
    expect(hostname).not.toBe(await replicaHostname(1));
    await page.goto(`${url}/vdcs/${NAME}/appliances/web`);
    await page.getByTestId('terminal-open-2').click();
    await page.locator('[data-testid="appliance-terminal"][data-phase="open"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('appliance-terminal-state').textContent()).toMatch(/^open · web replica 2 of term-shop \(\S+\)$/);

    await page.locator('[data-testid="appliance-terminal"] .xterm').click();
    await page.keyboard.type('hostname');
    await page.keyboard.press('Enter');
    // The line after the typed command is the answer: replica 2's hostname, alone.
    await expect.poll(screenText, { timeout: 30_000 }).toMatch(new RegExp(`hostname\n${hostname}\n`));
    await screenshot(page, 'appliance-terminal');
    const opened = await getPrisma().auditEvent.findFirst({ where: { action: 'openApplianceTerminal', outcome: 'ok' } });
    expect(opened).toMatchObject({ actorEmail: 'otto@colo.test', via: 'session', status: 201, vdcName: NAME });

    // Signing out (here, from elsewhere with the same session) closes it at once.
    expect((await call('POST', '/auth/logout', {})).status).toBe(204);
    await page.locator('[data-testid="appliance-terminal"][data-phase="closed"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('appliance-terminal-state').textContent()).toBe('closed (closed: the session or API token that opened it ended)');
    await expect
      .poll(async () => (await getPrisma().auditEvent.findMany({ where: { action: 'terminalClosed', vdcName: NAME } })).map((e) => e.detail), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ appliance: 'web', replica: 2, reason: 'closed: the session or API token that opened it ended', exitCode: null })]);
  });

  it("runs colo exec in replica 2: its hostname, exit statuses passed through, stdin read to the end", async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'otto@colo.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const env = cliEnv(url, await token('deploy', (login.headers.get('set-cookie') ?? '').split(';')[0]));
    const ran = await colo(['exec', NAME, 'web/2', '--', 'hostname'], env, 120_000);
    expect(ran).toEqual({ code: 0, stdout: `${await replicaHostname(2)}\n`, stderr: '' });
    // Both outputs, merged (their order is the pipes', not guaranteed).
    const failed = await colo(['exec', NAME, 'web/1', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7'], env, 120_000);
    expect([failed.code, failed.stdout.split('\n').sort()]).toEqual([7, ['', 'err', 'out']]);
    expect(await coloWithInput(['exec', NAME, 'web', '--', 'wc', '-l'], env, 'one\ntwo\nthree\n')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\s*3\n$/) });
    // On a terminal: a TTY (`tty` names it; the echo of what was typed may come before or after
    // the prompt, as typed-ahead keys do), replica 2's hostname, and the shell's exit status.
    const pty = await coloWithInput(['exec', NAME, 'web/2'], env, 'tty; hostname\nexit 5\n', true);
    expect(pty.code, pty.stdout + pty.stderr).toBe(5);
    // Read as the screen shows it: without the shell's control sequences and carriage returns.
    const screen = pty.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[a-zA-Z]`, 'g'), '').replace(/\r/g, '');
    expect(screen, JSON.stringify(pty.stdout)).toMatch(/\n\/dev\/pts\/\d+\nweb-2\n/);
    expect((await colo(['exec', NAME, 'web/3', '--', 'true'], env, 120_000))).toMatchObject({ code: 1, stderr: expect.stringContaining('web in VDC "term-shop" has no replica 3 (it has 1, 2)') });
  });
});
