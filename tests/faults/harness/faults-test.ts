// What a fault test needs, all of it private: a Postgres cluster and a Redis of its own (so it
// may restart them), the suite's private Docker daemon, a database, queue name and instance label,
// a catalog holding the test classes (in memory for this process, on disk for worker processes),
// and a teardown that removes all of it even after a failure.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AuthUser, configureControl, createUser, getRuntime, setRuntime, shutdownControl } from '@colo/control';
import { useTestCatalog } from '@colo/control/testing';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { createDockerRuntime } from '@colo/engine';
import { faultyClass, steadyClass } from './faulty-class';
import { attachPrivateDocker, type PrivateDocker } from './private-docker';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres';
import { type PrivateRedis, startPrivateRedis } from './private-redis';
import { killAllWorkers, startWorkerProcess, type WorkerProcess } from './worker-process';

export interface FaultsTest {
  docker: PrivateDocker;
  pg: PrivatePostgres;
  redis: PrivateRedis;
  db: TestDatabase;
  instance: string;
  queueName: string;
  /** Label filter selecting every Docker object of this test. */
  filter: string[];
  user(): Promise<AuthUser>;
  /** The real worker as a child process, on this test's services. */
  startWorker(env?: Record<string, string>): WorkerProcess;
  teardown(): Promise<void>;
}

/** `dockerDir`: the private daemon's folder (tests: inject('dockerDir'); the bench starts its own). */
export async function setupFaultsTest(label: string, dockerDir: string): Promise<FaultsTest> {
  const suffix = randomBytes(3).toString('hex');
  const docker = attachPrivateDocker(dockerDir);
  const pg = await startPrivatePostgres();
  let redis: PrivateRedis | undefined;
  let templates: string | undefined;
  try {
    redis = await startPrivateRedis();
    process.env.COLO_TEST_PG_ADMIN_URL = pg.adminUrl;
    const db = await createTestDatabase(`faults_${label}`);
    const instance = `faults-${label}-${suffix}`;
    const queueName = `colo-faults-${label}-${suffix}`;
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      COLO_INSTANCE: instance,
      COLO_QUEUE_NAME: queueName,
      DOCKER_HOST: docker.host,
    });
    process.env.COLO_SECRET_KEY ||= randomBytes(32).toString('base64');
    configureControl(process.env);
    useTestCatalog([faultyClass, steadyClass]);
    setRuntime(createDockerRuntime(docker.docker));
    // Worker processes read the catalog from disk: a folder holding only the faulty class.
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-faults-templates-'));
    templates = dir;
    for (const cls of [faultyClass, steadyClass]) {
      mkdirSync(path.join(dir, 'appliances', cls.id), { recursive: true });
      writeFileSync(path.join(dir, 'appliances', cls.id, 'class.yaml'), JSON.stringify(cls, null, 2));
    }
    const filter = [`colo.instance=${instance}`];
    const owned = redis;
    let n = 0;
    return {
      docker,
      pg,
      redis: owned,
      db,
      instance,
      queueName,
      filter,
      user: () => createUser({ email: `faults${++n}-${suffix}@colo.test` }),
      startWorker: (env = {}) =>
        startWorkerProcess({
          ...process.env,
          COLO_TEMPLATES_DIR: dir,
          COLO_WORKER_SHUTDOWN_GRACE: '5',
          COLO_WORKER_SWEEP_SECONDS: '3',
          ...env,
        }),
      async teardown() {
        await killAllWorkers();
        const runtime = getRuntime();
        for (const c of await runtime.listContainers(filter).catch(() => [])) await runtime.removeContainer(c.id).catch(() => {});
        for (const net of await runtime.listNetworks(filter).catch(() => [])) await runtime.removeNetwork(net.id).catch(() => {});
        for (const v of await runtime.listVolumes(filter).catch(() => [])) await runtime.removeVolume(v.name).catch(() => {});
        await shutdownControl();
        setRuntime(undefined);
        await owned.close();
        await pg.close(); // the database goes with the cluster
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await redis?.close();
    await pg.close();
    if (templates) rmSync(templates, { recursive: true, force: true });
    throw error;
  }
}
