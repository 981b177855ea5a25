// A VDC manifest as a docker-compose.yml that `docker compose up` runs: each appliance is one
// service built from the very container spec the engine would create (desiredState), so the
// hardening, limits, wiring env and per-connection networks are Colo's, not re-derived here.
// `x-colo` keys carry the manifest itself, so importing the file gives the same manifest back.
import { desiredState } from '@colo/engine/desired';
import { type Catalog, type Manifest, resolveManifest } from '@colo/manifest';
import { stringify } from 'yaml';
import { composeService } from './compose-service';
import { Report, type ReportLine } from './report';
import { envFileText, secretVariables } from './secret-variables';

export interface ExportOptions {
  catalog: Catalog;
  /** COLO_IMAGE_NAMESPACE: the repository prefix of the locally built class images. */
  imageNamespace?: string;
  /** The revision exported, for the header. */
  revision?: number;
  /** The VDC's own secrets (appliance → name → value), for the `.env` text when `withSecrets`. */
  secrets?: Record<string, Record<string, string>>;
  /** Put the VDC's own secret values in the `.env` text (never in the compose file). */
  withSecrets?: boolean;
  /** Address exposed terminals are published on (127.0.0.1 unless given). */
  publishHost?: string;
}

export interface ExportResult {
  /** The docker-compose.yml. It holds no secret value: they are `${COLO_SECRET_…}` references. */
  text: string;
  /** The `.env` beside it: a value for each reference. */
  env: string;
  report: ReportLine[];
}

/** Docker names of the engine start `colo-<key>-`; compose prefixes its project name instead. */
const KEY = 'x';
const composeName = (dockerName: string) => dockerName.replace(`colo-${KEY}-`, '');

export function exportCompose(manifest: Manifest, options: ExportOptions): ExportResult {
  const report = new Report();
  const resolved = resolveManifest(manifest, options.catalog);
  const { tokens, variables } = secretVariables(resolved);
  const state = desiredState({
    vdc: { id: 'vdc_export', name: manifest.name, key: KEY },
    revisionId: 'export',
    manifest: resolved,
    secrets: tokens,
    config: { instance: 'export', imageNamespace: options.imageNamespace },
  });
  const publishHost = options.publishHost ?? '127.0.0.1';

  const networks: Record<string, { internal?: boolean }> = {};
  for (const n of state.networks) {
    if (n.role === 'wire') networks[composeName(n.name)] = { internal: true };
    if (n.role === 'egress') networks[composeName(n.name)] = {};
  }
  const known = new Set(Object.keys(networks));
  const volumes: Record<string, Record<string, never>> = {};
  for (const v of state.volumes) volumes[composeName(v.name)] = {};
  const healthy = new Set(resolved.appliances.filter((a) => a.class.health).map((a) => a.name));

  const services: Record<string, unknown> = {};
  for (const appliance of resolved.appliances) {
    const { name, ...own } = manifest.appliances.find((a) => a.name === appliance.name)!;
    const ports = appliance.expose.map((e) => {
      const port = appliance.class.terminals.inputs.find((t) => t.name === e.terminal)?.port;
      report.add(name, `ports`, 'mapped', `terminal ${e.terminal} is published on ${publishHost}:${e.port} by the service itself (compose has no Colo edge proxy)`);
      return `${publishHost}:${e.port}:${port}`;
    });
    if (ports.length > 0) networks[`${name}-published`] = {};
    const container = state.containers.find((c) => c.appliance === name && c.replica === 1);
    const service = container
      ? composeService(container, { composeName, networks: known, variables, replicas: appliance.replicas, ports, healthy })
      : { image: state.containers[0]?.image, deploy: { replicas: 0 }, network_mode: 'none' };
    if (!container) report.add(name, 'deploy.replicas', 'changed', 'has no replicas: the service is defined with none');
    if (appliance.standby) report.add(name, 'standby', 'changed', 'a standby appliance is started by compose like any other');
    if (appliance.placement || appliance.expose.some((e) => e.node !== undefined)) {
      report.add(name, 'placement', 'changed', 'its failover group and node choices apply on a Colo swarm only: kept in x-colo, not applied by compose');
    }
    for (const v of appliance.class.volumes.filter((cv) => cv.kind === 'class')) {
      report.add(name, 'volumes', 'dropped', `class volume "${v.name}" is not carried over: the image's own content at ${v.mountPath} is used`);
    }
    if (ports.length > 0 || container?.networks.some((n) => known.has(composeName(n.network)) && networks[composeName(n.network)].internal !== true)) {
      report.add(name, 'networks', 'changed', 'reaches outside networks (its published port or egress network is not internal)');
    }
    services[name] = { ...service, 'x-colo': own };
  }
  for (const v of variables) {
    report.add(v.appliance, `environment.${v.variable}`, 'changed', `secret ${v.secret} is the variable \${${v.variable}}, set in the .env file, never written in the compose file`);
  }

  const file: Record<string, unknown> = {
    services,
    ...(Object.keys(networks).length > 0 ? { networks } : {}),
    ...(Object.keys(volumes).length > 0 ? { volumes } : {}),
    'x-colo-vdc': {
      name: manifest.name,
      ...(options.revision !== undefined ? { revision: options.revision } : {}),
      ...(manifest.description !== undefined ? { description: manifest.description } : {}),
      connections: manifest.connections,
      ...(manifest.visual !== undefined ? { visual: manifest.visual } : {}),
    },
  };
  const header = [
    `Exported by Colo from VDC "${manifest.name}"${options.revision !== undefined ? `, revision ${options.revision}` : ''}.`,
    'Its images are Colo catalog images: they must exist locally (npx tsx scripts/build-catalog.ts).',
    'Run: docker compose up -d  (docker-compose v1: docker-compose --compatibility up -d, for replicas).',
    'Secrets are ${COLO_SECRET_…} variables, set in the .env file beside this one; keep it private.',
    `Not carried: Colo's edge proxy (exposed terminals are published by the service itself on ${publishHost}),`,
    'entries, snapshots and schedules. x-colo keys let `colo compose import` rebuild the same VDC.',
  ];
  const body = stringify(file, { aliasDuplicateObjects: false, lineWidth: 0 });
  const text = `${header.map((l) => `# ${l}`).join('\n')}\n${body}`;
  report.add('', '', 'dropped', 'Colo\'s edge proxy, entries, snapshots and schedules are not carried over');
  const own = options.withSecrets ? options.secrets : undefined;
  return { text, env: envFileText(variables, own), report: report.lines };
}
