// The Docker objects a VDC should have: what `desiredState` returns and the planner compares.
import type Dockerode from 'dockerode';

export interface VdcIdentity {
  /** The VDC's public id (`vdc_…`), the value of the `colo.vdc` label. */
  id: string;
  name: string;
  /** `<name>-<6 chars of the id>`, the stem of every Docker name (docs/contracts.md). */
  key: string;
}

/**
 * `wire`: one connection output→input; `ingress`: one exposed terminal and its edge listener;
 * `edge`: the installation's non-internal bridge that carries published ports; `egress`: the one
 * the `net` gateway reaches the outside on (both shared by every VDC: no VDC plan removes them).
 */
export type NetworkRole = 'wire' | 'ingress' | 'edge' | 'egress';

export interface DesiredNetwork {
  name: string;
  internal: boolean;
  role: NetworkRole;
  /** Driver options (`com.docker.network.bridge.*`), fixed at create. */
  options: Record<string, string>;
  /** Why it exists, for a plan a person reads: "wire web.db → db.in". */
  purpose: string;
  labels: Record<string, string>;
}

export interface DesiredVolume {
  name: string;
  appliance: string;
  volume: string;
  labels: Record<string, string>;
}

export interface NetworkAttachment {
  network: string;
  aliases: string[];
}

/** The parts of a container's definition that are hashed separately into `colo.spec`. */
export type SpecPart = 'image' | 'env' | 'mounts' | 'networks' | 'ports' | 'resources' | 'health' | 'runtime';

export interface DesiredContainer {
  name: string;
  appliance: string;
  replica: number;
  classId: string;
  image: string;
  /** Created but not started. */
  standby: boolean;
  /** Appliances that must be healthy before this one starts (its servers and `startAfter`). */
  after: string[];
  /** In attach order: the first one is the container's NetworkMode. */
  networks: NetworkAttachment[];
  /** Class volumes it mounts read-only (their Docker names depend on the image: class-volumes.ts). */
  classVolumes?: { volume: string; mountPath: string }[];
  /** Names of the volumes it mounts (its own and its fs servers'). */
  volumes: string[];
  specHash: string;
  specParts: Record<SpecPart, string>;
  /** The Docker create body (API 1.41: only the first network; the others are connected before start). */
  create: Dockerode.ContainerCreateOptions & { name: string };
  /** How long to wait for it to become healthy, from its class health check. */
  healthTimeoutMs: number;
}

/** Where an edge listener sends its port: every replica of one exposed terminal. */
export interface ListenerTarget {
  appliance: string;
  terminal: string;
  /** The ingress network it reaches the replicas on, and the name they answer to there. */
  network: string;
  alias: string;
  port: number;
}

/**
 * An edge listener: a Colo-owned container publishing one host port. Its target is runtime
 * configuration (changed by a seamless reload), not part of its `colo.spec`.
 */
export interface DesiredListener extends DesiredContainer {
  hostIp: string;
  hostPort: number;
  target: ListenerTarget;
}

export interface DesiredState {
  vdc: VdcIdentity;
  instance: string;
  revisionId: string;
  networks: DesiredNetwork[];
  volumes: DesiredVolume[];
  containers: DesiredContainer[];
  listeners: DesiredListener[];
}
