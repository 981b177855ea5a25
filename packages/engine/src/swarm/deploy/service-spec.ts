// One Swarm service from the single-host create bodies of an appliance's replicas: the same
// image, env, user, limits, health and hardening, with what differs per replica (hostname,
// COLO_REPLICA, a volume named per replica) turned into `{{.Task.Slot}}` templates. Replicas
// whose bodies differ in anything else cannot be one service: refused, naming the field.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { LABEL } from '../../labels';
import { stableHash, stableStringify } from '../../stable-hash';
import type { DesiredContainer } from '../../desired/types';
import { CLASS_VOLUME_ROLE, classVolumeName } from '../../volumes/class-volumes';
import { SWARM_CANNOT_EXPRESS, SWARM_IMPLIED } from './swarm-limits';
import { SWARM_LABEL } from './swarm-labels';
import type { ServicePlacement, ServiceSpecPart, SwarmContainerSpec, SwarmMount, SwarmPortConfig, SwarmServiceSpec } from './swarm-types';

/** Bump when the service body changes shape, so every service is updated onto it. */
export const SWARM_SPEC_FORMAT = 1;
export const SLOT = '{{.Task.Slot}}';
const NS_PER_S = 1_000_000_000;
/** The single-host apply's stop timeout (10 s), as the task's grace period. */
export const STOP_GRACE_NS = 10 * NS_PER_S;

export interface ServiceSpecInput {
  name: string;
  appliance: string;
  /** Every replica's desired container (one for a listener), in replica order. */
  containers: DesiredContainer[];
  /** Replicas Swarm is asked for now (0 for a standby appliance). */
  replicas: number;
  placement: ServicePlacement;
  /** Labels of each instance volume by name, put on the volume when a node creates it. */
  volumeLabels: ReadonlyMap<string, Record<string, string>>;
  /** The hostname pattern: `<appliance>-{{.Task.Slot}}` for appliances, the listener's own. */
  hostname: string;
  /** The reference nodes pull each image by (the registry's, pinned by digest); the tag itself otherwise. */
  images?: Readonly<Record<string, string>>;
}

export interface ServiceSpecResult {
  spec: SwarmServiceSpec;
  specHash: string;
  specParts: Record<ServiceSpecPart, string>;
}

const CREATE_FIELDS = new Set(['name', 'Image', 'Hostname', 'User', 'Env', 'Labels', 'Healthcheck', 'ExposedPorts', 'HostConfig', 'NetworkingConfig', 'Entrypoint', 'Cmd', 'WorkingDir', 'StopSignal']);
const HOST_FIELDS = new Set(['Mounts', 'PortBindings', 'NanoCpus', 'Memory', 'PidsLimit', 'CapDrop', 'CapAdd', 'SecurityOpt', 'ReadonlyRootfs', 'Tmpfs', 'Sysctls', 'LogConfig', 'Init']);

export function serviceSpec(input: ServiceSpecInput): ServiceSpecResult {
  const [first] = input.containers;
  if (!first) throw new EngineError('invalid_manifest', `service ${input.name}: no replica to build it from`);
  for (const c of input.containers) refuseUnknownFields(c);
  const specs = input.containers.map((c) => replicaContainerSpec(c, input.hostname));
  const mountSources = templateMountSources(input.containers, input.name);
  for (const [i, s] of specs.entries()) {
    s.Mounts = s.Mounts.map((m, j) => (m.Type === 'volume' ? { ...m, Source: mountSources[j] } : m));
    if (i > 0 && stableStringify(s) !== stableStringify(specs[0])) {
      throw new EngineError('invalid_manifest', `service ${input.name}: replica ${input.containers[i]?.replica} differs from replica 1 in ${differingField(specs[0]!, s)}; replicas of one service must be alike`);
    }
  }
  const containerSpec = specs[0]!;
  containerSpec.Image = input.images?.[containerSpec.Image] ?? containerSpec.Image;
  containerSpec.Mounts.push(...classVolumeMounts(first, containerSpec.Image));
  for (const m of containerSpec.Mounts) {
    const labels = m.Source ? input.volumeLabels.get(m.Source) : undefined;
    // Applied when a node first creates the volume; the revision would only make every deploy an update.
    if (labels) {
      const { [LABEL.revision]: _rev, ...kept } = labels;
      m.VolumeOptions = { Labels: kept };
    }
  }
  const host = first.create.HostConfig ?? {};
  const ports = publishedPorts(host.PortBindings);
  // A class volume is the image's own read-only content: it makes nothing stateful.
  const stateful = containerSpec.Mounts.some((m) => m.Type === 'volume' && m.VolumeOptions?.Labels?.[LABEL.role] !== CLASS_VOLUME_ROLE) || ports.length > 0;
  const log = host.LogConfig;

  const base: SwarmServiceSpec = {
    Name: input.name,
    Labels: {},
    TaskTemplate: {
      ContainerSpec: containerSpec,
      Resources: { Limits: { NanoCPUs: host.NanoCpus ?? 0, MemoryBytes: host.Memory ?? 0, Pids: host.PidsLimit ?? 0 } },
      // What `unless-stopped` is for a container: Swarm starts a new task whatever ended the last one.
      RestartPolicy: { Condition: 'any', Delay: 2 * NS_PER_S, MaxAttempts: 0 },
      Placement: { Constraints: [...(input.placement.nodeId ? [`node.id==${input.placement.nodeId}`] : []), ...(input.placement.constraints ?? [])] },
      Networks: first.networks.map((n) => ({ Target: n.network, Aliases: [...n.aliases] })),
      LogDriver: log?.Type ? { Name: log.Type, Options: { ...(log.Config ?? {}) } } : undefined,
    },
    Mode: { Replicated: { Replicas: input.replicas } },
    // A replica with data (or a host port) must be gone before its successor starts on the same
    // volume (or port); a stateless one starts first, so the balancer always has replicas.
    UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Monitor: 5 * NS_PER_S, Order: stateful ? 'stop-first' : 'start-first' },
    EndpointSpec: { Mode: 'dnsrr', ...(ports.length > 0 ? { Ports: ports } : {}) },
  };
  const { [LABEL.revision]: _revision, ...defining } = containerSpec.Labels;
  const parts: Record<ServiceSpecPart, unknown> = {
    image: containerSpec.Image,
    env: containerSpec.Env,
    mounts: containerSpec.Mounts,
    networks: base.TaskTemplate.Networks,
    resources: [base.TaskTemplate.Resources, base.TaskTemplate.LogDriver ?? null, base.TaskTemplate.RestartPolicy],
    health: containerSpec.HealthCheck ?? null,
    runtime: {
      format: SWARM_SPEC_FORMAT,
      ...containerSpec,
      Image: undefined,
      Env: undefined,
      Mounts: undefined,
      HealthCheck: undefined,
      Labels: defining,
      update: base.UpdateConfig,
    },
    placement: base.TaskTemplate.Placement,
    ports: base.EndpointSpec,
  };
  const specParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stableHash(v, 8)])) as Record<ServiceSpecPart, string>;
  const specHash = stableHash(specParts);
  containerSpec.Labels = { ...containerSpec.Labels, [LABEL.spec]: specHash };
  base.Labels = {
    ...containerSpec.Labels,
    [LABEL.specParts]: Object.entries(specParts)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    [SWARM_LABEL.replicas]: String(input.containers.length),
    ...(input.placement.nodeId ? { [SWARM_LABEL.node]: input.placement.nodeId } : {}),
  };
  return { spec: base, specHash, specParts };
}

/** One replica's ContainerSpec with its replica number replaced by the slot template. */
function replicaContainerSpec(c: DesiredContainer, hostname: string): SwarmContainerSpec {
  const body = c.create;
  const host = body.HostConfig ?? {};
  const { [LABEL.replica]: _r, [LABEL.spec]: _s, [LABEL.specParts]: _p, ...labels } = body.Labels ?? {};
  const env = (body.Env ?? []).map((e) => (e === `COLO_REPLICA=${c.replica}` ? `COLO_REPLICA=${SLOT}` : e));
  const mounts: SwarmMount[] = (host.Mounts ?? []).map((m) => {
    if (m.Type !== 'volume') throw new EngineError('invalid_manifest', `${c.name}: a ${m.Type} mount cannot go to Swarm (named volumes only)`);
    // A share's client mount brings its own volume options (the local bind of the node's mount).
    const options = m.VolumeOptions as SwarmMount['VolumeOptions'];
    return { Type: 'volume', Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly ?? false, ...(options ? { VolumeOptions: options } : {}) };
  });
  for (const [target, options] of Object.entries(host.Tmpfs ?? {})) mounts.push(tmpfsMount(target, options));
  const spec: SwarmContainerSpec = {
    Image: body.Image ?? c.image,
    Labels: labels,
    Hostname: hostname,
    Env: env,
    User: body.User,
    Dir: body.WorkingDir,
    Command: asList(body.Entrypoint),
    Args: asList(body.Cmd),
    ReadOnly: host.ReadonlyRootfs ?? false,
    Mounts: mounts,
    StopGracePeriod: STOP_GRACE_NS,
    StopSignal: body.StopSignal,
    HealthCheck: body.Healthcheck ? { ...body.Healthcheck, Test: [...(body.Healthcheck.Test ?? [])] } : undefined,
    Init: host.Init ?? undefined,
    Sysctls: host.Sysctls ? { ...host.Sysctls } : undefined,
    CapabilityDrop: host.CapDrop ? [...host.CapDrop] : undefined,
    CapabilityAdd: host.CapAdd ? [...host.CapAdd] : undefined,
  };
  return JSON.parse(JSON.stringify(spec)) as SwarmContainerSpec;
}

/**
 * A volume named the same for every replica stays as it is (one volume on the appliance's
 * node); one whose name ends in each replica's number becomes `<stem>-{{.Task.Slot}}`.
 */
function templateMountSources(containers: DesiredContainer[], service: string): string[] {
  const per = containers.map((c) => (c.create.HostConfig?.Mounts ?? []).map((m) => m.Source ?? ''));
  return (per[0] ?? []).map((source, j) => {
    const all = per.map((sources) => sources[j] ?? '');
    if (all.every((s) => s === source)) return source;
    const stems = all.map((s, i) => (s.endsWith(`-${containers[i]!.replica}`) ? s.slice(0, -String(containers[i]!.replica).length - 1) : undefined));
    if (stems.every((s) => s !== undefined && s === stems[0])) return `${stems[0]}-${SLOT}`;
    throw new EngineError('invalid_manifest', `service ${service}: replicas mount differently named volumes at one path (${all.join(', ')})`);
  });
}

/** `size=16m` (the single-host tmpfs option string) as Swarm's byte count. */
export function tmpfsMount(target: string, options: string): SwarmMount {
  const size = /(?:^|,)size=(\d+)([kmg]?)(?:,|$)/i.exec(options);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(size?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  return { Type: 'tmpfs', Target: target, TmpfsOptions: size ? { SizeBytes: Number(size[1]) * unit } : {} };
}

export function publishedPorts(bindings: Dockerode.HostConfig['PortBindings']): SwarmPortConfig[] {
  const out: SwarmPortConfig[] = [];
  for (const [key, list] of Object.entries((bindings ?? {}) as Record<string, { HostPort?: string }[]>)) {
    const [port, proto] = key.split('/');
    if (proto !== 'tcp') throw new EngineError('invalid_manifest', `published port ${key}: only tcp goes to Swarm`);
    for (const b of list) out.push({ Protocol: 'tcp', TargetPort: Number(port), PublishedPort: Number(b.HostPort), PublishMode: 'host' });
  }
  return out;
}

function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value];
}

/** A field nothing translates and nothing lists as inexpressible would be dropped silently: refused. */
function refuseUnknownFields(c: DesiredContainer): void {
  for (const key of Object.keys(c.create)) {
    const value = (c.create as unknown as Record<string, unknown>)[key];
    if (value !== undefined && !CREATE_FIELDS.has(key)) throw new EngineError('invalid_manifest', `${c.name}: create field ${key} has no Swarm translation`);
  }
  for (const [key, value] of Object.entries(c.create.HostConfig ?? {})) {
    if (value === undefined || HOST_FIELDS.has(key) || SWARM_IMPLIED.has(key) || key in SWARM_CANNOT_EXPRESS) continue;
    throw new EngineError('invalid_manifest', `${c.name}: HostConfig.${key} has no Swarm translation`);
  }
  for (const opt of c.create.HostConfig?.SecurityOpt ?? []) {
    if (!(`SecurityOpt:${opt}` in SWARM_CANNOT_EXPRESS)) throw new EngineError('invalid_manifest', `${c.name}: security option ${opt} has no Swarm translation`);
  }
}

function differingField(a: SwarmContainerSpec, b: SwarmContainerSpec): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof SwarmContainerSpec>;
  return [...keys].filter((k) => stableStringify(a[k]) !== stableStringify(b[k])).join(', ') || 'its body';
}

/**
 * A class's shared read-only content (e.g. web-php's built-in page) on a swarm: a volume per node,
 * named after the exact image the service runs (a new class version gets a new one), that Docker
 * fills from the image when the node's first task mounts it empty (no NoCopy). On one host the
 * engine fills it once before any replica; here two replicas starting at once on one node may
 * both copy the same files into it (the node agent will fill it first, as on one host).
 */
function classVolumeMounts(c: DesiredContainer, image: string): SwarmMount[] {
  const instance = c.create.Labels?.[LABEL.instance] ?? '';
  return (c.classVolumes ?? []).map((v) => ({
    Type: 'volume',
    Source: classVolumeName(instance, stableHash(image).slice(0, 12), v.volume),
    Target: v.mountPath,
    ReadOnly: true,
    VolumeOptions: {
      Labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.role]: CLASS_VOLUME_ROLE, [LABEL.class]: c.classId, [LABEL.volume]: v.volume },
    },
  }));
}
