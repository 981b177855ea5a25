// entry_switch and entry_delete: the runs behind `colo entry create|switch|rm`. They run as an
// operation of the target VDC (its claim keeps it from being redeployed or destroyed meanwhile)
// but change nothing of it: its state stays what it was, whatever happens to the entry.
//
// A switch first makes sure the target serves (a replica of the exposed appliance is running and
// healthy: one Docker API call, asked every quarter second), then points the entry's listener at
// it: created with its bridge the first time, re-pointed by a seamless reload after that. Only
// then does the entry's row say so.
//
// On a swarm the listener is the same container on Colo's own engine (the manager): a VDC's
// ingress there is an attachable overlay, which the listener joins like a bridge, and Swarm's DNS
// on it names every replica of the exposed appliance, on whichever node it runs. Only the
// serving check reads differently: the services' tasks instead of the host's containers.
import { getPrisma } from '@colo/db';
import { ensureEntry, exposedTerminals, listenerTarget, removeEntry, type Serving, servingReplicas, swarmServingReplicas } from '@colo/engine';
import type { Manifest } from '@colo/manifest';
import { engineConfig, vdcScope } from '../../docker/engine-access';
import { getSwarmEngine, vdcEngineMode } from '../../docker/engine-mode';
import { ColoError } from '../../errors';
import { resolveChecked } from '../../manifests/manifest-input';
import { withFence } from '../fence';
import type { Runner, RunnerContext } from './types';

/** How long a switch waits for the target to have a healthy replica before it gives up. */
const SERVING_TIMEOUT_MS = 90_000;
const SERVING_POLL_MS = 250;

function params(ctx: RunnerContext): { entryId: string; appliance?: string; terminal?: string; from?: string | null } {
  return (ctx.op.params ?? {}) as { entryId: string; appliance?: string; terminal?: string; from?: string | null };
}

async function loadEntry(entryId: string) {
  const entry = await getPrisma().entry.findUnique({ where: { id: entryId } });
  if (!entry) throw new ColoError('not_found', 'the entry was deleted before its operation ran', { retryable: false });
  return entry;
}

export const runEntrySwitch: Runner = async (ctx) => {
  const { op, vdc, recorder, lease, runtime, signal } = ctx;
  const { entryId, appliance, terminal } = params(ctx);
  if (!appliance || !terminal) throw new ColoError('internal', `operation ${op.id} names no target terminal`, { retryable: false });
  const entry = await loadEntry(entryId);
  const where = `${vdc.name} ${appliance}.${terminal}`;
  await recorder.defineSteps([
    { key: 'serving', title: `check that ${where} serves` },
    { key: 'point', title: `point entry ${entry.name} (port ${entry.hostPort}) at ${where}` },
  ]);
  const repair = (op.params as { repair?: string } | null)?.repair;
  if (repair) recorder.log(`asked for by the edge check: entry ${entry.name} ${repair}`);
  try {
    recorder.stepStarted('serving');
    const target = await targetOf(ctx, appliance, terminal);
    await waitServing(ctx, appliance, terminal);
    recorder.stepDone('serving');

    recorder.stepStarted('point');
    const { instance, publishHost, imageNamespace } = engineConfig();
    const started = Date.now();
    const what = await ensureEntry(runtime, { id: entry.id, instance, publishHost, hostPort: entry.hostPort, target, imageNamespace, wake: entry.wakeOnRequest }, { signal });
    const switchMs = Date.now() - started;
    recorder.log(`${what} in ${switchMs} ms`);
    const from = entry.state === 'ready' && entry.vdcId !== vdc.id ? entry.vdcId : entry.previousVdcId;
    await withFence(lease, async (tx) => {
      await tx.entry.update({ where: { id: entry.id }, data: { vdcId: vdc.id, appliance, terminal, previousVdcId: from, state: 'ready', switchedAt: new Date() } });
      await tx.operation.update({ where: { id: op.id }, data: { result: { entry: entry.name, vdc: vdc.name, switchMs } } });
    });
    recorder.stepDone('point');
    return {};
  } catch (error) {
    // The first pointing failed: say so on the entry (a later switch can still make it ready).
    if (entry.state !== 'ready') {
      await withFence(lease, (tx) => tx.entry.updateMany({ where: { id: entry.id, state: 'creating' }, data: { state: 'failed' } })).catch(() => undefined);
    }
    throw error;
  }
};

export const runEntryDelete: Runner = async (ctx) => {
  const { op, lease, recorder, runtime } = ctx;
  const { entryId } = params(ctx);
  const entry = await loadEntry(entryId);
  await recorder.defineSteps([{ key: 'remove', title: `remove entry ${entry.name} (port ${entry.hostPort})` }]);
  recorder.stepStarted('remove');
  await removeEntry(runtime, { id: entry.id, instance: engineConfig().instance, hostPort: entry.hostPort });
  await withFence(lease, async (tx) => {
    await tx.entry.delete({ where: { id: entry.id } });
    await tx.operation.update({ where: { id: op.id }, data: { result: { entry: entry.name, removed: true } } });
  });
  recorder.log(`entry ${entry.name} removed; port ${entry.hostPort} is free`);
  recorder.stepDone('remove');
  return {};
};

/** The ingress network and alias of the terminal in the revision the VDC runs now. */
async function targetOf({ vdc }: RunnerContext, appliance: string, terminal: string) {
  if (vdc.state !== 'running' || !vdc.deployedRevisionId) {
    throw new ColoError('bad_request', `VDC "${vdc.name}" is ${vdc.state}: an entry points only at a running VDC`, { retryable: false });
  }
  const revision = await getPrisma().revision.findUniqueOrThrow({ where: { id: vdc.deployedRevisionId } });
  const resolved = await resolveChecked(revision.manifest as unknown as Manifest);
  const exposed = exposedTerminals(resolved).find((e) => e.appliance === appliance && e.terminal === terminal);
  if (!exposed) throw new ColoError('bad_request', `VDC "${vdc.name}" no longer exposes ${appliance}.${terminal}`, { retryable: false });
  return listenerTarget(vdc.dockerKey, exposed);
}

/**
 * Switching to a VDC that cannot answer would fail every request: wait until a replica of the
 * exposed appliance runs and passes its health check (Docker's view: no exec in any listener).
 */
async function waitServing({ vdc, runtime, signal, recorder }: RunnerContext, appliance: string, terminal: string): Promise<void> {
  const deadline = Date.now() + SERVING_TIMEOUT_MS;
  const scope = vdcScope(vdc);
  const onSwarm = (await vdcEngineMode(vdc)).mode === 'swarm';
  const read = (): Promise<Serving> => (onSwarm ? swarmServingReplicas(getSwarmEngine().api, scope, appliance) : servingReplicas(runtime, scope, appliance));
  let said = false;
  for (;;) {
    const serving = await read();
    if (serving.ready > 0) {
      recorder.log(`${vdc.name} ${appliance}.${terminal}: ${serving.ready} of ${serving.total} replicas healthy`);
      return;
    }
    if (Date.now() > deadline) {
      throw new ColoError('bad_request', `VDC "${vdc.name}" does not serve ${appliance}.${terminal} (${serving.ready} of ${serving.total} replicas healthy): not switching to it`, { retryable: false });
    }
    if (!said) recorder.log(`waiting for a healthy replica of ${appliance}.${terminal} in ${vdc.name}`);
    said = true;
    if (signal.aborted) throw new ColoError('internal', 'stopped while waiting for the target to serve');
    await new Promise((r) => setTimeout(r, SERVING_POLL_MS));
  }
}
