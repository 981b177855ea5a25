// One engine container spec (what `desiredState` would create) as a compose service: the same
// image, environment, hardening, limits, health check, networks and volumes, in compose's words.
import type { DesiredContainer } from '@colo/engine/desired';
import { composeValue, type SecretVariable } from './secret-variables';

export interface ServiceContext {
  /** Docker name (the VDC's key prefix included) → compose key. */
  composeName: (dockerName: string) => string;
  /** Compose networks that exist; ingress attachments (Colo's edge proxy) are not among them. */
  networks: Set<string>;
  variables: SecretVariable[];
  replicas: number;
  /** `host:port:containerPort` lines for the appliance's exposed terminals. */
  ports: string[];
  /** Appliances with a health check, for depends_on conditions. */
  healthy: Set<string>;
}

const NS_PER_MS = 1_000_000;
const duration = (ns: number | undefined) => `${Math.round((ns ?? 0) / NS_PER_MS)}ms`;

function environment(env: string[], ctx: ServiceContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of env) {
    const at = line.indexOf('=');
    const key = line.slice(0, at);
    // Replicas of one service share one environment: the replica number is the engine's.
    if (key === 'COLO_REPLICA' && ctx.replicas !== 1) continue;
    out[key] = composeValue(line.slice(at + 1), ctx.variables);
  }
  return out;
}

export function composeService(container: DesiredContainer, ctx: ServiceContext): Record<string, unknown> {
  const { create } = container;
  const host = create.HostConfig ?? {};
  const service: Record<string, unknown> = { image: create.Image, hostname: container.appliance };
  if (create.User) service.user = create.User;
  service.environment = environment(create.Env ?? [], ctx);
  if (ctx.replicas !== 1) service.deploy = { replicas: ctx.replicas };

  const networks: Record<string, { aliases?: string[] }> = {};
  for (const n of container.networks) {
    const key = ctx.composeName(n.network);
    if (ctx.networks.has(key)) networks[key] = n.aliases.length > 0 ? { aliases: [...n.aliases] } : {};
  }
  if (ctx.ports.length > 0) {
    service.ports = ctx.ports;
    networks[`${container.appliance}-published`] = {};
  }
  if (Object.keys(networks).length > 0) service.networks = networks;
  else service.network_mode = 'none';

  const mounts = host.Mounts ?? [];
  if (mounts.length > 0) service.volumes = mounts.map((m) => `${ctx.composeName(String(m.Source))}:${m.Target}${m.ReadOnly ? ':ro' : ''}`);
  if (container.after.length > 0) {
    service.depends_on = Object.fromEntries(
      container.after.map((a) => [a, { condition: ctx.healthy.has(a) ? 'service_healthy' : 'service_started' }]),
    );
  }

  // The hardening every Colo container gets (SPEC §5): nothing here is the file's own choice.
  service.read_only = host.ReadonlyRootfs === true;
  if (host.Tmpfs) service.tmpfs = Object.entries(host.Tmpfs).map(([path, options]) => `${path}:${options}`);
  service.cap_drop = ['ALL'];
  if (host.CapAdd?.length) service.cap_add = [...host.CapAdd];
  service.security_opt = [...(host.SecurityOpt ?? ['no-new-privileges'])];
  if (host.Sysctls) service.sysctls = { ...host.Sysctls };
  service.cpus = (host.NanoCpus ?? 0) / 1e9;
  service.mem_limit = host.Memory;
  service.memswap_limit = host.MemorySwap;
  service.pids_limit = host.PidsLimit;
  const hc = create.Healthcheck;
  if (hc?.Test) {
    service.healthcheck = {
      test: hc.Test.map((part) => composeValue(part, ctx.variables)),
      interval: duration(hc.Interval),
      timeout: duration(hc.Timeout),
      retries: hc.Retries,
      start_period: duration(hc.StartPeriod),
    };
  }
  service.restart = 'unless-stopped';
  service.logging = { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } };
  return service;
}
