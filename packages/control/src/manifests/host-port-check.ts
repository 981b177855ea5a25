// Published ports against the host as it is now: a port some other program already holds would
// fail the deploy half-way (Docker: "driver failed programming external connectivity"), so it
// is refused at validation, with the path of the expose that names it.
import type { Issue } from '@colo/manifest';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { controlEnv } from '../config';
import { hostPortProbe } from './host-port-probe';

export interface ExposedPort {
  path: string;
  port: number;
}

/** Every `appliances[i].expose[j].port` of a (possibly broken) manifest that is a port number. */
export function exposedPortPaths(value: unknown): ExposedPort[] {
  const found: ExposedPort[] = [];
  const appliances = (value as { appliances?: unknown } | null)?.appliances;
  if (!Array.isArray(appliances)) return found;
  appliances.forEach((a, i) => {
    const expose = (a as { expose?: unknown } | null)?.expose;
    if (!Array.isArray(expose)) return;
    expose.forEach((e, j) => {
      const port = (e as { port?: unknown } | null)?.port;
      if (Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535) {
        found.push({ path: `appliances[${i}].expose[${j}].port`, port: port as number });
      }
    });
  });
  return found;
}

// Probing is a bind and a close; a bounded number at a time, and a bounded number in all, keeps
// a huge manifest cheap (one exposing more ports than this is over any sane host-port quota).
const PROBE_CONCURRENCY = 16;
export const MAX_PROBED_PORTS = 200;

/** Ports published by this installation's containers (any VDC, the edge proxy): Colo's, not another program's. */
async function coloPublishedPorts(): Promise<Set<number> | undefined> {
  try {
    const containers = await getRuntime().listContainers([`colo.instance=${engineConfig().instance}`]);
    return new Set(containers.flatMap((c) => c.ports.map((p) => p.hostPort)));
  } catch {
    // Docker unreachable: we cannot tell Colo's ports from others'; the deploy will report it.
    return undefined;
  }
}

/**
 * Issues for exposed ports bound on the publish host by something outside Colo. Ports the
 * validator already refuses (`skip`: other VDCs', Colo's own, out of range) are not probed, and
 * each port is reported once, at its first expose.
 */
export async function hostPortIssues(value: unknown, skip: (port: number) => boolean): Promise<Issue[]> {
  const env = controlEnv();
  const probe = hostPortProbe(env.COLO_HOST_PORT_PROBE);
  const seen = new Set<number>();
  const candidates = exposedPortPaths(value)
    .filter((e) => {
      if (seen.has(e.port) || skip(e.port)) return false;
      seen.add(e.port);
      return true;
    })
    .slice(0, MAX_PROBED_PORTS);
  const bound: ExposedPort[] = [];
  for (let i = 0; i < candidates.length; i += PROBE_CONCURRENCY) {
    const batch = candidates.slice(i, i + PROBE_CONCURRENCY);
    const states = await Promise.all(batch.map((e) => probe.check(env.COLO_PUBLISH_HOST, e.port)));
    batch.forEach((e, k) => {
      if (states[k] === 'in_use') bound.push(e);
    });
  }
  if (bound.length === 0) return [];
  const colo = await coloPublishedPorts();
  if (!colo) return [];
  return bound
    .filter((e) => !colo.has(e.port))
    .map((e) => ({
      path: e.path,
      message: `host port ${e.port} is in use on ${env.COLO_PUBLISH_HOST} by another program`,
      severity: 'error' as const,
    }));
}
