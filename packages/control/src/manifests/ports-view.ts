// `GET /ports`: the host ports a new VDC cannot publish, and for the ports it would, whether each
// is free and, if not, why (the validator's words) and the next one that is. The create dialog
// warns with it before the user presses Create, and offers the free port in one click.
import type { AuthUser } from '../auth/api-tokens';
import { controlEnv } from '../config';
import { targetTeam } from '../teams/team-access';
import { coloOwnPorts } from './colo-ports';
import { hostPortIssues } from './host-port-check';
import { type HostPortProbe, hostPortProbe } from './host-port-probe';
import { takenPorts } from './taken-ports';

/** Highest port tried when looking for a free one. */
const LAST_PORT = 65535;
/** As many as one create dialog asks about; more is a script, not a person. */
export const MAX_NEAR_PORTS = 20;

export interface NearPort {
  port: number;
  /** `port` itself when free, else the next port above it nobody holds; absent when none is. */
  free?: number;
  /** Why `port` cannot be published, as the validator says it; absent when it can. */
  problem?: string;
}

/** The first port above `port` that is not in `taken` and that no program binds on the publish host. */
export async function nextFreePort(port: number, taken: ReadonlySet<number>, probe: HostPortProbe = hostPortProbe(controlEnv().COLO_HOST_PORT_PROBE)): Promise<number | undefined> {
  const host = controlEnv().COLO_PUBLISH_HOST;
  for (let candidate = port + 1; candidate <= LAST_PORT; candidate++) {
    if (taken.has(candidate)) continue;
    if ((await probe.check(host, candidate)) !== 'in_use') return candidate;
  }
  return undefined;
}

/** Ports held for a VDC of team `team` (the caller's personal team unless named), and the `near` ports checked. */
export async function portsView(user: AuthUser, opts: { team?: string; near?: number[] } = {}): Promise<{ taken: { port: number; holder: string }[]; near: NearPort[] }> {
  const { teamId } = await targetTeam(user, opts.team);
  const taken = await takenPorts(teamId);
  for (const [port, holder] of coloOwnPorts()) taken.set(port, holder);
  const near = [...new Set(opts.near ?? [])].slice(0, MAX_NEAR_PORTS);
  // The probe's issues, by the index of the expose that names the port.
  const bound = await hostPortIssues({ appliances: [{ expose: near.map((port) => ({ port })) }] }, (port) => taken.has(port) || port < 1024);
  const boundAt = new Map(bound.map((i) => [Number(/expose\[(\d+)\]/.exec(i.path)?.[1]), i.message]));
  const held = new Set(taken.keys());
  const checked: NearPort[] = [];
  for (const [i, port] of near.entries()) {
    const holder = taken.get(port);
    // The validator's own words for a port another VDC, entry or Colo holds (expose-rules.ts).
    const problem = holder !== undefined ? `host port ${port} is already used by ${holder}` : boundAt.get(i);
    if (!problem) {
      checked.push({ port, free: port });
      continue;
    }
    const free = await nextFreePort(port, held);
    // Two taken ports of one VDC must not be offered the same free one.
    if (free !== undefined) held.add(free);
    checked.push({ port, problem, ...(free !== undefined ? { free } : {}) });
  }
  return { taken: [...taken].map(([port, holder]) => ({ port, holder })).sort((a, b) => a.port - b.port), near: checked };
}
