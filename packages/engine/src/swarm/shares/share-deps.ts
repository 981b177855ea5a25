// What ensureShare and removeShare work with: the swarm manager (Colo's one Docker endpoint),
// the nodes (NodeAccess), the share image and Colo's secret key (the keys derive from it).
import type Dockerode from 'dockerode';
import type { NodeAccess } from './node-access';

export interface ShareDeps {
  manager: Dockerode;
  nodes: NodeAccess;
  /** The system image templates/system/share builds (`colo/share:<version>`). */
  image: string;
  /** Colo's secret key: every share's SSH keys derive from it. */
  secret: string | Buffer;
  /** How long each step may wait (the mounts answering, tasks going away); 90 s unless told. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 90_000;

/** Polls `probe` until it returns a value, or the deadline: then undefined. */
export async function pollUntil<T>(deps: ShareDeps, probe: () => Promise<T | undefined>, intervalMs = 500): Promise<T | undefined> {
  const until = Date.now() + (deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    deps.signal?.throwIfAborted();
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) return undefined;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;
