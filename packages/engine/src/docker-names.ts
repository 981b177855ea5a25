// Deterministic Docker object names (docs/contracts.md): a retry finds what the last attempt made.
import { stableHash } from './stable-hash';

export function containerName(key: string, appliance: string, replica: number): string {
  return `colo-${key}-${appliance}-${replica}`;
}

/**
 * One internal network per wire (a non-fs connection). An output has at most one connection,
 * so the client and its output name the wire.
 */
export function wireNetworkName(key: string, client: string, output: string): string {
  return `colo-${key}-wire-${client}-${output}`;
}

/** One internal network per exposed terminal: its replicas and the edge listener meet there. */
export function ingressNetworkName(key: string, appliance: string, terminal: string): string {
  return `colo-${key}-ingress-${appliance}-${terminal}`;
}

/**
 * The name an edge listener resolves on an ingress network to find every replica. It carries
 * the VDC key so a listener joined to two ingress networks at once (while it is re-pointed)
 * never mixes their replicas; kept within one 63-character DNS label.
 */
export function ingressAlias(key: string, appliance: string, terminal: string): string {
  const alias = `${appliance}-${terminal}-${key}`;
  return alias.length <= 63 ? alias : `${alias.slice(0, 54)}-${stableHash(alias, 8)}`;
}

/**
 * The non-internal bridge of one edge listener, which nothing else joins: one per published port,
 * so no two listeners (of two VDCs) share a network. Not `enable_icc=false` on a shared bridge:
 * that needs br_netfilter, which an engine may lack, and then does nothing.
 */
export function listenerNetworkName(instance: string, port: number): string {
  return `colo-edge-${instance}-${port}-net`;
}

/**
 * The bridge of one `net` gateway appliance for its outbound traffic, which nothing else joins
 * (not Docker's default bridge: every container on it reaches every other, and it may be gone).
 */
export function egressNetworkName(key: string, appliance: string): string {
  return `colo-${key}-egress-${appliance}`;
}

/** One edge listener per published host port of an installation. */
export function listenerName(instance: string, port: number): string {
  return `colo-edge-${instance}-${port}`;
}

export function instanceVolumeName(key: string, appliance: string, volume: string): string {
  return `colo-${key}-${appliance}-${volume}`;
}

/** A snapshot's copy of one instance volume. */
export function snapshotVolumeName(snapshotId: string, appliance: string, volume: string): string {
  return `colo-${snapshotId.replace(/_/g, '-')}-${appliance}-${volume}`;
}

/** The volume-tool container of one operation. */
export function volumeToolName(operationId: string): string {
  return `colo-${operationId.replace(/_/g, '-')}-volume-tool`;
}

/** `db` → `DB`, `web-cache` → `WEB_CACHE`: the env prefix of an output terminal. */
export function envPrefix(outputName: string): string {
  return outputName.toUpperCase().replace(/-/g, '_');
}

/** The warm volume tool of one installation on one daemon (volumes/host-tool.ts). */
export function hostVolumeToolName(instance: string): string {
  return `colo-${instance}-volume-tool`;
}
