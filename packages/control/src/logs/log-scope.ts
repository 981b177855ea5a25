// Which containers a logs query reads: every replica of the VDC's appliances, or of one, found
// by the labels the engine gives them (so replicas a deploy adds later are found the same way),
// on every node of a swarm the VDC's tasks were placed on (docker/replica-location.ts), each read
// from its own node's engine; and the VDC's redactor, since an application may print its secrets.
import type { Vdc } from '@colo/db';
import type { NodeEngine } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { type VdcContainer, vdcContainers } from '../docker/replica-location';
import { ColoError } from '../errors';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import { vdcRedactor } from '../live/vdc-redactor';

export interface LogContainer {
  id: string;
  name: string;
  appliance: string;
  replica: number;
  running: boolean;
  /** The Docker API of the node it runs on; undefined: Colo's own engine. */
  docker?: NodeEngine['docker'];
}

export interface LogScope {
  vdc: Vdc;
  redact: (text: string) => string;
  /** The containers now, by appliance then replica. */
  containers: () => Promise<LogContainer[]>;
}

export async function openLogScope(user: AuthUser, vdcName: string, filter: { appliance?: string; replica?: number }): Promise<LogScope> {
  const vdc = await findOwnedVdc(user, vdcName);
  const containers = async () => (await vdcContainers(vdc, filter)).map(toLogContainer).sort(byApplianceThenReplica);
  if (filter.appliance && (await containers()).length === 0 && !(await inLatestRevision(vdc, filter.appliance))) {
    throw new ColoError('not_found', `VDC "${vdc.name}" has no appliance "${filter.appliance}"`);
  }
  return { vdc, redact: vdcRedactor(vdc), containers };
}

export function toLogContainer(c: VdcContainer): LogContainer {
  return {
    id: c.id,
    name: c.name,
    appliance: c.labels['colo.appliance'] ?? '',
    replica: c.replica,
    running: c.state === 'running',
    ...(c.engine.docker ? { docker: c.engine.docker } : {}),
  };
}

function byApplianceThenReplica(a: LogContainer, b: LogContainer): number {
  return a.appliance.localeCompare(b.appliance) || a.replica - b.replica;
}

async function inLatestRevision(vdc: Vdc, appliance: string): Promise<boolean> {
  if (vdc.latestRevision === 0) return false;
  const manifest = (await findRevision(vdc)).manifest as { appliances?: { name?: string }[] } | null;
  return (manifest?.appliances ?? []).some((a) => a.name === appliance);
}
