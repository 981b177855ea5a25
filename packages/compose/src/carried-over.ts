// Every service key the import understands, and a line for each one it does not carry over.
// Unsafe keys are unsafe-items.ts's; the rest of a service is either mapped or reported here.
import type { Report } from './report';

/** Keys read by the mapper (or refused by unsafe-items.ts): no line from here. */
const HANDLED = new Set([
  'image', 'environment', 'ports', 'volumes', 'depends_on', 'links', 'networks', 'deploy', 'scale', 'cpus', 'mem_limit',
  'privileged', 'network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup', 'cap_add', 'devices', 'device_cgroup_rules',
  'sysctls', 'cgroup_parent', 'volumes_from', 'runtime', 'isolation', 'oom_kill_disable', 'user', 'security_opt', 'x-colo',
]);

/** Keys a compose file commonly has that Colo has no place for, with why. */
const NOT_CARRIED: Record<string, string> = {
  build: 'Colo runs catalog classes, not images built from a Dockerfile',
  command: 'the class decides what runs',
  entrypoint: 'the class decides what runs',
  container_name: 'Colo names containers itself',
  hostname: 'Colo names containers itself',
  restart: 'Colo restarts failed appliances itself (see failover)',
  healthcheck: 'the class has its own health check',
  env_file: 'files are not read; set the class\'s properties instead',
  labels: 'Colo labels its containers itself',
  logging: 'logs are kept by Colo (colo logs)',
  working_dir: 'the class decides what runs',
  expose: 'terminals are reachable through connections; ports publishes them',
  extra_hosts: 'appliances reach only what they are wired to',
  dns: 'appliances reach only what they are wired to',
  cap_drop: 'appliances already run with no capability beyond their class\'s',
  tmpfs: 'the class has its own scratch space',
  ulimits: 'the class decides its limits',
  secrets: 'Colo generates each class\'s secrets',
  configs: 'files are not carried over; use a NAS share',
  stop_grace_period: 'Colo stops appliances with its own timeout',
  read_only: 'every appliance already runs on a read-only root where its class allows',
  platform: 'the catalog\'s image is used',
  pull_policy: 'the catalog\'s image is used',
  init: 'the class decides what runs',
  shm_size: 'the class decides its limits',
  mem_reservation: 'only limits are carried over',
  extends: 'other files and services are not read; write the service out',
  profiles: 'every service of the file is imported',
};

/** Keys under `deploy` (and its `resources`) the import reads; the rest get a line each. */
const DEPLOY_READ = new Set(['replicas', 'resources']);
const RESOURCES_READ = new Set(['limits']);
const LIMITS_READ = new Set(['cpus', 'memory']);

function entries(value: unknown): [string, unknown][] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/** deploy.* beyond replicas and resources.limits.{cpus,memory}: each reported. */
export function reportDeployKeys(service: string, deploy: unknown, report: Report): void {
  for (const [key, value] of entries(deploy)) {
    if (!DEPLOY_READ.has(key)) {
      report.add(service, `deploy.${key}`, 'dropped', 'not carried over: Colo places, restarts and updates appliances itself');
      continue;
    }
    if (key !== 'resources') continue;
    for (const [rkey, rvalue] of entries(value)) {
      if (!RESOURCES_READ.has(rkey)) {
        report.add(service, `deploy.resources.${rkey}`, 'dropped', 'not carried over: only limits are (reservations are not)');
        continue;
      }
      for (const [lkey] of entries(rvalue)) {
        if (!LIMITS_READ.has(lkey)) report.add(service, `deploy.resources.limits.${lkey}`, 'dropped', 'not carried over: only cpus and memory limits are');
      }
    }
  }
}

export function reportOtherKeys(service: string, raw: Record<string, unknown>, report: Report): void {
  for (const key of Object.keys(raw)) {
    if (HANDLED.has(key)) continue;
    const why = Object.hasOwn(NOT_CARRIED, key) ? NOT_CARRIED[key] : key.startsWith('x-') ? 'extension keys are ignored' : 'Colo does not support this key';
    report.add(service, key, 'dropped', `not carried over: ${why}`);
  }
}

const TOP_LEVEL_HANDLED = new Set(['services', 'volumes', 'networks', 'name', 'x-colo-vdc']);

export function reportTopLevelKeys(file: Record<string, unknown>, report: Report): void {
  for (const key of Object.keys(file)) {
    if (TOP_LEVEL_HANDLED.has(key)) continue;
    const why =
      key === 'version' ? 'the version key is informational in the Compose Specification'
      : key === 'include' ? 'other files are not read; import one file with every service in it'
      : key === 'secrets' || key === 'configs' ? 'files and secrets are not carried over; Colo generates each class\'s secrets'
      : key.startsWith('x-') ? 'extension keys are ignored'
      : 'not a Compose key Colo reads';
    report.add('', key, 'dropped', `not carried over: ${why}`);
  }
  for (const [name] of entries(file.networks)) {
    report.add('', `networks.${name}`, 'changed', `network "${name}" is not made: Colo gives each connection its own network`);
  }
}
