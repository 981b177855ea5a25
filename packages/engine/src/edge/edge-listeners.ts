// The edge listeners a VDC should have: one small HAProxy container per published host port.
// Docker cannot add a port to a running container, so one container per port means adding or
// removing a port never touches the connections of any other port.
import { DEFAULT_IMAGE_NAMESPACE, type ResolvedManifest } from '@colo/manifest';
import { ingressAlias, ingressNetworkName, listenerName, listenerNetworkName } from '../docker-names';
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';
import { buildContainerSpec } from '../desired/container-spec';
import type { ContainerSecurity } from '../desired/container-security';
import type { DesiredListener, ListenerTarget, VdcIdentity } from '../desired/types';

export const EDGE_PROXY_CLASS = 'edge-proxy';
/** The version in `templates/system/edge-proxy/class.yaml`. */
const EDGE_PROXY_VERSION = 1;

/** Built by the catalog's image builder from `templates/system/edge-proxy`, under COLO_IMAGE_NAMESPACE like every class. */
export function edgeProxyImage(namespace: string = DEFAULT_IMAGE_NAMESPACE): string {
  return `${namespace}/${EDGE_PROXY_CLASS}:${EDGE_PROXY_VERSION}`;
}
/** The image under the default namespace. */
export const EDGE_PROXY_IMAGE = edgeProxyImage();
/** The port HAProxy listens on inside every listener (unprivileged: no capability needed). */
export const LISTENER_PORT = 10080;
/** Backend slots a listener fills from DNS: the most replicas any class allows, with room. */
export const LISTENER_SLOTS = 64;

/**
 * Hardened like any appliance (templates/system/edge-proxy/class.yaml says the same): HAProxy runs
 * as its own user with no capability on a read-only root; config and socket live in /run, its
 * current target on the image's anonymous volume (kept across restarts, removed with it).
 */
export const EDGE_SECURITY: ContainerSecurity = { user: 'haproxy', capAdd: [], readonlyRootfs: true };

const HEALTH = { test: ['/usr/local/bin/colo-edge-health'], interval: '2s', timeout: '5s', retries: 15, startPeriod: '1s' };

export interface ExposedTerminal {
  appliance: string;
  terminal: string;
  /** The input's port inside the appliance's containers. */
  port: number;
  hostPort: number;
}

/** Every exposed terminal of appliances that run (replicas > 0). */
export function exposedTerminals(manifest: ResolvedManifest): ExposedTerminal[] {
  const out: ExposedTerminal[] = [];
  for (const a of manifest.appliances) {
    if (a.replicas === 0) continue;
    for (const e of a.expose) {
      const input = a.class.terminals.inputs.find((t) => t.name === e.terminal);
      if (input?.port === undefined) {
        throw new EngineError('invalid_manifest', `appliance ${a.name}: exposed terminal "${e.terminal}" has no port`);
      }
      out.push({ appliance: a.name, terminal: e.terminal, port: input.port, hostPort: e.port });
    }
  }
  return out;
}

export function listenerTarget(key: string, exposed: ExposedTerminal): ListenerTarget {
  return {
    appliance: exposed.appliance,
    terminal: exposed.terminal,
    network: ingressNetworkName(key, exposed.appliance, exposed.terminal),
    alias: ingressAlias(key, exposed.appliance, exposed.terminal),
    port: exposed.port,
  };
}

/** The env that points a listener at its target: rendered into its config at start. */
export function targetEnv(target: ListenerTarget): string[] {
  return [`EDGE_TARGET_HOST=${target.alias}`, `EDGE_TARGET_PORT=${target.port}`];
}

export function desiredListener(input: {
  vdc: VdcIdentity;
  instance: string;
  publishHost: string;
  exposed: ExposedTerminal;
  labels: Record<string, string>;
  imageNamespace?: string;
  /** The container and its own bridge; a VDC's listener by default (entries have their own). */
  names?: { container: string; bridge: string };
  /** Where it points; the VDC's own exposed terminal by default. */
  target?: ListenerTarget;
  /** Its CPU limit; a quarter of a CPU by default. */
  nanoCpus?: number;
}): DesiredListener {
  const { vdc, instance, publishHost, exposed } = input;
  const image = edgeProxyImage(input.imageNamespace);
  const name = input.names?.container ?? listenerName(instance, exposed.hostPort);
  const target = input.target ?? listenerTarget(vdc.key, exposed);
  const networks = [
    { network: input.names?.bridge ?? listenerNetworkName(instance, exposed.hostPort), aliases: [] },
    { network: target.network, aliases: [] },
  ];
  // The target is left out of the hash: re-pointing a listener is a reload, not a new container.
  // Only its own bridge is hashed: which ingress network it sits on follows its target.
  const spec = buildContainerSpec({
    name,
    hostname: `edge-${exposed.hostPort}`,
    image,
    env: { EDGE_LISTEN_PORT: String(LISTENER_PORT), EDGE_SLOTS: String(LISTENER_SLOTS) },
    mounts: [],
    networks: networks.slice(0, 1),
    ports: [{ terminal: 'published', containerPort: LISTENER_PORT, hostIp: publishHost, hostPort: exposed.hostPort }],
    nanoCpus: input.nanoCpus ?? 250_000_000,
    memoryBytes: 128 * 1024 ** 2,
    health: HEALTH,
    security: EDGE_SECURITY,
    standby: false,
    // Boot order is the plan's business (a listener waits for its target): not the container's.
    after: [],
    labels: {
      ...input.labels,
      [LABEL.role]: 'edge',
      [LABEL.edgePort]: String(exposed.hostPort),
      [LABEL.class]: EDGE_PROXY_CLASS,
    },
  });
  spec.create.Env = [...(spec.create.Env ?? []), ...targetEnv(target)];
  return {
    name,
    appliance: exposed.appliance,
    replica: 0,
    classId: EDGE_PROXY_CLASS,
    image,
    standby: false,
    after: [exposed.appliance],
    networks,
    volumes: [],
    hostIp: publishHost,
    hostPort: exposed.hostPort,
    target,
    ...spec,
  };
}
