// Graph questions the editor and the engine ask: may this wire be drawn, and in what order do
// appliances boot. The answers come from the validator's own rules (wire-rules.ts,
// boot-graph.ts, network-aliases.ts), never from a second copy of them.
import { type BootEdge, bootWavesOf } from './boot-graph';
import type { Catalog } from './class-schema';
import { formatEndpoint } from './endpoint';
import { buildModel } from './manifest-model';
import type { ManifestInput } from './manifest-schema';
import { aliasConflictKey, describeAliasConflict, findAliasConflicts } from './network-aliases';
import type { ResolvedManifest, TerminalRef } from './resolved';
import { modelNetworkWires } from './rules/alias-rules';
import { modelBootGraph } from './rules/boot-order-rules';
import { checkWire } from './wire-rules';

export { formatEndpoint, parseEndpoint } from './endpoint';

export type CanConnect = { ok: true } | { ok: false; reason: string };

/** Whether `waiter` already (transitively) starts after `target`: one walk over the edges. */
function waitsFor(edges: readonly BootEdge[], waiter: string, target: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const out = next.get(edge.waiter);
    if (out) out.push(edge.waitsFor);
    else next.set(edge.waiter, [edge.waitsFor]);
  }
  const seen = new Set([waiter]);
  const queue = [waiter];
  for (let i = 0; i < queue.length; i++) {
    for (const server of next.get(queue[i]) ?? []) {
      if (seen.has(server)) continue;
      if (server === target) return true;
      seen.add(server);
      queue.push(server);
    }
  }
  return false;
}

/** May the editor draw `from → to` in `manifest`? The same rules the validator applies. */
export function canConnect(manifest: ManifestInput, catalog: Catalog, from: TerminalRef, to: TerminalRef): CanConnect {
  const model = buildModel(manifest, catalog);
  const wire = checkWire(model, from, to);
  if (wire.problems.length > 0) return { ok: false, reason: wire.problems[0].message };

  const taken = model.connections.find((c) => c.from && formatEndpoint(c.from) === formatEndpoint(from));
  if (taken) {
    const target = taken.to ? ` to ${formatEndpoint(taken.to)}` : '';
    return { ok: false, reason: `output "${formatEndpoint(from)}" is already connected${target}; an output connects to exactly one input` };
  }

  if (waitsFor(modelBootGraph(model).edges, to.appliance, from.appliance)) {
    return {
      ok: false,
      reason: `boot order would have a cycle: "${to.appliance}" already starts after "${from.appliance}"`,
    };
  }

  if (wire.input && wire.input.protocol !== 'fs') {
    const wires = modelNetworkWires(model);
    const before = new Set(findAliasConflicts(wires).map(aliasConflictKey));
    const proposed = { client: from.appliance, output: from.terminal, server: to.appliance, input: to.terminal };
    const added = findAliasConflicts([...wires, proposed]).find((c) => !before.has(aliasConflictKey(c)));
    if (added) return { ok: false, reason: describeAliasConflict(added) };
  }
  return { ok: true };
}

/**
 * Appliance names in the order they may boot: every wave waits only for earlier waves (servers
 * before their clients, `startAfter` respected); appliances in one wave can start in parallel.
 * Expects a validated manifest: a cycle is a programming error and throws.
 */
export function bootWaves(resolved: ResolvedManifest): string[][] {
  const nodes = resolved.appliances.map((a) => a.name);
  const edges: BootEdge[] = [
    ...resolved.connections.map((c, i) => ({ waiter: c.from.appliance, waitsFor: c.to.appliance, via: `connections[${i}]` })),
    ...resolved.appliances.flatMap((a) =>
      a.startAfter.map((name) => ({ waiter: a.name, waitsFor: name, via: `${a.name}.startAfter` })),
    ),
  ];
  const { waves, stuck } = bootWavesOf(nodes, edges);
  if (stuck.length > 0) throw new Error(`bootWaves: boot order has a cycle among ${stuck.join(', ')}`);
  return waves;
}
