// The fence of a run. Each claim of an operation takes `Operation.fence + 1`; a run writes only
// while the row still carries its number, checked in the same transaction as the write, so a run
// that was overtaken (its lease expired and another took the operation over) writes nothing.
import { getPrisma, type Prisma } from '@colo/db';
import { ColoError } from '../errors';

/** Who is writing: one run of one operation. */
export interface RunFence {
  readonly operationId: string;
  readonly vdcId: string;
  readonly fence: number;
}

/**
 * A run that no longer holds its operation. Retryable: the queue hands the job out again, and
 * that delivery finds the operation finished, held by the run that overtook this one, or free.
 */
export class FencedError extends ColoError {
  readonly fenced = true;

  constructor(run: RunFence, why = 'another run took it over') {
    super('operation_running', `operation ${run.operationId}: run ${run.fence} stopped, ${why}`, { retryable: true });
    this.name = 'FencedError';
  }
}

export function isFenced(error: unknown): error is FencedError {
  return error instanceof FencedError;
}

// Interactive transactions wait behind a claim's row lock at worst; the defaults (2 s to get a
// connection, 5 s in all) are tight on a loaded two-core machine.
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/**
 * Runs `write` in a transaction that first checks the fence and keeps it from moving until the
 * write commits: `FOR KEY SHARE` on the operation row conflicts with the claim's `FOR UPDATE`,
 * and not with the heartbeat's update of the lease. Throws FencedError, writing nothing, when
 * the fence has moved on.
 */
export async function withFence<T>(run: RunFence, write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return getPrisma().$transaction(async (tx) => {
    const held = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Operation" WHERE "id" = ${run.operationId} AND "fence" = ${run.fence} FOR KEY SHARE`;
    if (held.length === 0) throw new FencedError(run);
    return write(tx);
  }, TX_OPTIONS);
}

/** The same transaction settings, for the claim and anyone else who locks an operation row. */
export const FENCE_TX_OPTIONS = TX_OPTIONS;
