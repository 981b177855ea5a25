// Closes what control opened (database pool, queue connection), for a clean process exit.
import { disconnectPrisma } from '@colo/db';
import { closeQueue } from './operations/queue';

export async function shutdownControl(): Promise<void> {
  await Promise.allSettled([closeQueue(), disconnectPrisma()]);
}
