// Host ports are one namespace per host: a port named by any other VDC's latest revision, or by
// the revision it still runs, is taken, and so is every entry's. Destroyed VDCs hold none.
import { getPrisma } from '@colo/db';

interface Row {
  id: string;
  name: string;
  teamId: string;
  manifest: unknown;
}

export function exposedPorts(manifest: unknown): number[] {
  const ports: number[] = [];
  const appliances = (manifest as { appliances?: unknown })?.appliances;
  if (!Array.isArray(appliances)) return ports;
  for (const a of appliances) {
    const expose = (a as { expose?: unknown })?.expose;
    if (!Array.isArray(expose)) continue;
    for (const e of expose) {
      const port = (e as { port?: unknown })?.port;
      if (typeof port === 'number') ports.push(port);
    }
  }
  return ports;
}

/**
 * Ports held by VDCs other than `exceptVdcId`, each with who holds it as the validator prints it
 * to a member of team `viewerTeamId`.
 */
export async function takenPorts(viewerTeamId: string, exceptVdcId?: string): Promise<Map<number, string>> {
  const rows = await getPrisma().$queryRaw<Row[]>`
    SELECT v."id", v."name", v."teamId", r."manifest"
    FROM "Vdc" v
    JOIN "Revision" r ON r."vdcId" = v."id"
      AND (r."number" = v."latestRevision" OR r."id" = v."deployedRevisionId")
    WHERE v."state" <> 'destroyed' AND v."id" <> ${exceptVdcId ?? ''}`;
  const taken = new Map<number, string>();
  for (const row of rows) {
    // Another team's VDC name is theirs to know; say only that the port is in use.
    const holder = row.teamId === viewerTeamId ? `VDC "${row.name}"` : "another user's VDC";
    for (const port of exposedPorts(row.manifest)) if (!taken.has(port)) taken.set(port, holder);
  }
  const entries = await getPrisma().entry.findMany({ select: { name: true, teamId: true, hostPort: true } });
  for (const e of entries) taken.set(e.hostPort, e.teamId === viewerTeamId ? `entry "${e.name}"` : "another user's entry");
  return taken;
}
