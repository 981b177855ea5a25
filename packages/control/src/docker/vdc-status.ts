// `GET /vdcs/:name/status`: what Docker runs for a VDC, next to what its manifest asks for.
import { getPrisma, type Vdc } from '@colo/db';
import { vdcStatus as engineStatus } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { expandStored } from '../assemblies/expand-stored';
import { getCatalog } from '../catalog';
import { type ApplianceFailureSummary, failureSummaries } from '../failures/appliance-flags';
import { vdcRedactor } from '../live/vdc-redactor';
import { findOwnedVdc, findRevision } from '../vdcs/find-vdc';
import { type VdcView, vdcView } from '../vdcs/vdc-views';
import { engineConfig, getRuntime } from './engine-access';
import { vdcEngineMode } from './engine-mode';
import { type DataNode, type NodeContainerStatus, type SwarmApplianceStatus, swarmStatus } from './swarm-status';
import { type Wanted, wantedAppliances } from './wanted-appliances';

export interface ContainerStatusView {
  id: string;
  name: string;
  replica: number;
  state: string;
  health: string;
  ports: { terminal: string; host: string; port: number }[];
  /** On a swarm: the node (hostname) this replica runs on. */
  node?: string;
  /** What Docker shows is wrong with it now: "out of memory", "health check failing: …". */
  problem?: string;
}

export interface ApplianceStatusView {
  name: string;
  /** The assembly box (top-level appliance of the manifest) this appliance was expanded from. */
  assembly?: string;
  class: string;
  replicas: { desired: number; running: number };
  /** running | degraded | unhealthy | stopped | standby | not deployed | removed */
  state: string;
  containers: ContainerStatusView[];
  /**
   * Why it is not right, in one line: the flap guard's reason while it holds the appliance
   * stopped ("failed 3 times in 24h (last: out of memory)"), else its first container's problem.
   */
  problem?: string;
  /** Set while the flap guard holds it stopped; a deploy or start clears it. */
  flagged?: { reason: string; at: Date };
  /** Failures in the last 24 hours (since the flag was last cleared), and the last one. */
  failures?: { recent: number; last?: { reason: string; at: Date } };
  /** On a swarm, pinned by its data: the node holding it, and whether that node is lost. */
  data?: DataNode;
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

/** "2 failures in 24h (last: out of memory)": restarted by Docker, but worth knowing. */
function recentFailures(failed: ApplianceFailureSummary | undefined): string | undefined {
  if (!failed?.lastFailure || failed.recentFailures === 0) return undefined;
  const n = failed.recentFailures;
  return `${n} failure${n === 1 ? '' : 's'} in 24h (last: ${failed.lastFailure.reason})`;
}

function problemRedactor(vdc: Vdc): (text: string) => string {
  try {
    return vdcRedactor(vdc);
  } catch {
    return () => 'problem hidden (the VDC\'s secrets cannot be read to mask it)';
  }
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
  const expanded = revision ? await expandStored(revision.manifest) : undefined;
  const wanted: ReadonlyMap<string, Wanted> =
    revision && expanded ? wantedAppliances({ id: revision.id, manifest: expanded.manifest }, await getCatalog()) : new Map();
  const [status, failures] = await Promise.all([
    (await vdcEngineMode(vdc)).mode === 'swarm'
      ? swarmStatus(vdc)
      : engineStatus(getRuntime(), vdc.id, { instance: engineConfig().instance, backends: options.backends ?? true }),
    failureSummaries(vdc.id),
  ]);

  const redact = problemRedactor(vdc);
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
        ...((c as NodeContainerStatus).node ? { node: (c as NodeContainerStatus).node } : {}),
        // A health check's output is the application's text: it may print a secret.
        ...(c.problem ? { problem: redact(c.problem) } : {}),
      }));
    const failed = failures.get(applianceName);
    const data = (actual as SwarmApplianceStatus | undefined)?.data;
    const problem =
      failed?.flagged?.reason ?? (data?.lost ? `its data is on node ${data.hostname}, which is ${data.reason ?? 'lost'}` : undefined) ?? containers.find((c) => c.problem)?.problem ?? recentFailures(failed);
    return {
      name: applianceName,
      ...(expanded?.boxOf.has(applianceName) ? { assembly: expanded.boxOf.get(applianceName) } : {}),
      class: w?.class ?? actual?.class ?? '',
      replicas: { desired: w?.replicas ?? 0, running: containers.filter((c) => c.state === 'running').length },
      state: applianceState(w, containers),
      containers,
      ...(problem ? { problem } : {}),
      ...(failed?.flagged ? { flagged: failed.flagged } : {}),
      ...(failed && failed.recentFailures > 0 ? { failures: { recent: failed.recentFailures, last: failed.lastFailure } } : {}),
      ...(data ? { data } : {}),
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
