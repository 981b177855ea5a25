// One container's Docker create body, and the hash of everything that defines it (`colo.spec`).
// The safety rules of SPEC §5 live here: limits always, no privilege, named volumes only; the
// hardening a class declares (capabilities, read-only root, user) comes from container-security.ts.
import type { ApplianceClass } from '@colo/manifest';
import type Dockerode from 'dockerode';
import { LABEL } from '../labels';
import { stableHash } from '../stable-hash';
import { type ContainerSecurity, securityHostConfig } from './container-security';
import type { NetworkAttachment, SpecPart } from './types';
import type { VolumeMount } from './wiring';

/**
 * Bump when the create body changes shape, so every container is recreated onto it.
 * 2: capabilities dropped, read-only root with tmpfs, the class's user (issue 6).
 */
export const SPEC_FORMAT = 2;

export interface PortBinding {
  terminal: string;
  containerPort: number;
  hostIp: string;
  hostPort: number;
}

export interface ContainerSpecInput {
  name: string;
  hostname: string;
  image: string;
  env: Record<string, string>;
  mounts: VolumeMount[];
  /** Class volumes by mount path: part of the spec; mounted when the container is made. */
  classMounts?: { volume: string; mountPath: string }[];
  networks: NetworkAttachment[];
  ports: PortBinding[];
  nanoCpus: number;
  memoryBytes: number;
  health?: ApplianceClass['health'];
  security: ContainerSecurity;
  standby: boolean;
  after: string[];
  /** Labels that do not define the container (identity, revision). */
  labels: Record<string, string>;
}

export interface ContainerSpec {
  create: Dockerode.ContainerCreateOptions & { name: string };
  specHash: string;
  specParts: Record<SpecPart, string>;
  healthTimeoutMs: number;
}

/** Bounds what a runaway (or hostile) process tree inside one appliance can do to the host. */
export const PIDS_LIMIT = 1024;

export function buildContainerSpec(input: ContainerSpecInput): ContainerSpec {
  const env = Object.keys(input.env)
    .sort()
    .map((k) => `${k}=${input.env[k]}`);
  const healthcheck = input.health ? toHealthcheck(input.health) : undefined;
  const parts: Record<SpecPart, unknown> = {
    image: input.image,
    env,
    mounts: input.classMounts?.length ? { instance: input.mounts, class: input.classMounts } : input.mounts,
    networks: input.networks,
    ports: input.ports,
    resources: { nanoCpus: input.nanoCpus, memoryBytes: input.memoryBytes, pids: PIDS_LIMIT },
    health: healthcheck ?? null,
    runtime: { format: SPEC_FORMAT, hostname: input.hostname, standby: input.standby, after: input.after, security: input.security },
  };
  const specParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stableHash(v, 8)])) as Record<SpecPart, string>;
  const specHash = stableHash(specParts);

  const labels: Record<string, string> = {
    ...input.labels,
    [LABEL.spec]: specHash,
    [LABEL.specParts]: Object.entries(specParts)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  };
  if (input.after.length > 0) labels[LABEL.after] = input.after.join(',');
  if (input.standby) labels[LABEL.standby] = 'true';
  if (input.ports.length > 0) labels[LABEL.expose] = input.ports.map((p) => `${p.terminal}=${p.containerPort}`).join(',');

  const [primary] = input.networks;
  const create: ContainerSpec['create'] = {
    name: input.name,
    Image: input.image,
    Hostname: input.hostname,
    User: input.security.user,
    Env: env,
    Labels: labels,
    Healthcheck: healthcheck,
    ExposedPorts: input.ports.length > 0 ? Object.fromEntries(input.ports.map((p) => [`${p.containerPort}/tcp`, {}])) : undefined,
    HostConfig: {
      NetworkMode: primary ? primary.network : 'none',
      Mounts: input.mounts.map((m) => ({ Type: 'volume' as const, Source: m.volume, Target: m.target, ReadOnly: m.readOnly })),
      PortBindings:
        input.ports.length > 0
          ? Object.fromEntries(input.ports.map((p) => [`${p.containerPort}/tcp`, [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }]]))
          : undefined,
      NanoCpus: input.nanoCpus,
      Memory: input.memoryBytes,
      MemorySwap: input.memoryBytes,
      PidsLimit: PIDS_LIMIT,
      ...securityHostConfig(input.security),
      RestartPolicy: { Name: 'unless-stopped' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
    NetworkingConfig: primary ? { EndpointsConfig: { [primary.network]: { Aliases: primary.aliases } } } : undefined,
  };
  return { create, specHash, specParts, healthTimeoutMs: healthTimeout(input.health) };
}

const NS_PER_MS = 1_000_000;

export function durationMs(value: string): number {
  const m = /^(\d+)(ms|s|m)$/.exec(value);
  if (!m) throw new RangeError(`not a duration: ${value}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'];
}

function toHealthcheck(health: NonNullable<ApplianceClass['health']>): Dockerode.HealthConfig {
  const test = ['CMD', 'CMD-SHELL', 'NONE'].includes(health.test[0]) ? health.test : ['CMD', ...health.test];
  return {
    Test: test,
    Interval: durationMs(health.interval) * NS_PER_MS,
    Timeout: durationMs(health.timeout) * NS_PER_MS,
    Retries: health.retries,
    StartPeriod: durationMs(health.startPeriod) * NS_PER_MS,
  };
}

/** Long enough for every retry the health check is allowed, plus slack for a busy host. */
function healthTimeout(health: ApplianceClass['health']): number {
  if (!health) return 30_000;
  const perTry = durationMs(health.interval) + durationMs(health.timeout);
  return durationMs(health.startPeriod) + perTry * health.retries + 30_000;
}
