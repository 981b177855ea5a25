// Every stock class, run as the engine runs it (harness.ts uses the engine's own hardening), works
// under issue 6's rules: no capability at all, NET_RAW included (no raw or ICMP socket, even for
// root), a read-only root with /run and /tmp on bounded tmpfs, its own non-root user, and its
// fresh instance volumes writable by that user. Healthy means the service itself started that way.
import { randomBytes } from 'node:crypto';
import type { ApplianceClass } from '@colo/manifest';
import type Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { classEnv, classOf, createNetwork, createVolume, exec, runAppliance, useClassImages, waitHealthy } from './harness';

const STOCK = ['halb', 'web-static', 'web-php', 'app-node', 'nas', 'postgres', 'mariadb', 'redis'];

/** Opens a socket with Perl (perl-base is in every Debian image): prints the error, exit 3 on failure. */
const openSocket = (type: 'SOCK_RAW' | 'SOCK_DGRAM') => [
  'perl',
  '-MSocket',
  '-e',
  `socket(my $s, PF_INET, ${type}, 1) ? exit 0 : do { print "$!"; exit 3 }`,
];

describe('stock classes under container hardening', () => {
  useClassImages(...STOCK);
  const running = new Map<string, { cls: ApplianceClass; container: Dockerode.Container }>();

  beforeAll(async () => {
    const network = await createNetwork('hardening');
    // All at once: each one's start-up (initdb, install-db) overlaps the others'.
    await Promise.all(
      STOCK.map(async (id) => {
        const cls = await classOf(id);
        const secrets = Object.fromEntries(cls.secrets.map((s) => [s, randomBytes(12).toString('hex')]));
        // Fresh volumes, made by Docker from the image's directories as the engine's are.
        const mounts = await Promise.all(
          cls.volumes.filter((v) => v.kind === 'instance').map(async (v) => ({ volume: await createVolume(`hard-${id}-${v.name}`), target: v.mountPath })),
        );
        const container = await runAppliance({ cls, name: `hard-${id}`, network, env: classEnv(cls, { applianceName: id, secrets }), mounts });
        running.set(id, { cls, container });
      }),
    );
    await Promise.all([...running.values()].map(({ container }) => waitHealthy(container, 180_000)));
  });

  it.each(STOCK)('%s: created with every capability dropped, a read-only root and its own user', async (id) => {
    const { cls, container } = running.get(id)!;
    const info = await container.inspect();
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.CapAdd ?? []).toEqual(cls.capabilities);
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.Config.User).toBe(cls.user);
    expect(cls.user, `${id} declares a non-root user`).toMatch(/^(?!root$|0(:|$))/);
  });

  it.each(STOCK)('%s: runs as a non-root user with no capability in effect or in reserve', async (id) => {
    const { cls, container } = running.get(id)!;
    const uid = await exec(container, ['id', '-u']);
    expect(uid.stdout.trim()).not.toBe('0');
    expect(uid.stdout.trim()).toBe((await exec(container, ['id', '-u', cls.user!])).stdout.trim());
    // PID 1 is the service (or tini/the supervisor): nothing it runs can ever regain a capability.
    const status = await exec(container, ['grep', '-E', '^(Uid|CapEff|CapPrm|CapBnd|NoNewPrivs):', '/proc/1/status']);
    expect(status.stdout).toMatch(/^Uid:\s+[1-9]/m);
    for (const set of ['CapEff', 'CapPrm', 'CapBnd']) expect(status.stdout).toMatch(new RegExp(`^${set}:\\s+0{16}$`, 'm'));
    expect(status.stdout).toMatch(/^NoNewPrivs:\s+1$/m);
  });

  it.each(STOCK)('%s: cannot open a raw or an ICMP socket, even as root', async (id) => {
    const { container } = running.get(id)!;
    for (const user of [undefined, '0']) {
      const raw = await exec(container, openSocket('SOCK_RAW'), {}, user);
      expect(raw, `raw socket as ${user ?? 'the class user'}`).toMatchObject({ exitCode: 3, stdout: 'Operation not permitted' });
      const ping = await exec(container, openSocket('SOCK_DGRAM'), {}, user);
      expect(ping.exitCode, `ICMP socket as ${user ?? 'the class user'}: ${ping.stdout}`).toBe(3);
    }
  });

  it.each(STOCK)('%s: cannot write to its root filesystem, even as root; /run and /tmp are bounded tmpfs', async (id) => {
    const { container } = running.get(id)!;
    for (const path of ['/colo-probe', '/usr/colo-probe', '/etc/colo-probe']) {
      const r = await exec(container, ['touch', path], {}, '0');
      expect(r.exitCode, path).not.toBe(0);
      expect(r.stderr, path).toMatch(/Read-only file system/);
    }
    const scratch = await exec(container, ['sh', '-c', 'echo x > /tmp/colo-probe && echo x > /run/colo-probe && cat /tmp/colo-probe /run/colo-probe']);
    expect(scratch).toMatchObject({ exitCode: 0, stdout: 'x\nx\n' });
    const mounts = (await exec(container, ['cat', '/proc/mounts'])).stdout.split('\n');
    for (const [path, size] of [
      ['/run', 'size=16384k'],
      ['/tmp', 'size=65536k'],
    ]) {
      const line = mounts.find((l) => l.split(' ')[1] === path);
      expect(line, path).toMatch(/^tmpfs /);
      for (const option of ['nosuid', 'nodev', 'noexec', size]) expect(line?.split(' ')[3].split(','), `${path} ${option}`).toContain(option);
    }
  });

  it.each(STOCK.filter((id) => ['nas', 'postgres', 'mariadb', 'redis'].includes(id)))(
    '%s: its fresh instance volume belongs to the class user, who writes to it',
    async (id) => {
      const { cls, container } = running.get(id)!;
      for (const v of cls.volumes) {
        const r = await exec(container, ['sh', '-c', `stat -c %U "$1" && touch "$1/.colo-probe" && rm "$1/.colo-probe"`, 'sh', v.mountPath]);
        expect(r, v.mountPath).toMatchObject({ exitCode: 0, stdout: `${cls.user}\n` });
      }
    },
  );
});
