// One running Colo for a test file: a user with an API token, the real web app on a free
// 127.0.0.1 port and a real worker, all marked with this file's instance label.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { ROOT, type Service, baseEnv, cleanupInstance, cliEnv, freePort, instance, startWeb, startWorker } from './harness';

export interface Colo {
  url: string;
  token: string;
  env: NodeJS.ProcessEnv;
  web: Service;
  worker: Service;
  restartWorker: () => Promise<void>;
  /** Another user of this Colo (an admin, as bootstrap makes them), by email: their API token. */
  addUser: (email: string) => string;
  stop: () => Promise<void>;
}

export function createUserToken(email: string, env: NodeJS.ProcessEnv): string {
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/bootstrap-admin.ts', '--email', email, '--json', '--no-cli-config'],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  return (JSON.parse(out) as { token: string }).token;
}

/**
 * Each test file gets a Colo of its own: a fresh, migrated database and its own queue, so no
 * state leaks between files or runs and no other worker on this Redis can take its jobs. A file
 * that needs a second Colo (moving a VDC between two) names it: its own database and queue.
 */
export async function startColo(options: { second?: string } = {}): Promise<Colo> {
  const db: TestDatabase = await createTestDatabase('acceptance');
  const queue = options.second ? `colo-operations-${instance}-${options.second}` : `colo-operations-${instance}`;
  const env = (extra: Record<string, string> = {}) => baseEnv({ DATABASE_URL: db.url, COLO_QUEUE_NAME: queue, ...extra });
  const port = await freePort();
  const token = createUserToken(`${instance}@colo.test`, env());
  const web = await startWeb(port, env());
  const url = `http://127.0.0.1:${port}`;
  const colo: Colo = {
    url,
    token,
    env: cliEnv(url, token),
    web,
    worker: startWorker(env()),
    restartWorker: async () => {
      await colo.worker.kill('SIGTERM');
      colo.worker = startWorker(env());
    },
    addUser: (email) => createUserToken(email, env()),
    stop: async () => {
      await colo.worker.kill('SIGTERM');
      await web.kill('SIGTERM');
      await cleanupInstance();
      await db.drop();
    },
  };
  return colo;
}

/** Calls the REST API as the test user. */
export async function api<T>(colo: Colo, method: string, route: string, body?: unknown, token = colo.token): Promise<{ status: number; json: T }> {
  const res = await fetch(`${colo.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}
