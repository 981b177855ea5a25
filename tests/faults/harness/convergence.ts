// Judging a fault's aftermath the way the issue counts it: did the VDC reach the state the user
// asked for, is any Docker object there twice (made by two runs), is any left over that nothing
// wants (an orphan)? "Converged" is read from Colo's own planner: after a deploy, a plan of the
// same revision against Docker must have nothing to do.
import { type AuthUser, getRuntime, planVdc } from '@colo/control';
import { getPrisma } from '@colo/db';
import { type EventWatch, watchContainerEvents } from '@colo/engine';
import type Dockerode from 'dockerode';

export type Wanted = 'deployed' | 'stopped' | 'destroyed';

export interface Verdict {
  converged: boolean;
  duplicates: number;
  orphans: number;
  detail: string;
}

/** Counts `create` events per container name for one instance label: a name made twice is a duplicate. */
export class CreateCounter {
  private counts = new Map<string, number>();
  private watch: EventWatch;

  constructor(docker: Dockerode, instance: string) {
    this.watch = watchContainerEvents(docker, {
      labels: [`colo.instance=${instance}`],
      actions: ['create'],
      onEvent: (e) => {
        const name = e.attributes.name ?? e.id;
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      },
    });
  }

  reset(): void {
    this.counts.clear();
  }

  /** Container names created more than once since the last reset. */
  duplicates(): string[] {
    return [...this.counts].filter(([, n]) => n > 1).map(([name]) => name);
  }

  close(): void {
    this.watch.close();
  }
}

export async function judge(user: AuthUser, vdcName: string, wanted: Wanted, counter?: CreateCounter): Promise<Verdict> {
  const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { ownerId: user.id, name: vdcName } });
  const runtime = getRuntime();
  const labels = [`colo.vdc=${vdc.id}`];
  const containers = await runtime.listContainers(labels);
  const networks = await runtime.listNetworks(labels);
  const names = containers.map((c) => c.name);
  const sameName = names.length - new Set(names).size + networks.length - new Set(networks.map((n) => n.name)).size;
  const duplicates = sameName + (counter?.duplicates().length ?? 0);
  const busy = vdc.activeOperationId
    ? await getPrisma().operation.findUnique({ where: { id: vdc.activeOperationId }, select: { status: true } })
    : null;
  const stuck = busy?.status === 'queued' || busy?.status === 'running';

  if (wanted === 'destroyed') {
    const orphans = containers.length + networks.length;
    return { converged: orphans === 0 && !stuck, duplicates, orphans, detail: `${containers.length} containers, ${networks.length} networks left` };
  }
  const { plan, text } = await planVdc(user, vdcName);
  const orphans = plan.steps.filter((s) => s.action === 'remove').length;
  const running = containers.filter((c) => c.state === 'running').length;
  if (wanted === 'stopped') {
    // A stopped VDC plans only starts: nothing to create, recreate or remove.
    const onlyStarts = plan.steps.every((s) => s.action === 'start');
    return { converged: onlyStarts && running === 0 && !stuck, duplicates, orphans, detail: `${running} running; plan:\n${text}` };
  }
  return {
    converged: plan.steps.length === 0 && running === containers.length && !stuck,
    duplicates,
    orphans,
    detail: `${running}/${containers.length} running; plan:\n${text}`,
  };
}
