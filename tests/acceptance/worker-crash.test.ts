// A worker SIGKILLed in the middle of a deploy, then started again: the operation finishes, the
// VDC converges, and there is no duplicate or orphaned container.
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { colo, docker, instanceFilter, waitFor } from './harness';
import { type Colo, api, startColo } from './setup';

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-crash-'));
const file = path.join(tmp, 'crash.yaml');
writeFileSync(
  file,
  `apiVersion: colo/v1
kind: VDC
name: crash
appliances:
  - { name: lb, class: halb }
  - { name: web, class: web-php, replicas: 4 }
  - { name: db, class: postgres }
connections:
  - { from: lb.out, to: web.in }
  - { from: web.db, to: db.in }
`,
);
const expected = { lb: 1, web: 4, db: 1 };

let c: Colo;
beforeAll(async () => {
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

it('converges after the worker is killed mid-deploy, with no duplicates or orphans', async () => {
  const res = await colo(['apply', '-f', file, '--json'], c.env);
  expect(res.code, res.stderr).toBe(0);
  const opId = JSON.parse(res.stdout).operation.id as string;

  // Kill the worker as soon as the deploy has made its first container.
  await waitFor('the first container of the deploy', async () => (await docker.listContainers({ all: true, ...instanceFilter() })).length > 0, 180_000, 100);
  await c.worker.kill('SIGKILL');
  const mid = await api<{ operation: { status: string } }>(c, 'GET', `/operations/${opId}`);
  expect(['queued', 'running']).toContain(mid.json.operation.status);

  await c.restartWorker();
  const done = await waitFor('the operation to finish', async () => {
    const r = await api<{ operation: { status: string; error?: string } }>(c, 'GET', `/operations/${opId}`);
    return ['succeeded', 'failed'].includes(r.json.operation.status) ? r.json.operation : undefined;
  }, 240_000, 1000);
  expect(done.status, `${done.error ?? ''}\n${c.worker.output()}`).toBe('succeeded');

  const containers = await docker.listContainers({ all: true, ...instanceFilter() });
  const names = containers.map((x) => x.Names[0]);
  expect(new Set(names).size).toBe(names.length);
  const perAppliance: Record<string, number> = {};
  for (const x of containers) perAppliance[x.Labels['colo.appliance']] = (perAppliance[x.Labels['colo.appliance']] ?? 0) + 1;
  expect(perAppliance).toEqual(expected);
  for (const x of containers) expect(x.State).toBe('running');

  const plan = await colo(['plan', '-f', file, '--json'], c.env);
  expect(plan.code, plan.stderr).toBe(0);
  expect(JSON.parse(plan.stdout).plan.steps).toEqual([]);
});
