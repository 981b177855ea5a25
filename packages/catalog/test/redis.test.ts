// redis: the store demands the generated password, and a wired client's password works.
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

describe('redis class', () => {
  useClassImages('redis');

  it('refuses commands without AUTH and accepts the wired password', async () => {
    const cls = await classOf('redis');
    const values = { applianceName: 'cache', secrets: { password: 'tr"icky \\pass' } };
    const network = await createNetwork('redis-in');
    const data = await createVolume('redis-data');
    const server = await runAppliance({
      cls,
      name: 'cache',
      network,
      aliases: ['cache'],
      env: classEnv(cls, values),
      mounts: [{ volume: data, target: cls.volumes[0].mountPath }],
    });
    await waitHealthy(server);

    const env = wiringEnv('cache', cls, 'in', values);
    expect(env).toEqual({ CACHE_HOST: 'cache', CACHE_PORT: '6379', CACHE_PASSWORD: 'tr"icky \\pass' });
    const client = await runClient('redis', 'redis-client', network);
    const cli = (args: string[], auth?: string) =>
      exec(client, ['redis-cli', '-h', env.CACHE_HOST, '-p', env.CACHE_PORT, '--no-auth-warning', ...args], auth ? { REDISCLI_AUTH: auth } : {});

    expect((await cli(['SET', 'k', 'v'])).stdout).toMatch(/NOAUTH/);
    const wrong = await cli(['PING'], 'wrong');
    expect(wrong.stdout + wrong.stderr).toMatch(/WRONGPASS/);
    expect(wrong.stdout).not.toMatch(/PONG/);
    expect((await cli(['SET', 'k', 'v'], env.CACHE_PASSWORD)).stdout.trim()).toBe('OK');
    expect((await cli(['GET', 'k'], env.CACHE_PASSWORD)).stdout.trim()).toBe('v');
    expect((await exec(server, ['stat', '-c', '%U', '/proc/1'])).stdout.trim()).toBe('redis');
  });
});
