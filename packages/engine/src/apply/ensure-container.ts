// Bringing one container to its desired definition, safe to repeat after a crash: names are
// deterministic, so a container left by a killed run is found by name and adopted (same spec,
// running) or replaced; a container of that name that is not this VDC's is never touched.
import type { DesiredContainer } from '../desired/types';
import { EngineError, isEngineError } from '../engine-error';
import { belongsTo, LABEL, type VdcScope } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { ensureClassVolumes } from '../volumes/class-volumes';
import { failureWithLogs } from './container-failure';

export interface ContainerStepContext {
  runtime: Runtime;
  scope: VdcScope;
  signal?: AbortSignal;
  stopTimeoutSeconds: number;
  /** Resolves once the servers this container boots after are healthy. */
  waitForServers(container: DesiredContainer): Promise<void>;
}

export async function ensureContainer(ctx: ContainerStepContext, c: DesiredContainer, replace: boolean): Promise<string> {
  if (replace) await removeContainer(ctx, c.name);
  const { id, attached, adopted } = await createOrAdopt(ctx, c);
  for (const n of c.networks) {
    if (!attached.includes(n.network)) await ctx.runtime.connectNetwork(n.network, id, n.aliases);
  }
  if (c.standby) return `${c.name} ${adopted ? 'adopted' : 'created'} (standby, not started)`;
  await startContainer(ctx, c, id);
  return `${c.name} ${adopted ? 'adopted' : replace ? 'recreated' : 'created'}, healthy`;
}

/** Starts an existing container once its servers are healthy, and waits until it is healthy. */
export async function startContainer(ctx: ContainerStepContext, c: DesiredContainer, id = c.name): Promise<string> {
  await ctx.waitForServers(c);
  await ctx.runtime.startContainer(id);
  try {
    await ctx.runtime.waitHealthy(id, { timeoutMs: c.healthTimeoutMs, signal: ctx.signal });
  } catch (error) {
    throw await failureWithLogs(ctx.runtime, c.name, error);
  }
  return `${c.name} started, healthy`;
}

/** The create body with the class version's volumes mounted (filled first when new). */
async function withClassVolumes(ctx: ContainerStepContext, c: DesiredContainer): Promise<DesiredContainer['create']> {
  if (!c.classVolumes?.length) return c.create;
  const mounts = await ensureClassVolumes(ctx.runtime, { instance: ctx.scope.instance, image: c.image, classId: c.classId, mounts: c.classVolumes });
  return { ...c.create, HostConfig: { ...c.create.HostConfig, Mounts: [...(c.create.HostConfig?.Mounts ?? []), ...mounts] } };
}

export async function removeContainer(ctx: ContainerStepContext, name: string): Promise<string> {
  await ctx.runtime.stopContainer(name, ctx.stopTimeoutSeconds).catch((error) => {
    if (!isEngineError(error, 'not_found')) throw error;
  });
  await ctx.runtime.removeContainer(name);
  return `${name} removed`;
}

async function createOrAdopt(ctx: ContainerStepContext, c: DesiredContainer) {
  const primary = c.networks.slice(0, 1).map((n) => n.network);
  for (let attempt = 0; ; attempt++) {
    try {
      return { id: await ctx.runtime.createContainer(await withClassVolumes(ctx, c)), attached: primary, adopted: false };
    } catch (error) {
      if (!isEngineError(error, 'conflict') || attempt > 1) throw error;
    }
    const existing = await ctx.runtime.inspectContainer(c.name);
    if (!existing) continue; // removed meanwhile: create again
    if (!belongsTo(existing.labels, ctx.scope)) {
      throw new EngineError('name_taken', `container name ${c.name} is taken by a container this VDC does not own`);
    }
    const sameSpec = existing.labels[LABEL.spec] === c.specHash;
    if (sameSpec && (existing.state === 'running' || c.standby)) {
      return { id: existing.id, attached: existing.networks, adopted: true };
    }
    // Half-made by an interrupted run (never started, or another definition): replace it.
    await removeContainer(ctx, existing.id);
  }
}
