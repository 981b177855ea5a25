// What makes a whole import refused: any key that would give a container more of the host than
// Colo gives any appliance (SPEC §5). Read from the raw service, before the schema, so a value
// of an unexpected type ("privileged: 'yes'") is refused all the same.
import { CONTAINER_SYSCTLS } from '@colo/engine/desired';
import type { Report } from './report';

const HOST_NAMESPACE_KEYS = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup'] as const;
const ALWAYS_REFUSED: Record<string, string> = {
  cap_add: 'adds Linux capabilities; Colo appliances get only the few their class declares',
  devices: 'passes host devices into the container',
  device_cgroup_rules: 'opens host devices to the container',
  sysctls: 'changes kernel settings',
  cgroup_parent: 'places the container in a host cgroup of its choosing',
  volumes_from: 'mounts another container\'s volumes, which may be host paths',
  runtime: 'picks another container runtime',
  isolation: 'changes the container isolation',
  oom_kill_disable: 'lets the container exhaust the host\'s memory',
};
const ROOT_USERS = /^(root|0)(:.*)?$/;
export const DOCKER_SOCKET = /docker\.sock|\/var\/run\/docker|\/run\/docker|containerd\.sock|podman\.sock/;

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~') || source.includes('/') || source.includes('\\');
}

/** A volume entry's source and type, whatever its syntax; undefined source for an anonymous one. */
export function volumeSource(entry: unknown): { source?: string; target?: string; type?: string } {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    // "path" alone is an anonymous volume at that path; "src:dst[:mode]" names a source.
    if (parts.length === 1) return { target: parts[0] };
    return { source: parts[0], target: parts[1] };
  }
  if (entry && typeof entry === 'object') {
    const o = entry as Record<string, unknown>;
    return {
      source: typeof o.source === 'string' ? o.source : undefined,
      target: typeof o.target === 'string' ? o.target : undefined,
      type: typeof o.type === 'string' ? o.type : undefined,
    };
  }
  return {};
}

function checkVolumes(service: string, volumes: unknown, report: Report): void {
  if (!Array.isArray(volumes)) return;
  for (const entry of volumes) {
    const { source, type } = volumeSource(entry);
    const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
    if (DOCKER_SOCKET.test(text)) {
      report.add(service, 'volumes', 'refused', `mounts the Docker socket (${source ?? text}): that would hand the container the whole host`);
    } else if (type === 'bind' || type === 'npipe' || (source !== undefined && isHostPath(source))) {
      report.add(service, 'volumes', 'refused', `mounts the host path "${source ?? text}": appliances never see host files (named volumes only)`);
    }
  }
}

function checkSecurityOpt(service: string, value: unknown, report: Report): void {
  const options = Array.isArray(value) ? value.map(String) : [String(value)];
  for (const option of options) {
    if (/unconfined|no-new-privileges[:=]false|label[:=]disable/i.test(option)) {
      report.add(service, 'security_opt', 'refused', `"${option}" lifts the container's confinement`);
    } else {
      report.add(service, 'security_opt', 'dropped', `"${option}" is not carried over: Colo sets each appliance's security options itself`);
    }
  }
}

/** What Colo itself gives every container of the service's class: asking for it takes nothing more. */
export interface ClassGrants {
  capabilities: readonly string[];
}

/** cap_add within the class's own capabilities (as an exported file has): Colo grants them anyway. */
function grantedCapabilities(value: unknown, grants: ClassGrants | undefined): boolean {
  if (!grants || !Array.isArray(value)) return false;
  return value.every((cap) => typeof cap === 'string' && grants.capabilities.includes(cap.toUpperCase().replace(/^CAP_/, '')));
}

/** sysctls that are exactly some of the ones every Colo container gets. */
function coloSysctls(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length > 0 && entries.every(([k, v]) => Object.hasOwn(CONTAINER_SYSCTLS, k) && String(v) === CONTAINER_SYSCTLS[k]);
}

/** Adds a `refused` line for every unsafe key of one raw service. */
export function checkUnsafeService(service: string, raw: Record<string, unknown>, report: Report, grants?: ClassGrants): void {
  if (raw.privileged !== undefined && raw.privileged !== false) {
    report.add(service, 'privileged', 'refused', 'asks for a privileged container, which is root on the host');
  }
  for (const key of HOST_NAMESPACE_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (String(value) === 'host' || /^(container|service):/.test(String(value))) {
      report.add(service, key, 'refused', `"${key}: ${String(value)}" shares the ${value === 'host' ? 'host' : 'another container'}'s namespace`);
    } else if (key === 'network_mode' && (value === 'bridge' || value === 'default')) {
      report.add(service, key, 'dropped', 'Colo gives every appliance its own networks, one per connection');
    } else if (key === 'network_mode' && value === 'none') {
      report.add(service, key, 'dropped', 'an appliance with no connection reaches nothing already');
    } else {
      report.add(service, key, 'refused', `"${key}: ${String(value)}" is not a setting Colo allows`);
    }
  }
  for (const [key, reason] of Object.entries(ALWAYS_REFUSED)) {
    if (raw[key] === undefined) continue;
    if (key === 'cap_add' && grantedCapabilities(raw[key], grants)) {
      report.add(service, key, 'dropped', 'only capabilities the class has already; Colo grants them itself');
    } else if (key === 'sysctls' && coloSysctls(raw[key])) {
      report.add(service, key, 'dropped', 'only the settings Colo gives every appliance itself');
    } else {
      report.add(service, key, 'refused', reason);
    }
  }
  if (raw.user !== undefined && ROOT_USERS.test(String(raw.user).trim())) {
    report.add(service, 'user', 'refused', `runs as "${String(raw.user)}"; every appliance runs as its class's own unprivileged user`);
  } else if (raw.user !== undefined) {
    report.add(service, 'user', 'dropped', 'the class decides which user the appliance runs as');
  }
  if (raw.security_opt !== undefined) checkSecurityOpt(service, raw.security_opt, report);
  checkVolumes(service, raw.volumes, report);
  const reservations = (raw.deploy as { resources?: { reservations?: { devices?: unknown } } } | undefined)?.resources?.reservations;
  if (reservations && typeof reservations === 'object' && reservations.devices !== undefined) {
    report.add(service, 'deploy.resources.reservations.devices', 'refused', 'reserves host devices (GPUs) for the container');
  }
}

/** Top-level volumes whose driver options point at the host (a bind in disguise). */
export function checkUnsafeVolumeDefinitions(volumes: unknown, report: Report): void {
  if (!volumes || typeof volumes !== 'object') return;
  for (const [name, def] of Object.entries(volumes as Record<string, unknown>)) {
    if (!def || typeof def !== 'object') continue;
    const text = JSON.stringify(def);
    const d = def as Record<string, unknown>;
    if (DOCKER_SOCKET.test(text) || /"(device|o)"\s*:\s*"[^"]*(bind|\/)/.test(text)) {
      report.add('', `volumes.${name}`, 'refused', `volume "${name}" binds a host path through its driver options`);
    } else if (d.driver !== undefined && d.driver !== 'local') {
      report.add('', `volumes.${name}`, 'refused', `volume "${name}" uses the "${String(d.driver)}" driver; only Colo's own volumes are used`);
    } else if (d.external !== undefined || d.driver_opts !== undefined || d.name !== undefined) {
      report.add('', `volumes.${name}`, 'dropped', `volume "${name}": its external/driver/name settings are not carried over; Colo makes the volume`);
    }
  }
}

/** Top-level networks that reach the host's own network. */
export function checkUnsafeNetworks(networks: unknown, report: Report): void {
  if (!networks || typeof networks !== 'object') return;
  for (const [name, def] of Object.entries(networks as Record<string, unknown>)) {
    const driver = def && typeof def === 'object' ? (def as Record<string, unknown>).driver : undefined;
    if (name === 'host' || driver === 'host' || driver === 'macvlan' || driver === 'ipvlan') {
      report.add('', `networks.${name}`, 'refused', `network "${name}" puts containers on the host's network`);
    }
  }
}
