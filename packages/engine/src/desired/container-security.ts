// What a container may do to the kernel and its own files (SPEC §5, issue 6): every capability
// dropped and only the class's allowed ones added back, no privilege gain, a read-only root with
// small tmpfs mounts for runtime files, and the class's own (non-root) user.
import { type ApplianceClass, capabilityProblem } from '@colo/manifest';
import type Dockerode from 'dockerode';
import { EngineError } from '../engine-error';

/**
 * Runtime files (sockets, pid files, rendered configuration) and scratch space. Bounded, because
 * tmpfs pages count against the container's memory; noexec, nosuid and nodev because nothing
 * there is a program to run, trust or a device. The runtime gives each mount the mode of the
 * image's own directory (a `mode=` here is overridden), so a class image whose non-root user
 * writes under /run makes it 1777, as /tmp already is (templates/README.md).
 */
export const TMPFS_MOUNTS: Readonly<Record<string, string>> = {
  '/run': 'rw,noexec,nosuid,nodev,size=16m',
  '/tmp': 'rw,noexec,nosuid,nodev,size=64m',
};

/**
 * Namespaced sysctls every container gets. Without NET_BIND_SERVICE a non-root daemon still
 * binds its class's port (80, 5432…): the port range is the container's own network namespace.
 * Ping sockets are closed, so with NET_RAW gone no ICMP can be sent from inside at all.
 */
export const CONTAINER_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_unprivileged_port_start': '0',
  'net.ipv4.ping_group_range': '1 0',
};

export interface ContainerSecurity {
  /** Docker `User`; undefined keeps the image's own. */
  user?: string;
  capAdd: string[];
  readonlyRootfs: boolean;
}

/** The class's declarations, checked again here: a class object may not come from class.yaml. */
export function containerSecurity(cls: Pick<ApplianceClass, 'id' | 'user' | 'capabilities' | 'rootfs'>): ContainerSecurity {
  for (const cap of cls.capabilities) {
    const problem = capabilityProblem(cap);
    if (problem) throw new EngineError('invalid_manifest', `class ${cls.id}: capability ${cap}: ${problem}`);
  }
  return { user: cls.user, capAdd: [...new Set(cls.capabilities)].sort(), readonlyRootfs: cls.rootfs === 'read-only' };
}

type SecurityHostConfig = Pick<
  Dockerode.HostConfig,
  'Privileged' | 'CapDrop' | 'CapAdd' | 'SecurityOpt' | 'ReadonlyRootfs' | 'Tmpfs' | 'Sysctls'
>;

/** The HostConfig fields that carry `security`; the rest of the create body is the spec's. */
export function securityHostConfig(security: ContainerSecurity): SecurityHostConfig {
  return {
    Privileged: false,
    CapDrop: ['ALL'],
    CapAdd: security.capAdd.length > 0 ? [...security.capAdd] : undefined,
    SecurityOpt: ['no-new-privileges'],
    ReadonlyRootfs: security.readonlyRootfs,
    // A writable root has room for runtime files already; tmpfs there would only hide image content.
    Tmpfs: security.readonlyRootfs ? { ...TMPFS_MOUNTS } : undefined,
    Sysctls: { ...CONTAINER_SYSCTLS },
  };
}
