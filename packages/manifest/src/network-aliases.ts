// Host names inside appliances. Each wired input terminal is a network holding its server and
// its clients; the server carries, as DNS aliases there, the names of every output wired into
// it. An appliance on two networks where one alias names two different servers would reach
// either at random, so that drawing is refused.

export interface NetworkWire {
  client: string;
  output: string;
  server: string;
  input: string;
}

export interface AliasConflict {
  /** The appliance that would see the ambiguous name. */
  appliance: string;
  alias: string;
  /** Each server the name could mean, with the network (`server.input`) it comes from. */
  targets: { server: string; network: string }[];
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** `fs` wires are mounts, not networks: leave them out of `wires`. */
export function findAliasConflicts(wires: readonly NetworkWire[]): AliasConflict[] {
  const networks = new Map<string, { server: string; members: Set<string>; aliases: Set<string> }>();
  for (const w of wires) {
    if (w.client === w.server) continue;
    const key = `${w.server}.${w.input}`;
    let network = networks.get(key);
    if (!network) {
      network = { server: w.server, members: new Set([w.server]), aliases: new Set() };
      networks.set(key, network);
    }
    network.members.add(w.client);
    network.aliases.add(w.output);
  }

  // appliance → alias → server → first network it was seen on
  const seen = new Map<string, Map<string, Map<string, string>>>();
  for (const [key, network] of networks) {
    for (const member of network.members) {
      const byAlias = getOrCreate(seen, member, () => new Map<string, Map<string, string>>());
      for (const alias of network.aliases) {
        const servers = getOrCreate(byAlias, alias, () => new Map<string, string>());
        if (!servers.has(network.server)) servers.set(network.server, key);
      }
    }
  }

  const conflicts: AliasConflict[] = [];
  for (const [appliance, byAlias] of seen) {
    for (const [alias, servers] of byAlias) {
      if (servers.size < 2) continue;
      const targets = [...servers].map(([server, network]) => ({ server, network }));
      conflicts.push({ appliance, alias, targets });
    }
  }
  return conflicts;
}

export function describeAliasConflict(conflict: AliasConflict): string {
  const meanings = conflict.targets.map((t) => `"${t.server}" (network ${t.network})`).join(' and ');
  return `host name "${conflict.alias}" would be ambiguous inside "${conflict.appliance}": it names ${meanings}; rename one of the outputs called "${conflict.alias}"`;
}

export function aliasConflictKey(conflict: AliasConflict): string {
  return `${conflict.appliance}|${conflict.alias}|${conflict.targets.map((t) => t.network).join(',')}`;
}
