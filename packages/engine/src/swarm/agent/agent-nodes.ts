// The swarm's nodes as the agents are reached: id, hostname, the address to dial, state. The
// manager's own node may report Status.Addr 0.0.0.0 (Docker does when it advertised no address
// of its own); its ManagerStatus.Addr names the real one.
import type Dockerode from 'dockerode';

export interface AgentNodeInfo {
  id: string;
  hostname: string;
  address: string;
  ready: boolean;
  /** `active`, `pause` or `drain`: a drained node runs no global task, so no agent either. */
  availability: string;
}

type ListedNode = {
  ID: string;
  Description?: { Hostname?: string };
  Status?: { State?: string; Addr?: string };
  Spec?: { Availability?: string };
  ManagerStatus?: { Addr?: string };
};

export async function listAgentNodes(manager: Dockerode): Promise<AgentNodeInfo[]> {
  const listed = (await manager.listNodes()) as ListedNode[];
  return listed
    .map((n) => ({
      id: n.ID,
      hostname: n.Description?.Hostname ?? n.ID,
      address: nodeAddress(n),
      ready: n.Status?.State === 'ready',
      availability: n.Spec?.Availability ?? 'active',
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

function nodeAddress(n: ListedNode): string {
  const addr = n.Status?.Addr ?? '';
  if (addr && addr !== '0.0.0.0') return addr;
  const managerAddr = n.ManagerStatus?.Addr ?? '';
  // `10.0.0.1:2377` or `[fd00::1]:2377`
  return managerAddr.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}
