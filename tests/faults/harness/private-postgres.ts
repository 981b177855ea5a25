// A Postgres cluster of the test's own: `initdb` into a temp dir as the postgres user, `pg_ctl`
// on a free port, so a test can stop and start it mid-operation without touching the shared one.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const BIN = process.env.COLO_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** Admin URL (database `postgres`, user `colo`, trust auth on 127.0.0.1 only). */
  adminUrl: string;
  port: number;
  /** `fast` closes connections cleanly; `immediate` is a crash (recovery on the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function asPostgres(cmd: string, args: string[]): Promise<string> {
  // initdb and postgres refuse to run as root.
  const isRoot = process.getuid?.() === 0;
  const { stdout } = isRoot
    ? await run('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { timeout: 120_000 })
    : await run(path.join(BIN, cmd), args, { timeout: 120_000 });
  return stdout;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-faults-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'colo', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => {});
  };
  await start();
  return {
    adminUrl: `postgresql://colo@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    async close() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
