// `GET /vdcs/:name/status`: what Docker runs for a VDC, next to what its manifest asks for.
import { getPrisma } from '@colo/db';
import { vdcStatus as engineStatus } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import { type VdcView, vdcView } from '../vdcs/vdc-views';
import { engineConfig, getRuntime } from './engine-access';
import { type Wanted, wantedAppliances } from './wanted-appliances';

export interface ContainerStatusView {
  id: string;
  name: string;
  replica: number;
  state: string;
  health: string;
  ports: { terminal: string; host: string; port: number }[];
}

export interface ApplianceStatusView {
  name: string;
  class: string;
  replicas: { desired: number; running: number };
  /** running | degraded | unhealthy | stopped | standby | not deployed | removed */
  state: string;
  containers: ContainerStatusView[];
}

/** One published port: its edge listener, and the exposed appliance's replicas it sees up. */
export interface EdgeStatusView {
  host: string;
  port: number;
  /** The exposed terminal it serves, `appliance.terminal`, or '' when it points nowhere. */
  target: string;
  listener: { name: string; state: string; health: string };
  /** null when the listener does not run (or could not be asked). */
  backends: { up: number; total: number } | null;
}

export interface VdcStatusView {
  vdc: VdcView;
  appliances: ApplianceStatusView[];
  edge: EdgeStatusView[];
}

function applianceState(w: Wanted | undefined, containers: ContainerStatusView[]): string {
  const running = containers.filter((c) => c.state === 'running');
  if (!w) return 'removed';
  if (containers.length === 0) return 'not deployed';
  if (running.some((c) => c.health === 'unhealthy')) return 'unhealthy';
  if (running.length === 0) return w.standby ? 'standby' : 'stopped';
  return running.length >= w.replicas ? 'running' : 'degraded';
}

/**
 * `backends`: ask each listener how many replicas it sees up (an exec per listener); the live
 * event stream, which polls every second or two, leaves it off.
 */
export async function vdcStatus(user: AuthUser, name: string, options: { backends?: boolean } = {}): Promise<VdcStatusView> {
  const vdc = await findOwnedVdc(user, name);
  const deployed = vdc.deployedRevisionId
    ? await getPrisma().revision.findUnique({ where: { id: vdc.deployedRevisionId } })
    : null;
  // Replicas per appliance of the revision Docker should be running: the deployed one, else the latest.
  const revision = deployed ?? (vdc.latestRevision > 0 ? await findRevision(vdc) : null);
  const wanted: ReadonlyMap<string, Wanted> = revision ? wantedAppliances(revision, await getCatalog()) : new Map();
  const status = await engineStatus(getRuntime(), vdc.id, { instance: engineConfig().instance, backends: options.backends ?? true });

  const byName = new Map(status.appliances.map((a) => [a.name, a]));
  const names = [...new Set([...wanted.keys(), ...byName.keys()])];
  const appliances = names.map((applianceName): ApplianceStatusView => {
    const actual = byName.get(applianceName);
    const w = wanted.get(applianceName);
    const containers: ContainerStatusView[] = (actual?.containers ?? [])
      .slice()
      .sort((a, b) => a.replica - b.replica)
      .map((c) => ({
        id: c.id,
        name: c.name,
        replica: c.replica,
        state: c.state,
        health: c.health,
        ports: c.ports.map((p) => ({ terminal: p.terminal, host: p.hostIp, port: p.hostPort })),
      }));
    return {
      name: applianceName,
      class: w?.class ?? actual?.class ?? '',
      replicas: { desired: w?.replicas ?? 0, running: containers.filter((c) => c.state === 'running').length },
      state: applianceState(w, containers),
      containers,
    };
  });
  const edge = status.edge.map(
    (l): EdgeStatusView => ({
      host: l.hostIp,
      port: l.hostPort,
      target: l.target ? `${l.target.appliance}.${l.target.terminal}` : '',
      listener: { name: l.name, state: l.state, health: l.health },
      backends: l.backends ?? null,
    }),
  );
  return { vdc: vdcView(vdc), appliances, edge };
}
