// No appliance may (transitively) wait for itself to boot.
import { type BootEdge, describeCycle, findBootCycles } from '../boot-graph';
import type { ManifestModel } from '../manifest-model';
import { checkWire } from '../wire-rules';
import type { RuleContext } from './rule-context';

/**
 * The boot edges a model states, each labelled with the manifest path that creates it. A wire
 * drawn the wrong way round (or to a terminal that does not exist) is reported on its own and
 * adds no edge, so one mistake does not also show up as a cycle.
 */
export function modelBootGraph(model: ManifestModel): { nodes: string[]; edges: BootEdge[] } {
  const nodes = [...new Set(model.appliances.flatMap((e) => (e.name === undefined ? [] : [e.name])))];
  const edges: BootEdge[] = [];
  for (const c of model.connections) {
    if (!c.from || !c.to) continue;
    if (checkWire(model, c.from, c.to).problems.some((p) => p.end !== 'wire')) continue;
    edges.push({ waiter: c.from.appliance, waitsFor: c.to.appliance, via: `connections[${c.index}]` });
  }
  for (const entry of model.appliances) {
    if (entry.name === undefined) continue;
    for (const { index, name } of entry.startAfter) {
      edges.push({ waiter: entry.name, waitsFor: name, via: `appliances[${entry.index}].startAfter[${index}]` });
    }
  }
  return { nodes, edges };
}

export function checkBootOrder(ctx: RuleContext): void {
  const { nodes, edges } = modelBootGraph(ctx.model);
  for (const cycle of findBootCycles(nodes, edges)) {
    ctx.issues.error(cycle[0].via, describeCycle(cycle));
  }
}
