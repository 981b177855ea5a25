// Keys people carry over from docker-compose or `docker run` to get more power than Colo gives.
// They are answered with the reason Colo refuses them (SPEC §5), not a bare "unknown key", so
// nobody goes looking for the right spelling of something that will never exist.

const REFUSALS: { keys: string[]; reason: string }[] = [
  { keys: ['privileged'], reason: 'Colo never runs privileged containers' },
  {
    keys: ['capadd', 'capabilities', 'caps', 'capdrop'],
    reason: 'Colo never lets a manifest change Linux capabilities',
  },
  {
    keys: ['devices', 'device', 'devicecgrouprules', 'gpus', 'devicerequests'],
    reason: 'Colo never gives appliances host devices',
  },
  {
    keys: ['networkmode', 'hostnetwork', 'network', 'networks', 'net', 'links', 'externallinks', 'extrahosts', 'dns'],
    reason: 'Colo never allows host networking or hand-picked networks: an appliance reaches only what its connections wire it to',
  },
  {
    keys: ['volumes', 'volume', 'mounts', 'mount', 'binds', 'bind', 'volumesfrom', 'tmpfs', 'hostpath', 'dockersock'],
    reason: 'Colo never mounts host paths or arbitrary volumes: storage comes from the class\'s volumes and from fs connections',
  },
  {
    keys: ['image', 'build', 'dockerfile', 'platform', 'runtime'],
    reason: 'Colo runs only the image of the appliance\'s catalog class; pick another class instead',
  },
  { keys: ['user', 'uid', 'gid', 'groupadd', 'usernsmode', 'userns'], reason: 'Colo never lets a manifest choose the container user' },
  {
    keys: ['pid', 'pidmode', 'ipc', 'ipcmode', 'uts', 'utsmode', 'cgroup', 'cgroupns', 'cgroupparent'],
    reason: 'Colo never shares host namespaces with appliances',
  },
  {
    keys: ['securityopt', 'securityopts', 'seccomp', 'apparmor', 'selinux', 'sysctls', 'ulimits', 'oomkilldisable'],
    reason: 'Colo never lets a manifest loosen container security settings',
  },
  {
    keys: ['env', 'environment', 'envfile'],
    reason: 'Colo never takes container environment from a manifest: set the class\'s properties, and wire connections for hosts and credentials',
  },
  {
    keys: ['command', 'cmd', 'entrypoint', 'args', 'workingdir', 'workdir'],
    reason: 'Colo never overrides an appliance\'s command: it is part of the class',
  },
  { keys: ['labels'], reason: 'Colo sets every Docker label itself' },
  { keys: ['ports', 'publish'], reason: 'Colo publishes ports only through "expose: [{ terminal, port }]"' },
  {
    keys: ['services'],
    reason: 'this looks like a Docker Compose file; a Colo manifest has "apiVersion: colo/v1", "kind: VDC" and "appliances"',
  },
];

const BY_KEY = new Map<string, string>();
for (const refusal of REFUSALS) for (const key of refusal.keys) BY_KEY.set(key, refusal.reason);

/** `cap_add`, `capAdd`, `cap-add` and `CapAdd` are the same attempt. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Why Colo refuses `key`, or undefined when it is merely unknown. */
export function forbiddenKeyReason(key: string): string | undefined {
  return BY_KEY.get(normalise(key));
}

export function forbiddenKeyMessage(key: string): string | undefined {
  const reason = forbiddenKeyReason(key);
  return reason === undefined ? undefined : `"${key}" is not allowed: ${reason}`;
}
