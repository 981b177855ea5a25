// What a single-host create body says that a Swarm service (API 1.41, dockerd 20.10) cannot,
// in one place. The translation (service-spec.ts) refuses any create-body field that is neither
// translated nor listed here, so hardening is never dropped without a word; the plan prints
// these notes.

/** HostConfig fields Swarm 1.41 has no service equivalent for, and what that costs. */
export const SWARM_CANNOT_EXPRESS: Readonly<Record<string, string>> = {
  // ServiceSpec.Privileges gains NoNewPrivileges only in API 1.46 (Docker 27): a setuid binary in
  // a class image could raise a process's privileges within the capabilities it was given.
  'SecurityOpt:no-new-privileges': 'no-new-privileges (Swarm API 1.46+ only): setuid binaries in the image keep working',
  // Swarm sets the memory limit only; the engine's default swap (as much again) applies.
  MemorySwap: 'the swap limit (MemorySwap): tasks may swap up to their memory limit again',
  // A host-mode published port binds every address of its node; PortConfig has no host IP.
  'PortBindings:HostIp': 'the published address: an edge listener listens on every address of its node',
  // Tmpfs options beyond size and mode come in API 1.46; the engine mounts service tmpfs
  // noexec,nosuid,nodev by default (checked in tests/swarm/deploy.test.ts).
  'Tmpfs:options': 'tmpfs mount options: Docker mounts them noexec,nosuid,nodev itself',
};

/** HostConfig fields whose meaning is already Swarm's (or moot in a service), not a loss. */
export const SWARM_IMPLIED: ReadonlySet<string> = new Set([
  // A service cannot be privileged at all.
  'Privileged',
  // Networks are the service's own list (TaskTemplate.Networks).
  'NetworkMode',
  // Swarm restarts tasks itself (RestartPolicy condition `any`).
  'RestartPolicy',
]);

/** Notes for the plan, in the words above. */
export function swarmLimitNotes(): string[] {
  return Object.values(SWARM_CANNOT_EXPRESS).map((why) => `not on Swarm: ${why}`);
}
