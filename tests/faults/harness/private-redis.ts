// A Redis of the test's own (free port, own data dir) that the test may restart, keeping or
// losing its data: the shared Redis is never touched.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './free-port';

export interface PrivateRedis {
  url: string;
  port: number;
  /** Shuts Redis down (saving its data when `keepData`, else wiping it) and starts it again. */
  restart(options: { keepData: boolean; downMs?: number }): Promise<void>;
  stop(options?: { save?: boolean }): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-faults-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: 'ignore',
    });
    child = proc;
    await waitFor('the private Redis to answer', 15_000, async () => {
      const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {}); // refused until it listens: the next try asks again
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG' ? true : undefined;
      } finally {
        probe.disconnect();
      }
    });
  }

  async function stop(options: { save?: boolean } = {}): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    const admin = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
    admin.on('error', () => {});
    // SHUTDOWN never answers: the connection drops when Redis exits.
    await admin.call('SHUTDOWN', options.save ? 'SAVE' : 'NOSAVE').catch(() => {});
    admin.disconnect();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    child = undefined;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart({ keepData, downMs = 1000 }) {
      await stop({ save: keepData });
      if (!keepData) rmSync(path.join(dir, 'dump.rdb'), { force: true });
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
