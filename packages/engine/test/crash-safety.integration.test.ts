// A deploy that dies halfway must converge when planned and applied again: no duplicate
// containers, half-made ones completed (joined to what they missed, then started), finished ones adopted. And a container that never gets
// healthy fails the deploy with its name and its last log lines.
import { type ApplianceClass, classSchema } from '@colo/manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../src/apply/apply-plan';
import { desiredState } from '../src/desired/desired-state';
import type { DesiredState } from '../src/desired/types';
import { EngineError } from '../src/engine-error';
import { vdcStatus } from '../src/lifecycle/vdc-status';
import type { Plan } from '../src/plan/types';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { cleanupInstance, containerIds, countingRuntime, deploy, newVdc, replan, testInstance } from './docker-harness';
import { appliance, dbClass, ECHO_IMAGE, shopSecrets, svcClass, webClass, wire } from './fixtures/test-classes';

const instance = testInstance();
const runtime = createDockerRuntime();

afterAll(async () => {
  await cleanupInstance(instance, runtime);
});

/** front → web(2) → db: four containers, web on two networks (so it is connected after create). */
function small(vdc = newVdc('crash')): DesiredState {
  return desiredState({
    vdc,
    revisionId: 'rev_1',
    manifest: {
      name: vdc.name,
      appliances: [appliance('front', svcClass), appliance('web', webClass, { replicas: 2 }), appliance('db', dbClass)],
      connections: [wire('front.out', 'web.in'), wire('web.db', 'db.in')],
    },
    secrets: shopSecrets,
    config: { instance },
  });
}

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe.sequential('an interrupted deploy', () => {
  const desired = small();
  const name = (n: string) => `colo-${desired.vdc.key}-${n}`;

  it('fails naming the container when the runtime dies between create and network connect', async () => {
    const dying = countingRuntime(runtime, (method) => {
      if (method === 'connectNetwork') throw new Error('engine connection lost');
    });
    const error = await rejection(deploy(dying.runtime, desired));
    expect(error.code).toBe('step_failed');
    expect(error.message).toMatch(new RegExp(`failed at container:${name('web-[12]')}: engine connection lost`));
    // Left behind: db running, web replicas created on one network only, front never made.
    const left = await containerIds(runtime, desired);
    expect(Object.keys(left).sort()).toEqual([name('db-1'), name('web-1'), name('web-2')]);
  });

  it('re-plans the half-made containers and is interrupted again by an abort', async () => {
    const plan = await replan(runtime, desired);
    // The half-made replicas are completed, not replaced: they join the network they missed, then start.
    const joinThenStart = (replica: string) => new RegExp(`^reconfigure ${name(replica)} \\(join ${name('wire-')}[a-z-]+; then start\\)$`);
    expect(plan.steps.map((s) => `${s.action} ${s.name} (${s.reason})`)).toEqual([
      expect.stringMatching(joinThenStart('web-1')),
      expect.stringMatching(joinThenStart('web-2')),
      `create ${name('front-1')} (new)`,
    ]);
    const controller = new AbortController();
    const error = await rejection(
      applyPlan(runtime, plan, desired, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.stepId === `container:${name('web-1')}` && e.status === 'running') controller.abort();
        },
      }),
    );
    expect(error.code).toBe('aborted');
    expect(Object.keys(await containerIds(runtime, desired))).not.toContain(name('front-1'));
  });

  it('converges on the next apply with no duplicate containers, then plans nothing', async () => {
    const { result } = await deploy(runtime, desired);
    expect(result.steps.every((s) => s.status === 'done')).toBe(true);
    const status = await vdcStatus(runtime, desired.vdc.id, { instance });
    const containers = status.appliances.flatMap((a) => a.containers);
    expect(containers.map((c) => c.name).sort()).toEqual([name('db-1'), name('front-1'), name('web-1'), name('web-2')]);
    expect(containers.every((c) => c.state === 'running' && c.health === 'healthy')).toBe(true);
    const web = await runtime.inspectContainer(name('web-1'));
    expect(web?.networks.sort()).toEqual([name('wire-front-out'), name('wire-web-db')]);
    expect((await replan(runtime, desired)).steps).toEqual([]);
  });

  it('adopts the networks, volumes and containers a lost run already made when its plan is applied again', async () => {
    const before = await containerIds(runtime, desired);
    // The plan of a run that died after its creates succeeded, before anything recorded them.
    const prerequisites = [
      ...desired.networks.map((n) => ({ kind: 'network' as const, name: n.name })),
      ...desired.volumes.map((v) => ({ kind: 'volume' as const, name: v.name })),
    ].map(({ kind, name }) => ({ id: `${kind}:${name}`, action: 'create' as const, kind, name, reason: 'new', dependsOn: [] }));
    const stale: Plan = {
      vdc: desired.vdc,
      instance,
      revisionId: desired.revisionId,
      steps: [
        ...prerequisites,
        ...desired.containers.map((c) => ({
          id: `container:${c.name}`,
          action: 'create' as const,
          kind: 'container' as const,
          name: c.name,
          appliance: c.appliance,
          reason: 'new',
          dependsOn: prerequisites.map((p) => p.id),
        })),
      ],
      summary: { create: 7, recreate: 0, remove: 0, start: 0, reconfigure: 0 },
      networks: { wires: 0, ingress: 0, edge: 0, egress: 0 },
    };
    const counting = countingRuntime(runtime);
    await applyPlan(counting.runtime, stale, desired);
    expect([counting.counts.createNetwork, counting.counts.createVolume]).toEqual([2, 1]); // "already exists" is fine
    expect(counting.counts.createContainer).toBe(4); // each one answered "name taken"…
    expect(counting.counts.removeContainer ?? 0).toBe(0); // …and was adopted, not replaced
    expect(await containerIds(runtime, desired)).toEqual(before);
  });
});

describe('a container that never becomes healthy', () => {
  it('fails the deploy with its name, the reason and its last log lines', async () => {
    const sick: ApplianceClass = classSchema.parse({
      id: 'echo-sick',
      version: 1,
      title: 'Never healthy',
      image: ECHO_IMAGE,
      resources: { cpu: { min: 0.05, max: 1, default: 0.1 }, memory: { min: '16Mi', max: '64Mi', default: '32Mi' } },
      health: { test: ['false'], interval: '300ms', timeout: '1s', retries: 2 },
    });
    const vdc = newVdc('sick');
    const desired = desiredState({
      vdc,
      revisionId: 'rev_1',
      manifest: { name: 'sick', appliances: [appliance('app', sick)], connections: [] },
      secrets: {},
      config: { instance },
    });
    const events: string[] = [];
    const error = await rejection(deploy(runtime, desired, { onEvent: (e) => events.push(`${e.status} ${e.stepId}`) }));
    expect(error.message).toContain(`container colo-${vdc.key}-app-1 failed its health check`);
    expect(error.message).toContain(`last log lines of colo-${vdc.key}-app-1:`);
    expect(error.message).toMatch(/\| echo: app-1 serving on port 80/);
    expect(events).toEqual([`running container:colo-${vdc.key}-app-1`, `failed container:colo-${vdc.key}-app-1`]);
  });
});
