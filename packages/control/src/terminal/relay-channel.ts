// The Redis side of a relayed terminal (the worker holds the shell, the web process its reader):
// per terminal, an output stream (worker → web), an input stream (web → worker: keystrokes, the
// input's end, resizes, close), each side's heartbeat and the exit status. Keys are this installation's and
// expire on their own once neither side renews them.
import { Redis } from 'ioredis';
import { engineConfig } from '../docker/engine-access';
import { redisConnection } from '../operations/queue';

export const RELAY_ID_PATTERN = /^relay_[a-z0-9]{24}$/;

export const RELAY_LIMITS = {
  /** Output entries waiting for the web side past which the shell's output is paused… */
  highEntries: 32,
  /** …and resumed once down to this. */
  lowEntries: 8,
  /** The streams' hard bound (never reached while the pause works). */
  maxEntries: 1024,
  /** Every key lives this long past its last write. */
  keyTtlMs: 120_000,
  /** Each side renews its heartbeat this often… */
  beatMs: 5_000,
  /** …and the other side hangs up after this long without one (the web side's: 60 s). */
  webSilenceMs: 60_000,
  workerSilenceMs: 20_000,
  /** How long a blocking read waits before it looks at the other side's heartbeat. */
  blockMs: 2_000,
};

export interface RelayKeys {
  out: string;
  in: string;
  web: string;
  worker: string;
  exit: string;
}

export function relayKeys(relayId: string): RelayKeys {
  const base = `colo:${engineConfig().instance}:terminal:${relayId}`;
  return { out: `${base}:out`, in: `${base}:in`, web: `${base}:web`, worker: `${base}:worker`, exit: `${base}:exit` };
}

const holder = globalThis as typeof globalThis & { __coloRelayRedis?: Redis };

/** The connection for this process's relay writes (shared; blocking reads get their own). */
export function relayRedis(): Redis {
  if (!holder.__coloRelayRedis) {
    const client = new Redis({ ...redisConnection(), maxRetriesPerRequest: 2 });
    client.on('error', () => {});
    holder.__coloRelayRedis = client;
  }
  return holder.__coloRelayRedis;
}

/** A connection of its own for one relay's blocking reads. */
export function blockingRedis(): Redis {
  const client = new Redis({ ...redisConnection(), maxRetriesPerRequest: 2 });
  client.on('error', () => {});
  return client;
}

export async function closeRelayRedis(): Promise<void> {
  const client = holder.__coloRelayRedis;
  holder.__coloRelayRedis = undefined;
  await client?.quit().catch(() => client.disconnect());
}

/** One stream entry as `[id, { field: value }]`, from ioredis's XREAD reply of buffers. */
export type RelayEntry = [id: string, fields: Record<string, Buffer>];

export function entriesOf(reply: [Buffer, [Buffer, Buffer[]][]][] | null): RelayEntry[] {
  const entries = reply?.[0]?.[1] ?? [];
  return entries.map(([id, flat]) => {
    const fields: Record<string, Buffer> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i].toString()] = flat[i + 1];
    return [id.toString(), fields];
  });
}
