// What the integration tests share: a COLO_INSTANCE of their own, cleanup by that label (even
// after a failure), free host ports, and a runtime wrapper that counts mutating calls.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { type ApplyOptions, applyPlan } from '../src/apply/apply-plan';
import type { DesiredState, VdcIdentity } from '../src/desired/types';
import { planVdc } from '../src/plan/plan-vdc';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import { MUTATING_RUNTIME_METHODS, type Runtime } from '../src/runtime/runtime';

export function testInstance(): string {
  return `test-engine-${randomBytes(4).toString('hex')}`;
}

export function newVdc(name: string): VdcIdentity {
  const id = `vdc_${randomBytes(6).toString('hex')}`;
  return { id, name, key: `${name}-${id.slice(4, 10)}` };
}

/** Removes every container, network and volume labelled with this test instance. */
export async function cleanupInstance(instance: string, runtime: Runtime = createDockerRuntime()): Promise<void> {
  const label = [`colo.instance=${instance}`];
  const containers = await runtime.listContainers(label);
  await Promise.all(containers.map((c) => runtime.removeContainer(c.id)));
  const networks = await runtime.listNetworks(label);
  await Promise.all(networks.map((n) => runtime.removeNetwork(n.id)));
  const volumes = await runtime.listVolumes(label);
  await Promise.all(volumes.map((v) => runtime.removeVolume(v.name)));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type CallCounts = Partial<Record<keyof Runtime, number>>;

/** A runtime that counts calls per method; `mutations()` sums the mutating ones. */
export function countingRuntime(inner: Runtime, intercept?: (method: keyof Runtime, calls: number) => void) {
  const counts: CallCounts = {};
  const runtime = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = prop as keyof Runtime;
      return (...args: unknown[]) => {
        counts[method] = (counts[method] ?? 0) + 1;
        intercept?.(method, counts[method]);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const mutations = () => MUTATING_RUNTIME_METHODS.reduce((sum, m) => sum + (counts[m] ?? 0), 0);
  return { runtime, counts, mutations };
}

/** GET a URL from inside a container with busybox wget; the body, or undefined when it fails. */
export async function wgetFrom(runtime: Runtime, container: string, url: string): Promise<string | undefined> {
  // Not wget's own -T: Debian's busybox 1.35 crashes with it.
  const res = await runtime.exec(container, ['timeout', '3', 'busybox', 'wget', '-q', '-O', '-', url]);
  return res.exitCode === 0 ? res.output : undefined;
}

export async function shell(runtime: Runtime, container: string, script: string) {
  return runtime.exec(container, ['sh', '-c', script]);
}

/** Reads what exists, plans against `desired` and applies: one deploy. */
export async function deploy(runtime: Runtime, desired: DesiredState, options: ApplyOptions = {}) {
  const { plan } = await planVdc(runtime, desired);
  const result = await applyPlan(runtime, plan, desired, options);
  return { plan, result };
}

export async function replan(runtime: Runtime, desired: DesiredState) {
  return (await planVdc(runtime, desired)).plan;
}

/** container name → id for a VDC. */
export async function containerIds(runtime: Runtime, desired: DesiredState): Promise<Record<string, string>> {
  const list = await runtime.listContainers([`colo.instance=${desired.instance}`, `colo.vdc=${desired.vdc.id}`]);
  return Object.fromEntries(list.map((c) => [c.name, c.id]));
}
