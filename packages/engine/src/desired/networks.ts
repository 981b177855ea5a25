// The networks of a VDC: one per wire, one per exposed terminal (ingress), all internal, plus
// one bridge per edge listener and one per gateway appliance, each joined by that one container
// alone. "The wires are the only network paths" is decided here.
import { egressNetworkName, listenerNetworkName } from '../docker-names';
import { LABEL } from '../labels';
import type { DesiredNetwork } from './types';
import type { WireNetwork } from './wiring';

/**
 * Internal networks have no default route; inhibiting IPv4 on the bridge as well leaves the host
 * without an address on them, so no container on one can reach the host's own services either.
 */
export const INTERNAL_NETWORK_OPTIONS: Readonly<Record<string, string>> = { 'com.docker.network.bridge.inhibit_ipv4': 'true' };


export function wireNetwork(wire: WireNetwork, labels: Record<string, string>): DesiredNetwork {
  return {
    name: wire.name,
    internal: true,
    role: 'wire',
    options: { ...INTERNAL_NETWORK_OPTIONS },
    purpose: `wire ${wire.client}.${wire.output} → ${wire.server}.${wire.input}`,
    labels: {
      ...labels,
      [LABEL.role]: 'wire',
      [LABEL.appliance]: wire.server,
      [LABEL.terminal]: wire.input,
      [LABEL.client]: wire.client,
      [LABEL.output]: wire.output,
    },
  };
}

export function ingressNetwork(name: string, appliance: string, terminal: string, labels: Record<string, string>): DesiredNetwork {
  return {
    name,
    internal: true,
    role: 'ingress',
    options: { ...INTERNAL_NETWORK_OPTIONS },
    purpose: `ingress to ${appliance}.${terminal}`,
    labels: { ...labels, [LABEL.role]: 'ingress', [LABEL.appliance]: appliance, [LABEL.terminal]: terminal },
  };
}

/**
 * One listener's bridge to the host's published port. Isolation comes from nothing else being on
 * it, not from `enable_icc=false` (not enforced without br_netfilter). Labelled as the VDC's, so
 * it is planned, removed and destroyed with the listener.
 */
export function listenerNetwork(instance: string, port: number, labels: Record<string, string>): DesiredNetwork {
  return {
    name: listenerNetworkName(instance, port),
    internal: false,
    role: 'edge',
    options: {},
    purpose: `published port ${port} (its edge listener alone)`,
    labels: { ...labels, [LABEL.role]: 'edge', [LABEL.edgePort]: String(port) },
  };
}

/** One gateway appliance's way out, shared with no other container. */
export function egressNetwork(key: string, appliance: string, labels: Record<string, string>): DesiredNetwork {
  return {
    name: egressNetworkName(key, appliance),
    internal: false,
    role: 'egress',
    options: {},
    purpose: `outbound traffic of gateway ${appliance}`,
    labels: { ...labels, [LABEL.role]: 'egress', [LABEL.appliance]: appliance },
  };
}

/** Networks per kind, for `colo plan` and the address-pool count (each takes one /24). */
export function countNetworks(networks: DesiredNetwork[]): { wires: number; ingress: number; edge: number; egress: number } {
  return {
    wires: networks.filter((n) => n.role === 'wire').length,
    ingress: networks.filter((n) => n.role === 'ingress').length,
    edge: networks.filter((n) => n.role === 'edge').length,
    egress: networks.filter((n) => n.role === 'egress').length,
  };
}
