// The networks of a VDC: one per wire, one per exposed terminal (ingress), all internal, plus
// the installation's edge bridge. "The wires are the only network paths" is decided here.
import { edgeNetworkName, egressNetworkName } from '../docker-names';
import { LABEL } from '../labels';
import type { DesiredNetwork } from './types';
import type { WireNetwork } from './wiring';

/**
 * Internal networks have no default route; inhibiting IPv4 on the bridge as well leaves the host
 * without an address on them, so no container on one can reach the host's own services either.
 */
export const INTERNAL_NETWORK_OPTIONS: Readonly<Record<string, string>> = { 'com.docker.network.bridge.inhibit_ipv4': 'true' };

/** The edge bridge only carries published ports: its listeners cannot talk to each other on it. */
export const EDGE_NETWORK_OPTIONS: Readonly<Record<string, string>> = { 'com.docker.network.bridge.enable_icc': 'false' };

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

/** Labelled with the installation only: it belongs to no VDC. */
export function edgeNetwork(instance: string): DesiredNetwork {
  return {
    name: edgeNetworkName(instance),
    internal: false,
    role: 'edge',
    options: { ...EDGE_NETWORK_OPTIONS },
    purpose: 'published ports (shared by the installation)',
    labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.role]: 'edge' },
  };
}

/** The gateway's way out: like the edge bridge, shared and without inter-container traffic. */
export function egressNetwork(instance: string): DesiredNetwork {
  return {
    name: egressNetworkName(instance),
    internal: false,
    role: 'egress',
    options: { ...EDGE_NETWORK_OPTIONS },
    purpose: 'outbound traffic of net gateways (shared by the installation)',
    labels: { [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.role]: 'egress' },
  };
}

/** Networks per kind, for `colo plan` and the address-pool count (each takes one /24). */
export function countNetworks(networks: DesiredNetwork[]): { wires: number; ingress: number } {
  return {
    wires: networks.filter((n) => n.role === 'wire').length,
    ingress: networks.filter((n) => n.role === 'ingress').length,
  };
}
