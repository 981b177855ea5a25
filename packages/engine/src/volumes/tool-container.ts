// The volume tool's container settings, shared by an operation's own tool and the warm one.

/**
 * Root inside, for ownership and modes to survive the copy, but with only the capabilities a copy
 * needs (chown, read and write whoever owns a file, keep set-id bits), no network, a read-only
 * root and bounded memory, CPU and processes. It is Colo's own container: no manifest shapes it.
 */
export function volumeToolHostConfig(mounts: { Type: 'volume' | 'bind'; Source: string; Target: string; ReadOnly: boolean }[]) {
  return {
    Mounts: mounts,
    NetworkMode: 'none',
    Privileged: false,
    CapDrop: ['ALL'],
    CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'],
    SecurityOpt: ['no-new-privileges'],
    ReadonlyRootfs: true,
    Tmpfs: { '/tmp': 'rw,noexec,nosuid,nodev,size=16m' },
    // Page cache is charged to the container: a tight limit makes a large copy wait on writeback.
    ...VOLUME_TOOL_LIMITS,
    PidsLimit: 512,
    RestartPolicy: { Name: 'no' },
  };
}

/** Memory: room for a copy's dirty pages (its own processes use a few MiB); two CPUs. */
export const VOLUME_TOOL_LIMITS = { Memory: 1024 ** 3, NanoCpus: 2_000_000_000 };
