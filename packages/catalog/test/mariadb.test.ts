// mariadb: the database and user come from the class env, a wired client logs in with exactly
// the credentials the wiring hands it, and nobody else gets in.
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import {
  classEnv,
  classOf,
  createNetwork,
  createVolume,
  exec,
  runAppliance,
  runClient,
  useClassImages,
  waitHealthy,
  wiringEnv,
} from './harness';

describe('mariadb class', () => {
  let server: Dockerode.Container;
  let client: Dockerode.Container;

  useClassImages('mariadb');

  it('becomes healthy and accepts the credentials the wiring hands a client', async () => {
    const cls = await classOf('mariadb');
    const values = { applianceName: 'db', properties: { database: 'shop' }, secrets: { password: "it's a \\secret" } };
    const network = await createNetwork('my-in');
    const data = await createVolume('my-data');
    server = await runAppliance({
      cls,
      name: 'db',
      network,
      aliases: ['db'],
      env: classEnv(cls, values),
      mounts: [{ volume: data, target: cls.volumes[0].mountPath }],
    });
    await waitHealthy(server);

    const env = wiringEnv('db', cls, 'in', values);
    expect(env).toMatchObject({ DB_HOST: 'db', DB_PORT: '3306', DB_USER: 'app', DB_NAME: 'shop' });
    client = await runClient('mariadb', 'my-client', network);
    const sql = (query: string, password: string) =>
      exec(client, ['mariadb', '-h', env.DB_HOST, '-P', env.DB_PORT, '-u', env.DB_USER, '--connect-timeout=5', '-N', env.DB_NAME, '-e', query], {
        MYSQL_PWD: password,
      });

    const r = await sql('CREATE TABLE t (n int); INSERT INTO t VALUES (7); SELECT CONCAT(CURRENT_USER(), " ", DATABASE(), " ", n) FROM t', env.DB_PASSWORD);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('app@% shop 7');

    const wrong = await sql('SELECT 1', 'not-the-password');
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toMatch(/Access denied/);
  });

  it('runs the server as the mysql user', async () => {
    const r = await exec(server, ['stat', '-c', '%U', '/proc/1']);
    expect(r.stdout.trim()).toBe('mysql');
  });
});
