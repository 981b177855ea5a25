// Start on first request (AppLogic's "stub"): an entry with `wakeOnRequest` whose VDC is stopped
// holds new connections in its edge listener (colo-edge-hold), which says so on the listener's
// log. The worker follows the log of every wake entry's listener (an idle stream each: nothing is
// asked of any container) and, on that line, asks for a normal `start` of the VDC, the way a
// user would, so claims and fences apply. One start however many connections wait: the request
// is made under the VDC's row lock, and not made while a start is queued or running. Only a VDC
// stopped by a user or a schedule is woken; a failed or destroyed one never is.
import { getPrisma } from '@colo/db';
import { ENTRY_LABEL, followLogs, LABEL } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { auditSystemRequest } from '../audit/system-events';
import { isColoError } from '../errors';
import { actingMember } from '../teams/acting-member';
import { checkOperation, enqueueWritten } from '../operations/request-operation';

/** What the holding process prints on the listener's log for each connection it holds. */
export const WAKE_LINE = 'colo-wake:';

/** `requested op_…`, `waiting for op_…` or `skipped: …`. */
export async function wakeEntryVdc(entryId: string): Promise<string> {
  const prisma = getPrisma();
  const entry = await prisma.entry.findUnique({ where: { id: entryId }, select: { name: true, wakeOnRequest: true, vdcId: true } });
  if (!entry) return 'skipped: the entry is gone';
  if (!entry.wakeOnRequest) return `skipped: entry ${entry.name} does not start its VDC on request`;
  let data: Awaited<ReturnType<typeof checkOperation>> | undefined;
  let woken: { id: string; name: string } | undefined;
  const outcome = await prisma.$transaction(async (tx) => {
    // Many held connections, several workers: one at a time decides, under the VDC's row lock.
    const [vdc] = await tx.$queryRaw<{ id: string; name: string; state: string; ownerId: string; teamId: string }[]>`
      SELECT "id", "name", "state"::text AS "state", "ownerId", "teamId" FROM "Vdc" WHERE "id" = ${entry.vdcId} FOR UPDATE`;
    if (!vdc) return 'skipped: the VDC is gone';
    if (vdc.state !== 'stopped') return `skipped: VDC ${vdc.name} is ${vdc.state}`;
    const open = await tx.operation.findFirst({ where: { vdcId: vdc.id, kind: 'start', status: { in: ['queued', 'running'] } }, select: { id: true } });
    if (open) return `waiting for ${open.id}`;
    try {
      data = await checkOperation(await actingMember(vdc), vdc.id, 'start', {});
    } catch (error) {
      if (isColoError(error)) return `skipped: ${error.message}`;
      throw error;
    }
    await tx.operation.create({ data });
    woken = { id: vdc.id, name: vdc.name };
    return `requested ${data.id}`;
  });
  if (data && woken && outcome.startsWith('requested')) {
    await enqueueWritten(data.id as string);
    await auditSystemRequest({ by: 'wake on request', operationId: data.id as string, kind: 'start', vdc: woken, detail: { entry: entry.name } });
  }
  return `entry ${entry.name}: ${outcome}`;
}

export interface WakeWatch {
  close(): void;
  /** Looks for wake entries now (tests; the watch does it every `refreshMs` by itself). */
  refresh(): Promise<void>;
}

export interface WakeWatchOptions {
  log?: (line: string) => void;
  /** How often the set of wake entries is read again (a DB query); 5 s unless told. */
  refreshMs?: number;
}

/** Follows the listener log of every entry with `wakeOnRequest`, and wakes its VDC on a held connection. */
export function startWakeWatch(options: WakeWatchOptions = {}): WakeWatch {
  const log = options.log ?? (() => {});
  const following = new Map<string, AbortController>();
  let closed = false;

  async function follow(entryId: string, containerId: string, signal: AbortSignal): Promise<void> {
    try {
      for await (const { line } of followLogs(containerId, { signal, since: Date.now() / 1000 })) {
        if (!line.startsWith(WAKE_LINE)) continue;
        log(await wakeEntryVdc(entryId).catch((e: Error) => `entry ${entryId}: wake failed: ${e.message}`));
      }
    } catch (error) {
      if (!signal.aborted) log(`wake watch: following entry ${entryId}'s listener failed: ${(error as Error).message}`);
    } finally {
      // The listener stopped or went: found and followed again on the next refresh.
      following.delete(entryId);
    }
  }

  async function refresh(): Promise<void> {
    if (closed) return;
    const wanted = new Set((await getPrisma().entry.findMany({ where: { wakeOnRequest: true }, select: { id: true } })).map((e) => e.id));
    for (const [id, stop] of following) {
      if (!wanted.has(id)) {
        stop.abort();
        following.delete(id);
      }
    }
    const missing = [...wanted].filter((id) => !following.has(id));
    if (missing.length === 0) return;
    const listeners = await getRuntime().listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`, ENTRY_LABEL]);
    for (const id of missing) {
      const listener = listeners.find((l) => l.labels[ENTRY_LABEL] === id && l.state === 'running');
      if (!listener || closed) continue;
      const stop = new AbortController();
      following.set(id, stop);
      void follow(id, listener.id, stop.signal);
    }
  }

  const tick = () => void refresh().catch((e: Error) => log(`wake watch: ${e.message}`));
  tick();
  const timer = setInterval(tick, options.refreshMs ?? 5000);
  timer.unref();
  return {
    refresh,
    close() {
      closed = true;
      clearInterval(timer);
      for (const stop of following.values()) stop.abort();
      following.clear();
    },
  };
}
