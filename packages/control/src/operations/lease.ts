// The lease of a run: taken in the claim (claim.ts), renewed by a heartbeat while the run works,
// and checked before every Docker change. Postgres's clock alone decides when a lease has
// expired; this process only keeps a conservative local deadline (measured from before each
// renewal was sent), so it always believes its lease ends no later than it really does.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { getPrisma } from '@colo/db';
import { FencedError, type RunFence } from './fence';

/** How long a claim or renewal holds the operation. A dead run's operation waits this long. */
export const LEASE_MS = 30_000;
/** How often a running run renews: several renewals may fail before the lease is at risk. */
export const HEARTBEAT_MS = 5_000;
/** A Docker call is made only with at least this much lease left, or after a fresh renewal. */
const DOCKER_CALL_MARGIN_MS = 2_000;
/** How long a successful check stands before a Docker call checks the row again. */
const CHECK_CACHE_MS = 1_000;

export interface LeaseTiming {
  /** Lease length; LEASE_MS unless told. */
  leaseMs?: number;
  /** Heartbeat period; a sixth of the lease unless told (0 disables it: tests of a stalled run). */
  heartbeatMs?: number;
}

const processOwner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Names this worker process in `Operation.leaseOwner`. */
export function leaseOwnerId(): string {
  return processOwner;
}

const now = () => performance.now();

export class RunLease implements RunFence {
  private deadline: number;
  private checkedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<boolean> | undefined;
  private readonly controller = new AbortController();
  private lostWith: FencedError | undefined;

  constructor(
    readonly operationId: string,
    readonly vdcId: string,
    readonly fence: number,
    readonly owner: string,
    readonly leaseMs: number,
    /** Lease left per the database when the claim was sent, and when that was (performance.now()). */
    remainingMs: number,
    sentAt: number,
  ) {
    this.deadline = sentAt + remainingMs;
    this.checkedAt = sentAt;
  }

  /** Aborted once the run must stop: the engine stops scheduling steps and waiting. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the run must stop, once it must. */
  get lost(): FencedError | undefined {
    return this.lostWith;
  }

  startHeartbeat(everyMs = Math.floor(this.leaseMs / 6)): void {
    if (everyMs <= 0 || this.timer || this.lostWith) return;
    this.timer = setInterval(() => void this.beat(), everyMs);
    this.timer.unref();
  }

  stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Before a Docker change: passes while the fence is this run's with lease to spare (checked
   * against the row at most once a CHECK_CACHE_MS), renewing when the lease runs short; throws
   * FencedError otherwise, and from then on.
   */
  async assertHeld(): Promise<void> {
    if (this.lostWith) throw this.lostWith;
    const t = now();
    if (t - this.checkedAt < CHECK_CACHE_MS && this.deadline - t > DOCKER_CALL_MARGIN_MS) return;
    if (!(await this.renew())) throw this.lostWith ?? this.lose('its lease could not be renewed');
  }

  /** Throws once the run must stop. */
  throwIfLost(): void {
    if (this.lostWith) throw this.lostWith;
  }

  /**
   * Extends the lease if the fence is still this run's. Safe even after the lease expired: a
   * claim moves the fence in the same row, so either this renewal or that claim wins, never both.
   * A failed renewal (database unreachable) is not a loss until the local deadline passes.
   */
  renew(): Promise<boolean> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<boolean> {
    if (this.lostWith) return false;
    const sentAt = now();
    try {
      const rows = await getPrisma().$queryRaw<{ remaining: number }[]>`
        UPDATE "Operation"
        SET "leaseExpiresAt" = clock_timestamp() + make_interval(secs => ${this.leaseMs}::float8 / 1000)
        WHERE "id" = ${this.operationId} AND "fence" = ${this.fence} AND "status" = 'running'
        RETURNING (EXTRACT(EPOCH FROM ("leaseExpiresAt" - clock_timestamp())) * 1000)::float8 AS "remaining"`;
      if (rows.length === 0) {
        this.lose('another run took it over');
        return false;
      }
      this.deadline = sentAt + rows[0].remaining;
      this.checkedAt = sentAt;
      return true;
    } catch {
      if (now() >= this.deadline) this.lose('its lease expired while the database was unreachable');
      return false;
    }
  }

  private async beat(): Promise<void> {
    await this.renew();
  }

  /** Marks the lease lost (e.g. a write found the fence gone): the run stops at its next step. */
  lose(why: string | FencedError): FencedError {
    this.lostWith ??= typeof why === 'string' ? new FencedError(this, why) : why;
    this.stopHeartbeat();
    this.controller.abort(this.lostWith);
    return this.lostWith;
  }
}
