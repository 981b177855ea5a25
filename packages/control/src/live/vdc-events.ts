// `GET /vdcs/:name/events`: what the editor watches while a VDC lives. Polls Postgres and Docker
// server-side (so a browser holds one connection, not a poller per widget) and yields only what
// changed: the status body, and the running or last operation with its new log lines.
import { getPrisma, type Vdc } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { vdcStatus } from '../docker/vdc-status';
import { toColoError } from '../operations/classify-error';
import { getOperation } from '../operations/read-operations';
import { findOwnedVdc, vdcNotFound } from '../vdcs/find-vdc';
import { pause, type ServerEvent } from './event-stream';
import { stepAppliance } from './step-appliance';

export interface VdcEventsTiming {
  /** Between polls while an operation is queued or running. */
  activeMs: number;
  /** Between polls otherwise: containers can still crash or be stopped from outside. */
  idleMs: number;
}

const DEFAULT_TIMING: VdcEventsTiming = { activeMs: 1000, idleMs: 2000 };
/**
 * A poll inspects every container; on a big VDC that is real work for Docker. Waiting at least
 * this many times as long as the poll took keeps one watcher under a quarter of a core.
 */
const LOAD_FACTOR = 3;
/** getOperation's page: a full page means more lines are waiting. */
const LOG_PAGE = 1000;

/** Checks ownership now (so the caller can answer 404), then returns the event source. */
export async function openVdcEvents(
  user: AuthUser,
  name: string,
  timing: Partial<VdcEventsTiming> = {},
): Promise<(signal: AbortSignal) => AsyncIterable<ServerEvent>> {
  const vdc = await findOwnedVdc(user, name);
  return (signal) => watchVdc(user, vdc, { ...DEFAULT_TIMING, ...timing }, signal);
}

const ACTIVE = new Set(['queued', 'running']);

async function* watchVdc(user: AuthUser, vdc: Vdc, timing: VdcEventsTiming, signal: AbortSignal): AsyncGenerator<ServerEvent> {
  const prisma = getPrisma();
  let statusText = '';
  let problemText = '';
  let op: { id: string; text: string; seq: number; active: boolean; fullPage: boolean } | undefined;

  while (!signal.aborted) {
    const started = Date.now();
    // By id, so a rename while watching keeps the stream; a delete (or leaving the team) ends it.
    const current = await prisma.vdc.findFirst({
      where: { id: vdc.id, team: { members: { some: { userId: user.id } } } },
      select: { id: true, name: true, activeOperationId: true },
    });
    if (!current) throw vdcNotFound(vdc.name);

    try {
      const status = await vdcStatus(user, current.id, { backends: false });
      const text = JSON.stringify(status);
      // After a problem, send the status even if unchanged: it tells the client Docker is back.
      const recovered = problemText !== '';
      problemText = '';
      if (text !== statusText || recovered) {
        statusText = text;
        yield { event: 'status', data: status };
      }
    } catch (err) {
      const error = toColoError(err);
      if (error.code === 'not_found') throw error;
      // Docker away for a moment: say so once, keep watching.
      if (error.message !== problemText) {
        problemText = error.message;
        yield { event: 'problem', data: { error: { code: error.code, message: error.message } } };
      }
    }

    const latest = await prisma.operation.findFirst({
      where: { vdcId: vdc.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, status: true },
    });
    if (latest && (latest.id !== op?.id || op.active || op.fullPage || ACTIVE.has(latest.status))) {
      const fresh = latest.id !== op?.id;
      const { operation, logs } = await getOperation(user, latest.id, fresh ? 0 : op!.seq);
      const body = { ...operation, steps: operation.steps.map((s) => ({ ...s, appliance: stepAppliance(s.key, vdc.dockerKey) })) };
      const text = JSON.stringify(body);
      const changed = fresh || text !== op!.text || logs.length > 0;
      op = {
        id: latest.id,
        text,
        seq: logs.at(-1)?.seq ?? (fresh ? 0 : op!.seq),
        active: ACTIVE.has(operation.status),
        fullPage: logs.length >= LOG_PAGE,
      };
      if (changed) yield { event: 'operation', data: { operation: body, logs } };
    }

    const busy = op?.active || current.activeOperationId !== null;
    await pause(Math.max(busy ? timing.activeMs : timing.idleMs, (Date.now() - started) * LOAD_FACTOR), signal);
  }
}
