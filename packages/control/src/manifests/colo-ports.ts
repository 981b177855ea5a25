// Host ports Colo itself listens on: its web app, and Postgres and Redis when they run on this
// host. A VDC publishing one of them would break Colo (or fail at deploy), so they are refused.
import { type ControlEnv, controlEnv } from '../config';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0|::|\[::\])$/i;

function urlPort(url: string | undefined, defaultPort: number): { host: string; port: number } | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return { host: u.hostname, port: u.port ? Number(u.port) : defaultPort };
  } catch {
    return undefined;
  }
}

/** Whether a service at `host` listens on the machine whose `publishHost` a VDC would bind. */
function onPublishHost(host: string, publishHost: string): boolean {
  return LOOPBACK.test(host) || host === publishHost;
}

/** COLO_WEB_PORT, else Next's PORT, else the port of COLO_URL, else Next's default 3000. */
export function webPort(env: Pick<ControlEnv, 'COLO_WEB_PORT' | 'PORT' | 'COLO_URL'>): number {
  return env.COLO_WEB_PORT ?? env.PORT ?? urlPort(env.COLO_URL, 80)?.port ?? 3000;
}

/** Each port Colo holds on the publish host, with the name the validator prints for it. */
export function coloOwnPorts(): Map<number, string> {
  const env = controlEnv();
  const ports = new Map<number, string>();
  ports.set(webPort(env), "Colo's web app");
  const db = urlPort(env.DATABASE_URL, 5432);
  if (db && onPublishHost(db.host, env.COLO_PUBLISH_HOST)) ports.set(db.port, "Colo's database (Postgres)");
  const redis = urlPort(env.REDIS_URL, 6379);
  if (redis && onPublishHost(redis.host, env.COLO_PUBLISH_HOST)) ports.set(redis.port, "Colo's queue (Redis)");
  return ports;
}
