// What the connections of a VDC turn into (docs/contracts.md "Wiring → env"): one internal
// network per wire (the server answers there to the output's name), client env, fs mounts.
import type { ApplianceClass, ResolvedAppliance, ResolvedManifest } from '@colo/manifest';
import { envPrefix, instanceVolumeName, wireNetworkName } from '../docker-names';
import { EngineError } from '../engine-error';
import { renderTemplate, type TemplateContext } from './render-template';
import type { NetworkAttachment } from './types';

export interface VolumeMount {
  volume: string;
  target: string;
  readOnly: boolean;
}

/** The network of one wire: `client.output → server.input`. */
export interface WireNetwork {
  name: string;
  server: string;
  input: string;
  client: string;
  output: string;
}

export interface ApplianceWiring {
  /** Networks of the wires into its inputs, each with the output name it answers to there. */
  serverNetworks: NetworkAttachment[];
  /** Networks of its own outputs' wires (joined without aliases). */
  clientNetworks: NetworkAttachment[];
  env: Record<string, string>;
  mounts: VolumeMount[];
}

export interface Wiring {
  networks: WireNetwork[];
  byAppliance: Map<string, ApplianceWiring>;
}

export function templateContext(
  appliance: ResolvedAppliance,
  secrets: Record<string, Record<string, string>>,
  vdcName: string,
): TemplateContext {
  return {
    properties: appliance.properties,
    declaredProperties: new Set(appliance.class.properties.map((p) => p.name)),
    secrets: secrets[appliance.name] ?? {},
    applianceName: appliance.name,
    vdcName,
  };
}

export function wireAppliances(
  manifest: ResolvedManifest,
  key: string,
  vdcName: string,
  secrets: Record<string, Record<string, string>>,
): Wiring {
  const appliances = new Map(manifest.appliances.map((a) => [a.name, a]));
  const byAppliance = new Map<string, ApplianceWiring>(
    manifest.appliances.map((a) => [a.name, { serverNetworks: [], clientNetworks: [], env: {}, mounts: [] }]),
  );
  const networks: WireNetwork[] = [];
  /** Per client, the output names it reaches directly (not through a gateway). */
  const directHosts = new Map<string, Set<string>>();

  // Sorted so that attach order, and so the spec hash, does not depend on connection order.
  const connections = [...manifest.connections].sort((a, b) =>
    `${a.from.appliance}.${a.from.terminal}`.localeCompare(`${b.from.appliance}.${b.from.terminal}`),
  );
  for (const conn of connections) {
    const where = `connection ${conn.from.appliance}.${conn.from.terminal} -> ${conn.to.appliance}.${conn.to.terminal}`;
    const client = appliances.get(conn.from.appliance);
    const server = appliances.get(conn.to.appliance);
    if (!client || !server) throw new EngineError('invalid_manifest', `${where}: unknown appliance`);
    const output = client.class.terminals.outputs.find((t) => t.name === conn.from.terminal);
    const input = server.class.terminals.inputs.find((t) => t.name === conn.to.terminal);
    if (!output || !input) throw new EngineError('invalid_manifest', `${where}: unknown terminal`);

    const clientWiring = byAppliance.get(client.name)!;
    const prefix = envPrefix(output.name);
    const serverCtx = templateContext(server, secrets, vdcName);
    for (const [k, template] of Object.entries(input.clientEnv ?? {})) {
      clientWiring.env[`${prefix}_${k}`] = renderTemplate(template, serverCtx, `${where}, client env ${prefix}_${k}`);
    }

    if (input.protocol === 'fs' || output.protocol === 'fs') {
      const volume = fsVolume(server.class, input.volume, where);
      const target = output.mountPath ?? `/mnt/${output.name}`;
      clientWiring.mounts.push({ volume: instanceVolumeName(key, server.name, volume), target, readOnly: output.readOnly });
      clientWiring.env[`${prefix}_MOUNT`] = target;
      continue;
    }

    if (input.port === undefined) throw new EngineError('invalid_manifest', `${where}: input terminal has no port`);
    clientWiring.env[`${prefix}_HOST`] = output.name;
    clientWiring.env[`${prefix}_PORT`] = String(input.port);
    if (input.protocol === 'http-proxy') {
      // What HTTP clients (curl, apt, PHP, Node) look for: wiring a gateway just works.
      const url = `http://${output.name}:${input.port}`;
      for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) clientWiring.env[k] = url;
    } else {
      const hosts = directHosts.get(client.name) ?? new Set<string>();
      directHosts.set(client.name, hosts.add(output.name));
    }

    // Its own network: two clients of one input never share one, so they cannot reach each other.
    const name = wireNetworkName(key, client.name, output.name);
    networks.push({ name, server: server.name, input: input.name, client: client.name, output: output.name });
    byAppliance.get(server.name)!.serverNetworks.push({ network: name, aliases: [output.name] });
    if (client.name !== server.name) clientWiring.clientNetworks.push({ network: name, aliases: [] });
  }

  for (const w of byAppliance.values()) w.serverNetworks.sort((a, b) => a.network.localeCompare(b.network));
  // A client wired to a gateway still talks to its other servers directly: their names (and the
  // loopback) bypass the proxy, which would refuse them.
  for (const [client, hosts] of directHosts) {
    const env = byAppliance.get(client)!.env;
    if (!env.HTTP_PROXY) continue;
    const noProxy = ['localhost', '127.0.0.1', ...[...hosts].sort()].join(',');
    env.NO_PROXY = noProxy;
    env.no_proxy = noProxy;
  }
  return { networks: networks.sort((a, b) => a.name.localeCompare(b.name)), byAppliance };
}

function fsVolume(cls: ApplianceClass, volume: string | undefined, where: string): string {
  if (!volume) throw new EngineError('invalid_manifest', `${where}: fs input terminal names no volume`);
  const declared = cls.volumes.find((v) => v.name === volume);
  if (declared?.kind !== 'instance') {
    throw new EngineError('invalid_manifest', `${where}: class ${cls.id} has no instance volume "${volume}"`);
  }
  return volume;
}
