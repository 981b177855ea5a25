// The networks, volumes and containers a VDC should have for one resolved manifest.
import { classImage, type ResolvedManifest } from '@colo/manifest';
import { applianceDependencies, bootLayers } from '../boot-order';
import { containerName, instanceVolumeName } from '../docker-names';
import { EngineError } from '../engine-error';
import { desiredListener, exposedTerminals } from '../edge/edge-listeners';
import { baseLabels, LABEL } from '../labels';
import { withApplianceClasses } from './appliance-class';
import { buildContainerSpec } from './container-spec';
import { containerSecurity } from './container-security';
import { egressNetwork, ingressNetwork, listenerNetwork, wireNetwork } from './networks';
import { renderTemplate } from './render-template';
import type { DesiredContainer, DesiredListener, DesiredNetwork, DesiredState, DesiredVolume, NetworkAttachment, VdcIdentity } from './types';
import { templateContext, wireAppliances } from './wiring';

export interface DesiredStateInput {
  vdc: VdcIdentity;
  revisionId: string;
  manifest: ResolvedManifest;
  /** Generated secrets per appliance: appliance name → secret name → value. */
  secrets: Record<string, Record<string, string>>;
  config: {
    /** COLO_INSTANCE: separates installations (and test runs) sharing one engine. */
    instance: string;
    /** Address exposed ports are published on; 127.0.0.1 unless configured. */
    publishHost?: string;
    /** COLO_IMAGE_NAMESPACE: the repository prefix of built class images (`colo` by default). */
    imageNamespace?: string;
  };
}

export function desiredState({ vdc, revisionId, manifest: given, secrets, config }: DesiredStateInput): DesiredState {
  // A class whose image or input port follows its appliance (appliance-class.ts), made concrete once.
  const manifest = withApplianceClasses(given);
  const scope = { instance: config.instance, vdcId: vdc.id };
  const labels = baseLabels(scope, revisionId);
  const publishHost = config.publishHost ?? '127.0.0.1';
  const deps = applianceDependencies(manifest);
  bootLayers(deps); // refuses a cycle before anything is planned
  const wiring = wireAppliances(manifest, vdc.key, vdc.name, secrets);

  const networks: DesiredNetwork[] = wiring.networks.map((w) => wireNetwork(w, labels));

  // Published ports: no VDC container publishes one. Each exposed terminal gets an internal
  // ingress network that all its replicas join, and an edge listener that publishes the port.
  const exposed = exposedTerminals(manifest);
  const listeners: DesiredListener[] = exposed.map((e) =>
    desiredListener({ vdc, instance: config.instance, publishHost, exposed: e, labels, imageNamespace: config.imageNamespace }),
  );
  const ingressOf = new Map<string, NetworkAttachment[]>();
  for (const l of listeners) {
    networks.push(ingressNetwork(l.target.network, l.target.appliance, l.target.terminal, labels));
    const own = ingressOf.get(l.target.appliance) ?? [];
    own.push({ network: l.target.network, aliases: [l.target.alias] });
    ingressOf.set(l.target.appliance, own);
  }
  for (const l of listeners) networks.push(listenerNetwork(config.instance, l.hostPort, labels));
  // Only a gateway class (the catalog allows `egress` on the stock `net` class alone) leaves the
  // internal networks, and only on a bridge of its own.
  const egressOf = new Map<string, DesiredNetwork>();
  for (const a of manifest.appliances) {
    if (!a.class.egress || a.replicas === 0) continue;
    const net = egressNetwork(vdc.key, a.name, labels);
    egressOf.set(a.name, net);
    networks.push(net);
  }

  const volumes: DesiredVolume[] = [];
  const containers: DesiredContainer[] = [];
  for (const appliance of manifest.appliances) {
    const cls = appliance.class;
    const own = wiring.byAppliance.get(appliance.name)!;
    const ctx = templateContext(appliance, secrets, vdc.name);

    const ownMounts = cls.volumes
      .filter((v) => v.kind === 'instance')
      .map((v) => {
        const name = instanceVolumeName(vdc.key, appliance.name, v.name);
        volumes.push({
          name,
          appliance: appliance.name,
          volume: v.name,
          labels: { ...labels, [LABEL.appliance]: appliance.name, [LABEL.volume]: v.name },
        });
        return { volume: name, target: v.mountPath, readOnly: false };
      });
    // Class volumes: read-only content of the class version, shared by every instance. Their
    // Docker volumes are named by image id, so they are found (or filled) when a container is made.
    const classMounts = cls.volumes.filter((v) => v.kind === 'class').map((v) => ({ volume: v.name, mountPath: v.mountPath }));

    const classEnv: Record<string, string> = {};
    for (const [k, template] of Object.entries(cls.env)) {
      classEnv[k] = renderTemplate(template, ctx, `appliance ${appliance.name}, env ${k}`);
    }

    for (let replica = 1; replica <= appliance.replicas; replica++) {
      const attachments: NetworkAttachment[] = [
        ...(ingressOf.get(appliance.name) ?? []).sort((a, b) => a.network.localeCompare(b.network)),
        ...own.serverNetworks,
        ...own.clientNetworks,
        ...(egressOf.has(appliance.name) ? [{ network: egressOf.get(appliance.name)!.name, aliases: [] }] : []),
      ];
      const mounts = [...ownMounts, ...own.mounts];
      const name = containerName(vdc.key, appliance.name, replica);
      const after = deps.get(appliance.name) ?? [];
      const spec = buildContainerSpec({
        name,
        hostname: `${appliance.name}-${replica}`,
        image: classImage(cls, config.imageNamespace),
        env: { ...classEnv, ...own.env, COLO_APPLIANCE: appliance.name, COLO_REPLICA: String(replica) },
        mounts,
        classMounts,
        networks: attachments,
        ports: [],
        nanoCpus: Math.round(appliance.resources.cpu * 1e9),
        memoryBytes: appliance.resources.memoryBytes,
        health: cls.health,
        security: containerSecurity(cls),
        standby: appliance.standby,
        after,
        labels: {
          ...labels,
          [LABEL.appliance]: appliance.name,
          [LABEL.replica]: String(replica),
          [LABEL.class]: cls.id,
        },
      });
      containers.push({
        name,
        appliance: appliance.name,
        replica,
        classId: cls.id,
        image: classImage(cls, config.imageNamespace),
        standby: appliance.standby,
        after,
        networks: attachments,
        volumes: mounts.map((m) => m.volume),
        classVolumes: classMounts,
        ...spec,
      });
    }
  }
  refuseSharedNames(networks, (n) => n.purpose, 'network');
  refuseSharedNames(volumes, (v) => `volume ${v.volume} of ${v.appliance}`, 'volume');
  return { vdc, instance: config.instance, revisionId, networks, volumes, containers, listeners };
}

/**
 * Names join parts with "-", which names may contain too: wire web.db-main and wire web-db.main
 * would both be `…-wire-web-db-main`, one network shared by two wires. Refused, naming both.
 */
function refuseSharedNames<T extends { name: string }>(objects: T[], describe: (o: T) => string, kind: string): void {
  const seen = new Map<string, T>();
  for (const o of objects) {
    const first = seen.get(o.name);
    if (first && describe(first) !== describe(o)) {
      throw new EngineError('invalid_manifest', `${describe(first)} and ${describe(o)} would share the Docker ${kind} ${o.name}; rename an appliance or terminal so their names differ`);
    }
    seen.set(o.name, o);
  }
}
