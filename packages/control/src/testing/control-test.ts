// What an integration test of control needs: its own database, its own queue name and Docker
// instance label, a small catalog, and a teardown that removes all of it, even after failures.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { type ApplianceClass, classSchema, createCatalog } from '@colo/manifest';
import { Queue } from 'bullmq';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { setCatalog } from '../catalog';
import { configureControl } from '../config';
import { getRuntime } from '../docker/engine-access';
import { redisConnection } from '../operations/queue';
import { shutdownControl } from '../shutdown';
import { serveWorkerCalls, type WorkerCallServer } from '../worker-calls/serve-worker-calls';
import { workerCallsQueueName } from '../worker-calls/worker-call-queue';

export const SLEEPER_IMAGE = 'colo-test/control-sleeper:1';

/** A long-running container that stops at once on SIGTERM: enough to deploy for real. */
export const sleeperClass: ApplianceClass = classSchema.parse({
  id: 'sleeper',
  version: 1,
  title: 'Sleeper',
  image: SLEEPER_IMAGE,
  terminals: {
    inputs: [{ name: 'in', protocol: 'tcp', port: 8080, clientEnv: { PASSWORD: '{{ secrets.password }}' } }],
    outputs: [{ name: 'peer', protocol: 'tcp' }],
  },
  secrets: ['password'],
  env: { OWN_PASSWORD: '{{ secrets.password }}' },
  resources: { cpu: { min: 0.05, max: 1, default: 0.1 }, memory: { min: '16Mi', max: '256Mi', default: '32Mi' } },
  replicas: { min: 0, max: 5, default: 1 },
});

/** Replaces the catalog control validates against (the sleeper class alone unless told). */
export function useTestCatalog(classes: ApplianceClass[] = [sleeperClass]): void {
  setCatalog({ catalog: createCatalog(classes), assemblies: [] } as never);
}

export function manifestOf(name: string, appliances: Record<string, unknown>[] = [{ name: 'box', class: 'sleeper' }], extra: Record<string, unknown> = {}) {
  return { apiVersion: 'colo/v1', kind: 'VDC', name, appliances, ...extra };
}

export interface ControlTest {
  db: TestDatabase;
  instance: string;
  queueName: string;
  /** The worker's side of worker calls, served in this process when asked for. */
  workerCalls?: WorkerCallServer;
  user(email?: string): Promise<AuthUser>;
  teardown(): Promise<void>;
}

export interface ControlTestOptions {
  /** Serve worker calls in this process, as the worker does, with the Docker runtime of the moment (class patch and terminals need it). */
  workerCalls?: boolean;
}

export async function setupControlTest(label: string, options: ControlTestOptions = {}): Promise<ControlTest> {
  const suffix = randomBytes(3).toString('hex');
  const db = await createTestDatabase(label);
  const instance = `test-${label.replace(/[^a-z0-9]+/g, '-')}-${suffix}`;
  const queueName = `colo-test-${label.replace(/[^a-z0-9]+/g, '-')}-${suffix}`;
  process.env.DATABASE_URL = db.url;
  process.env.COLO_SECRET_KEY ||= randomBytes(32).toString('base64');
  process.env.REDIS_URL ||= 'redis://127.0.0.1:6379';
  process.env.COLO_INSTANCE = instance;
  process.env.COLO_QUEUE_NAME = queueName;
  configureControl(process.env);
  useTestCatalog();
  const workerCalls = options.workerCalls ? await serveWorkerCalls({ runtime: getRuntime() }) : undefined;
  let n = 0;
  return {
    db,
    instance,
    queueName,
    workerCalls,
    user: (email) => createUser({ email: email ?? `user${++n}-${suffix}@colo.test` }),
    async teardown() {
      await workerCalls?.close(1000);
      await removeInstanceObjects(instance).catch(() => {});
      for (const name of [queueName, workerCallsQueueName()]) {
        const q = new Queue(name, { connection: redisConnection() });
        await q.obliterate({ force: true }).catch(() => {});
        await q.close();
      }
      await shutdownControl();
      await db.drop();
    },
  };
}

/** Every container, network and volume carrying this test's instance label. */
export async function removeInstanceObjects(instance: string): Promise<void> {
  const runtime = getRuntime();
  const filter = [`colo.instance=${instance}`];
  for (const c of await runtime.listContainers(filter)) await runtime.removeContainer(c.id);
  for (const n of await runtime.listNetworks(filter)) await runtime.removeNetwork(n.id);
  for (const v of await runtime.listVolumes(filter)) await runtime.removeVolume(v.name);
}

/** Builds the sleeper image from the local base image (no registry needed); cached by Docker. */
export async function ensureSleeperImage(): Promise<void> {
  const runtime = getRuntime();
  if (await runtime.imageId(SLEEPER_IMAGE)) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-sleeper-'));
  try {
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM debian:bookworm-slim\nCMD ["bash", "-c", "trap \'exit 0\' TERM; sleep infinity & wait"]\n',
    );
    await runtime.buildImage(dir, SLEEPER_IMAGE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
