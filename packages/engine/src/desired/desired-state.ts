// The networks, volumes and containers a VDC should have for one resolved manifest.
import { classImage, type ResolvedManifest } from '@colo/manifest';
import { applianceDependencies, bootLayers } from '../boot-order';
import { containerName, edgeNetworkName, instanceVolumeName } from '../docker-names';
import { EngineError } from '../engine-error';
import { baseLabels, LABEL } from '../labels';
import { buildContainerSpec, type PortBinding } from './container-spec';
import { containerSecurity } from './container-security';
import { renderTemplate } from './render-template';
import type { DesiredContainer, DesiredNetwork, DesiredState, DesiredVolume, NetworkAttachment, VdcIdentity } from './types';
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

export function desiredState({ vdc, revisionId, manifest, secrets, config }: DesiredStateInput): DesiredState {
  const scope = { instance: config.instance, vdcId: vdc.id };
  const labels = baseLabels(scope, revisionId);
  const publishHost = config.publishHost ?? '127.0.0.1';
  const deps = applianceDependencies(manifest);
  bootLayers(deps); // refuses a cycle before anything is planned
  const wiring = wireAppliances(manifest, vdc.key, vdc.name, secrets);

  const networks: DesiredNetwork[] = wiring.networks.map((n) => ({
    name: n.name,
    internal: true,
    role: 'terminal',
    appliance: n.appliance,
    terminal: n.terminal,
    labels: { ...labels, [LABEL.appliance]: n.appliance, [LABEL.terminal]: n.terminal },
  }));
  const edge = edgeNetworkName(vdc.key);
  if (manifest.appliances.some((a) => a.expose.length > 0 && a.replicas > 0)) {
    networks.push({ name: edge, internal: false, role: 'edge', labels: { ...labels, [LABEL.role]: 'edge' } });
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
    // Class volumes are read-only content shared by every instance: they live in the image layers.

    const classEnv: Record<string, string> = {};
    for (const [k, template] of Object.entries(cls.env)) {
      classEnv[k] = renderTemplate(template, ctx, `appliance ${appliance.name}, env ${k}`);
    }

    const ports: PortBinding[] = appliance.expose.map((e) => {
      const input = cls.terminals.inputs.find((t) => t.name === e.terminal);
      if (input?.port === undefined) {
        throw new EngineError('invalid_manifest', `appliance ${appliance.name}: exposed terminal "${e.terminal}" has no port`);
      }
      return { terminal: e.terminal, containerPort: input.port, hostIp: publishHost, hostPort: e.port };
    });

    for (let replica = 1; replica <= appliance.replicas; replica++) {
      // A host port can be bound once: only the first replica of an exposed appliance publishes.
      const publishes = replica === 1 && ports.length > 0;
      const attachments: NetworkAttachment[] = [
        ...(publishes ? [{ network: edge, aliases: [] }] : []),
        ...own.serverNetworks,
        ...own.clientNetworks,
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
        networks: attachments,
        ports: publishes ? ports : [],
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
        ...spec,
      });
    }
  }
  return { vdc, instance: config.instance, revisionId, networks, volumes, containers };
}
