// A swarm VDC's status in the single-host shape vdc-status.ts reads (engine-mode.ts decides):
// each service's tasks as its "containers", one per replica slot, with the NODE it runs on (the
// editor shows where each replica runs); each edge listener service with the node it publishes on.
import { LABEL, swarmVdcStatus, type VdcStatus } from '@colo/engine';
import { vdcScope } from './engine-access';
import { getSwarmEngine } from './engine-mode';

export type NodeContainerStatus = VdcStatus['appliances'][number]['containers'][number] & { node?: string };
export type SwarmStatus = Omit<VdcStatus, 'appliances'> & { appliances: { name: string; class: string; containers: NodeContainerStatus[] }[] };

export async function swarmStatus(vdc: { id: string }): Promise<SwarmStatus> {
  const services = await swarmVdcStatus(getSwarmEngine().api, vdcScope(vdc));
  const appliances = services
    .filter((s) => s.role !== 'edge')
    .map((s) => ({
      name: s.appliance,
      class: s.labels[LABEL.class] ?? '',
      containers: s.tasks.map(
        (t): NodeContainerStatus => ({
          id: t.taskId,
          name: `${s.name}.${t.replica}`,
          replica: t.replica,
          state: t.state as NodeContainerStatus['state'],
          health: t.health as NodeContainerStatus['health'],
          restarts: 0,
          standby: s.labels[LABEL.standby] === 'true',
          ports: [],
          node: t.node,
          ...(t.problem ? { problem: t.problem } : {}),
        }),
      ),
    }));
  const edge = services
    .filter((s) => s.role === 'edge')
    .map((s) => {
      const task = s.tasks[0];
      return {
        name: s.name,
        // Published in host mode on every address of its node: the node is what a person needs.
        hostIp: task?.node ?? s.pinnedNode ?? '',
        hostPort: Number(s.labels[LABEL.edgePort] ?? 0),
        state: (task?.state ?? 'exited') as NodeContainerStatus['state'],
        health: (task?.health ?? 'none') as NodeContainerStatus['health'],
        target: { appliance: s.appliance, terminal: s.labels[LABEL.terminal] ?? '' },
      };
    });
  return { vdcId: vdc.id, appliances, edge, networks: [], volumes: [] };
}
