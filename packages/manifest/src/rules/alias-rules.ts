// A host name must mean one server inside every appliance (see network-aliases.ts).
import type { ManifestModel } from '../manifest-model';
import { checkWire } from '../wire-rules';
import { describeAliasConflict, findAliasConflicts, type NetworkWire } from '../network-aliases';
import type { RuleContext } from './rule-context';

/** The network wires of a model: both terminals real and the right way round, not `fs`. */
export function modelNetworkWires(model: ManifestModel): NetworkWire[] {
  const wires: NetworkWire[] = [];
  for (const c of model.connections) {
    if (!c.from || !c.to) continue;
    const { input, output } = checkWire(model, c.from, c.to);
    if (!input || !output || input.protocol === 'fs' || output.protocol === 'fs') continue;
    wires.push({ client: c.from.appliance, output: c.from.terminal, server: c.to.appliance, input: c.to.terminal });
  }
  return wires;
}

export function checkAliases(ctx: RuleContext): void {
  for (const conflict of findAliasConflicts(modelNetworkWires(ctx.model))) {
    const found = ctx.model.lookup(conflict.appliance);
    const path = found.kind === 'found' ? ['appliances', found.entry.index] : '';
    ctx.issues.error(path, describeAliasConflict(conflict));
  }
}
