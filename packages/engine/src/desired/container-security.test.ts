import { type ApplianceClass, classSchema } from '@colo/manifest';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine-error';
import { buildContainerSpec, type ContainerSpecInput } from './container-spec';
import { containerSecurity } from './container-security';

const base = {
  id: 'demo',
  version: 1,
  title: 'Demo',
  resources: { cpu: { min: 0.1, max: 1, default: 0.5 }, memory: { min: '32Mi', max: '1Gi', default: '64Mi' } },
};

function spec(cls: ApplianceClass): ContainerSpecInput {
  return {
    name: 'colo-demo-abc123-demo-1',
    hostname: 'demo-1',
    image: 'colo/demo:1',
    env: {},
    mounts: [{ volume: 'colo-demo-abc123-demo-data', target: '/data', readOnly: false }],
    networks: [],
    ports: [],
    nanoCpus: 5e8,
    memoryBytes: 64 * 1024 ** 2,
    security: containerSecurity(cls),
    standby: false,
    after: [],
    labels: {},
  };
}

describe('container hardening', () => {
  it('drops every capability, adds back only what the class declares, and runs as its user', () => {
    const cls = classSchema.parse({ ...base, user: 'root', capabilities: ['SETUID', 'CHOWN', 'SETGID'] });
    const { create } = buildContainerSpec(spec(cls));
    expect(create.User).toBe('root');
    expect(create.HostConfig).toMatchObject({
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN', 'SETGID', 'SETUID'],
      Privileged: false,
      SecurityOpt: ['no-new-privileges'],
    });
  });

  it('gives a class that declares nothing no capability, a read-only root with bounded tmpfs, and no ICMP', () => {
    const cls = classSchema.parse({ ...base, user: 'www-data' });
    const host = buildContainerSpec(spec(cls)).create.HostConfig!;
    expect(buildContainerSpec(spec(cls)).create.User).toBe('www-data');
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd).toBeUndefined();
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.Tmpfs).toEqual({
      '/run': 'rw,noexec,nosuid,nodev,size=16m',
      '/tmp': 'rw,noexec,nosuid,nodev,size=64m',
    });
    expect(host.Sysctls).toEqual({ 'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv4.ping_group_range': '1 0' });
    // Instance volumes stay writable under the read-only root.
    expect(host.Mounts).toEqual([{ Type: 'volume', Source: 'colo-demo-abc123-demo-data', Target: '/data', ReadOnly: false }]);
  });

  it('keeps a writable root (and no tmpfs) only for a class that declares one', () => {
    const host = buildContainerSpec(spec(classSchema.parse({ ...base, rootfs: 'writable' }))).create.HostConfig!;
    expect(host.ReadonlyRootfs).toBe(false);
    expect(host.Tmpfs).toBeUndefined();
    expect(host.CapDrop).toEqual(['ALL']);
  });

  it('refuses NET_RAW and unknown capabilities even from a class object that skipped class.yaml', () => {
    const cls = { ...classSchema.parse(base), capabilities: ['NET_RAW'] };
    expect(() => containerSecurity(cls)).toThrow(EngineError);
    expect(() => containerSecurity(cls)).toThrow('class demo: capability NET_RAW: NET_RAW is never granted');
    expect(() => containerSecurity({ ...cls, capabilities: ['SYS_ADMIN'] })).toThrow(/SYS_ADMIN is not a capability Colo grants/);
    expect(classSchema.safeParse({ ...base, capabilities: ['NET_RAW'] }).success).toBe(false);
  });

  it('changes the spec hash when the hardening changes, so containers are recreated onto it', () => {
    const a = buildContainerSpec(spec(classSchema.parse(base)));
    const b = buildContainerSpec(spec(classSchema.parse({ ...base, user: 'www-data' })));
    const c = buildContainerSpec(spec(classSchema.parse({ ...base, rootfs: 'writable' })));
    expect(new Set([a.specHash, b.specHash, c.specHash]).size).toBe(3);
    expect(b.specParts.runtime).not.toBe(a.specParts.runtime);
  });
});
