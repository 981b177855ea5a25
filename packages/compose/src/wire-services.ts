// depends_on, links and shared networks → connections: the dependent service is the client, and
// its first free output whose protocol fits an input of the service it names is wired there
// (web → db.in over pgsql, lb.out → web.in over http). What fits nothing is reported.
import { type ApplianceClass, type Connection, protocolsMatch } from '@colo/manifest';
import type { ComposeService } from './compose-schema';
import type { Report } from './report';

export interface MappedService {
  service: string;
  appliance: string;
  cls: ApplianceClass;
  raw: ComposeService;
}

function names(value: string[] | Record<string, unknown> | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : Object.keys(value);
}

/** Services this one names, each with the key that named it. */
function dependencies(raw: ComposeService): { target: string; key: string }[] {
  const found = names(raw.depends_on).map((target) => ({ target, key: `depends_on.${target}` }));
  for (const link of raw.links ?? []) {
    const target = link.split(':')[0];
    if (!found.some((d) => d.target === target)) found.push({ target, key: `links.${target}` });
  }
  return found;
}

class Wiring {
  readonly connections: Connection[] = [];
  private readonly usedOutputs = new Set<string>();

  constructor(private readonly report: Report) {}

  isWired(client: MappedService, server: MappedService): boolean {
    return this.connections.some((c) => c.from.startsWith(`${client.appliance}.`) && c.to.startsWith(`${server.appliance}.`));
  }

  /** Wires client → server if an output fits; returns why not otherwise. */
  wire(client: MappedService, server: MappedService, key: string): string | undefined {
    let taken: string | undefined;
    for (const output of client.cls.terminals.outputs) {
      const input = server.cls.terminals.inputs.find((i) => protocolsMatch(output.protocol, i.protocol));
      if (!input) continue;
      const from = `${client.appliance}.${output.name}`;
      if (this.usedOutputs.has(from)) {
        taken ??= output.name;
        continue;
      }
      const to = `${server.appliance}.${input.name}`;
      this.usedOutputs.add(from);
      this.connections.push({ from, to });
      this.report.add(client.service, key, 'mapped', `becomes the connection ${from} → ${to} (${output.protocol})`);
      return undefined;
    }
    if (taken) return `output ${taken} of ${client.appliance} is already wired (an output takes one connection; give one appliance more replicas instead)`;
    return `no output of class ${client.cls.id} fits an input of class ${server.cls.id}`;
  }
}

function sharedNetworks(a: ComposeService, b: ComposeService): boolean {
  const mine = new Set(names(a.networks));
  return names(b.networks).some((n) => mine.has(n));
}

export function wireServices(services: MappedService[], report: Report): Connection[] {
  const byName = new Map(services.map((s) => [s.service, s]));
  const wiring = new Wiring(report);
  for (const client of services) {
    for (const { target, key } of dependencies(client.raw)) {
      const server = byName.get(target);
      if (!server) {
        report.add(client.service, key, 'dropped', `no service named "${target}" in this file; not wired`);
        continue;
      }
      if (wiring.isWired(client, server)) continue;
      const why = wiring.wire(client, server, key);
      if (why) report.add(client.service, key, 'dropped', `not wired: ${why}`);
    }
  }
  // Shared named networks: a path compose opens both ways, so wire whichever direction fits.
  for (const client of services) {
    if (client.raw.networks === undefined) continue;
    report.add(client.service, 'networks', 'changed', 'Colo gives each connection its own network; services on a shared network are wired where an output fits');
    for (const server of services) {
      if (server === client || !sharedNetworks(client.raw, server.raw) || wiring.isWired(client, server) || wiring.isWired(server, client)) continue;
      if (dependencies(server.raw).some((d) => d.target === client.service)) continue;
      wiring.wire(client, server, `networks`);
    }
  }
  return wiring.connections;
}
