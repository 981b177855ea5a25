// Writes one audit event. The audit log is the record of who changed what: a request that
// changed something is never answered as failed because its audit row could not be written,
// so a write error is reported on stderr (with the event, minus detail) and swallowed here.
import { getPrisma, type Prisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';
import { newId } from '../ids';
import type { AuditVdc } from './audit-vdc-ref';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditActor {
  /** Null for Colo itself or a caller who could not be identified. */
  user: AuthUser | null;
  via: 'session' | 'token' | 'system';
  tokenId?: string;
  address?: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** An API operation id (`deployVdc`) or a named event (`signIn`, `terminalOpened`). */
  action: string;
  outcome: AuditOutcome;
  status?: number;
  /** The VDC the action named, if any (its id is null when no such VDC was found). */
  vdc?: AuditVdc;
  /** Route params, an operation id, a replica: never a request body or a secret. */
  detail?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: AuditActor = { user: null, via: 'system' };

/** Records the event; never throws (see the header). Returns the event's id, or null when it could not be stored. */
export async function recordAudit(entry: AuditEntry): Promise<string | null> {
  const id = newId('aud');
  try {
    const vdc = entry.vdc;
    // The team it happened in, kept with the event: the VDC may be deleted later.
    const teamId = vdc?.teamId ?? (vdc?.id ? ((await getPrisma().vdc.findUnique({ where: { id: vdc.id }, select: { teamId: true } }))?.teamId ?? null) : null);
    await getPrisma().auditEvent.create({
      data: {
        id,
        actorId: entry.actor.user?.id || null,
        actorEmail: entry.actor.user?.email ?? (entry.actor.via === 'system' ? 'system' : 'unknown'),
        via: entry.actor.via,
        tokenId: entry.actor.tokenId ?? null,
        address: entry.actor.address ?? null,
        action: entry.action,
        outcome: entry.outcome,
        status: entry.status ?? null,
        vdcId: vdc?.id ?? null,
        vdcName: vdc?.name ?? null,
        teamId,
        detail: (entry.detail ?? undefined) as Prisma.InputJsonValue | undefined,
      },
    });
    return id;
  } catch (err) {
    process.stderr.write(`audit: could not record ${entry.action} by ${entry.actor.user?.email ?? entry.actor.via}: ${(err as Error).message}\n`);
    return null;
  }
}
