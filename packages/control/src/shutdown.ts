// Closes what control opened (database pool, queue, worker-call and rate-limit connections, terminals), for a clean process exit.
import { disconnectPrisma } from '@colo/db';
import { closeLoginRateLimit } from './auth/login-rate-limit';
import { closeQueue } from './operations/queue';
import { closeRelayRedis } from './terminal/relay-channel';
import { closeAllTerminals } from './terminal/terminal-registry';
import { closeWorkerCalls } from './worker-calls/call-worker';

export async function shutdownControl(): Promise<void> {
  // Terminals first: each one's close goes through the relay's connection.
  await closeAllTerminals('closed: Colo is shutting down');
  await Promise.allSettled([closeQueue(), closeWorkerCalls(), closeRelayRedis(), closeLoginRateLimit(), disconnectPrisma()]);
}
