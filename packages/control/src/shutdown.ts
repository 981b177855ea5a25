// Closes what control opened (database pool, queue and rate-limit connections, terminals), for a clean process exit.
import { disconnectPrisma } from '@colo/db';
import { closeLoginRateLimit } from './auth/login-rate-limit';
import { closeQueue } from './operations/queue';
import { closeAllTerminals } from './terminal/terminal-registry';

export async function shutdownControl(): Promise<void> {
  await Promise.allSettled([closeAllTerminals('closed: Colo is shutting down'), closeQueue(), closeLoginRateLimit(), disconnectPrisma()]);
}
