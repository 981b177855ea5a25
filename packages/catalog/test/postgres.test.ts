// postgres: the cluster is created from the class env, a wired client logs in with exactly the
// credentials the wiring hands it, and data survives a new container with a rotated secret.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  cleanup,
  createNetwork,
  createVolume,
  ensureImages,
  exec,
  runAppliance,
  runClient,
  waitHealthy,
  wiringEnv,
} from './harness';

describe('postgres class', () => {
  const values = (password: string) => ({
    applianceName: 'db',
    properties: { database: 'shop', user: 'shopper' },
    secrets: { password },
  });
  let network: string;
  let data: string;
  let server: Dockerode.Container;
  let client: Dockerode.Container;

  const startServer = async (name: string, password: string) => {
    const cls = await classOf('postgres');
    server = await runAppliance({
      cls,
      name,
      network,
      aliases: ['db'],
      env: classEnv(cls, values(password)),
      mounts: [{ volume: data, target: cls.volumes[0].mountPath }],
    });
    await waitHealthy(server);
  };
  const psql = (sql: string, env: Record<string, string>) =>
    exec(client, ['psql', '-h', env.DB_HOST, '-p', env.DB_PORT, '-U', env.DB_USER, '-d', env.DB_NAME, '-tAc', sql], {
      PGPASSWORD: env.DB_PASSWORD,
      PGCONNECT_TIMEOUT: '5',
    });

  beforeAll(async () => {
    await ensureImages('postgres');
    network = await createNetwork('pg-in');
    data = await createVolume('pg-data');
    client = await runClient('postgres', 'pg-client', network);
  });
  afterAll(cleanup);

  it('becomes healthy and accepts the credentials the wiring hands a client', async () => {
    const password = "p@ss w'rd\\1";
    await startServer('db', password);
    const env = wiringEnv('db', await classOf('postgres'), 'in', values(password));
    expect(env).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_USER: 'shopper', DB_PASSWORD: password, DB_NAME: 'shop' });

    const who = await psql("SELECT current_user || ' ' || current_database()", env);
    expect(who.stderr).toBe('');
    expect(who.stdout.trim()).toBe('shopper shop');
    // The role owns its database, so an application can create its tables.
    expect((await psql('CREATE TABLE t (n int); INSERT INTO t VALUES (42); SELECT n FROM t', env)).stdout.trim().split('\n').at(-1)).toBe('42');

    const wrong = await psql('SELECT 1', { ...env, DB_PASSWORD: 'not-the-password' });
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toMatch(/password authentication failed/);
  });

  it('runs the server as the postgres user', async () => {
    const r = await exec(server, ['sh', '-c', 'stat -c %U /proc/1; tr "\\0" " " < /proc/1/cmdline']);
    expect(r.stdout).toMatch(/^postgres\npostgres /);
  });

  it('keeps its data in the volume and applies a rotated password on the next start', async () => {
    await server.remove({ force: true });
    await startServer('db-again', 'rotated');
    const env = wiringEnv('db', await classOf('postgres'), 'in', values('rotated'));
    const r = await psql('SELECT n FROM t', env);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('42');
  });
});
