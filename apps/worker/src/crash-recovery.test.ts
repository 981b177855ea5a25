// A worker process SIGKILLed in the middle of a real deploy, then a new one started: the same
// operation finishes, with every container made exactly once and nothing left over.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createVdc, getRuntime, requestOperation } from '@colo/control';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest, sleeperClass } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: ControlTest;
let templates: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await setupControlTest('crash');
  await ensureSleeperImage();
  // The spawned workers read the catalog from disk: a folder holding only the sleeper class.
  templates = mkdtempSync(path.join(tmpdir(), 'colo-templates-'));
  mkdirSync(path.join(templates, 'appliances', 'sleeper'), { recursive: true });
  writeFileSync(path.join(templates, 'appliances', 'sleeper', 'class.yaml'), JSON.stringify(sleeperClass, null, 2));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) kill(child, 'SIGKILL');
  await t?.teardown();
  rmSync(templates, { recursive: true, force: true });
});

function startWorkerProcess(): { child: ChildProcess; output: () => string } {
  // `node --import tsx`, not the tsx CLI: the CLI is a supervisor that SIGKILLs its child when
  // the child is slow to acknowledge a signal, which would cut a graceful shutdown short.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A short lease: the killed worker's operation is taken over once it lapses.
    env: { ...process.env, COLO_TEMPLATES_DIR: templates, COLO_WORKER_SHUTDOWN_GRACE: '5', COLO_OPERATION_LEASE_SECONDS: '10' },
  });
  let out = '';
  child.stdout?.on('data', (b) => (out += b));
  child.stderr?.on('data', (b) => (out += b));
  children.push(child);
  return { child, output: () => out };
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-(child.pid as number), signal); // the whole group, as scripts/down.sh does
  } catch {
    /* gone */
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

it('finishes a deploy after its worker is SIGKILLed, with no duplicate or orphaned container', async () => {
  const user = await t.user();
  await createVdc(
    user,
    manifestOf('crash', [
      { name: 'db', class: 'sleeper' },
      { name: 'app', class: 'sleeper', replicas: 5 },
    ], { connections: [{ from: 'app.peer', to: 'db.in' }] }),
  );
  const first = startWorkerProcess();
  const op = await requestOperation(user, 'crash', 'deploy', {});
  const filter = [`colo.instance=${t.instance}`];

  const deadline = Date.now() + 90_000;
  while ((await getRuntime().listContainers(filter)).length === 0) {
    if (Date.now() > deadline) throw new Error(`no container appeared:\n${first.output()}`);
    await sleep(50);
  }
  kill(first.child, 'SIGKILL');
  await exited(first.child);
  const mid = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
  expect(['queued', 'running']).toContain(mid.status);

  const second = startWorkerProcess();
  let done = mid;
  const until = Date.now() + 150_000;
  while (done.status === 'queued' || done.status === 'running') {
    if (Date.now() > until) throw new Error(`operation did not finish:\n${second.output()}`);
    await sleep(500);
    done = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
  }
  expect(done.status, `${done.error}\n${second.output()}`).toBe('succeeded');
  expect(done.attempts).toBeGreaterThanOrEqual(2);

  const containers = await getRuntime().listContainers(filter);
  const names = containers.map((c) => c.name).sort();
  expect(new Set(names).size).toBe(names.length);
  expect(names).toHaveLength(6);
  expect(containers.every((c) => c.state === 'running')).toBe(true);
  const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'crash', ownerId: user.id } });
  expect(vdc).toMatchObject({ state: 'running', activeOperationId: null, deployedRevisionId: done.revisionId });

  // SIGTERM: a clean exit.
  kill(second.child, 'SIGTERM');
  await exited(second.child);
  expect(second.child.exitCode, second.output()).toBe(0);
  expect(second.output()).toMatch(/colo worker stopped/);
  expect(second.output()).not.toMatch(/PASSWORD|password=/);
});
