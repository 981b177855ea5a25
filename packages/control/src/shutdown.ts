// Closes what control opened (database pool, queue and rate-limit connections), for a clean process exit.
import { disconnectPrisma } from '@colo/db';
import { closeLoginRateLimit } from './auth/login-rate-limit';
import { closeQueue } from './operations/queue';

export async function shutdownControl(): Promise<void> {
  await Promise.allSettled([closeQueue(), closeLoginRateLimit(), disconnectPrisma()]);
}
