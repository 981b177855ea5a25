// The manifest a clone starts with: the source's, under the new name, with every published port
// moved to one nobody holds (unless the caller named the port to use), so the clone runs beside
// its source at once. An entry (a stable address) is what later points users at either.
import type { Manifest } from '@colo/manifest';
import { controlEnv } from '../config';
import { ColoError } from '../errors';
import { coloOwnPorts } from '../manifests/colo-ports';
import { hostPortProbe } from '../manifests/host-port-probe';
import { nextFreePort } from '../manifests/ports-view';
import { takenPorts } from '../manifests/taken-ports';

/** The source's manifest renamed, with its published ports moved as chosen (`source port → clone port`). */
export function renamedManifest(source: Manifest, name: string, ports: Record<string, number>): Manifest {
  return {
    ...source,
    name,
    appliances: source.appliances.map((a) => ({
      ...a,
      ...(a.expose ? { expose: a.expose.map((e) => ({ ...e, port: ports[String(e.port)] ?? e.port })) } : {}),
    })),
  };
}

/** A host port for each port the source publishes: the one asked for, else the next one nobody holds. */
export async function chooseClonePorts(teamId: string, source: Manifest, asked: Record<string, number> = {}): Promise<Record<string, number>> {
  const taken = new Set((await takenPorts(teamId)).keys());
  for (const port of coloOwnPorts().keys()) taken.add(port);
  const env = controlEnv();
  const probe = hostPortProbe(env.COLO_HOST_PORT_PROBE);
  const sourcePorts = [...new Set(source.appliances.flatMap((a) => (a.expose ?? []).map((e) => e.port)))];
  for (const key of Object.keys(asked)) {
    if (!sourcePorts.includes(Number(key))) throw new ColoError('bad_request', `ports: ${source.name} publishes no port ${key}`);
  }
  const ports: Record<string, number> = {};
  const chosen = new Set<number>(Object.values(asked));
  for (const port of sourcePorts) {
    const wanted = asked[String(port)];
    if (wanted !== undefined) {
      ports[String(port)] = wanted;
      continue;
    }
    const candidate = await nextFreePort(port, new Set([...taken, ...chosen]), probe);
    if (candidate === undefined) throw new ColoError('bad_request', `no free host port above ${port} for the clone: name one with ports`);
    chosen.add(candidate);
    ports[String(port)] = candidate;
  }
  return ports;
}
