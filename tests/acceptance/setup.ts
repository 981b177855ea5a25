// One running Colo for a test file: a user with an API token, the real web app on a free
// 127.0.0.1 port and a real worker, all marked with this file's instance label.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, type Service, baseEnv, cleanupInstance, cliEnv, freePort, instance, startWeb, startWorker } from './harness';

export interface Colo {
  url: string;
  token: string;
  env: NodeJS.ProcessEnv;
  web: Service;
  worker: Service;
  restartWorker: () => Promise<void>;
  stop: () => Promise<void>;
}

export function createUserToken(email: string): string {
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/bootstrap-admin.ts', '--email', email, '--json', '--no-cli-config'],
    { cwd: ROOT, env: baseEnv(), encoding: 'utf8' },
  );
  return (JSON.parse(out) as { token: string }).token;
}

export async function startColo(workerEnv: Record<string, string> = {}): Promise<Colo> {
  const port = await freePort();
  const token = createUserToken(`${instance}@colo.test`);
  const web = await startWeb(port, baseEnv());
  const url = `http://127.0.0.1:${port}`;
  const colo: Colo = {
    url,
    token,
    env: cliEnv(url, token),
    web,
    worker: startWorker(baseEnv(workerEnv)),
    restartWorker: async () => {
      await colo.worker.kill('SIGTERM');
      colo.worker = startWorker(baseEnv(workerEnv));
    },
    stop: async () => {
      await colo.worker.kill('SIGTERM');
      await web.kill('SIGTERM');
      await cleanupInstance();
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
