// Placement on a swarm (placement.ts): the shape is the schema's; what needs the whole VDC is here.
// A group written on one appliance alone keeps nothing apart that Swarm does not already.
import type { RuleContext } from './rule-context';

export function checkPlacement(ctx: RuleContext): void {
  const members = new Map<string, number[]>();
  for (const entry of ctx.model.appliances) {
    if (entry.group !== undefined) members.set(entry.group, [...(members.get(entry.group) ?? []), entry.index]);
  }
  for (const [group, indexes] of members) {
    if (indexes.length > 1) continue;
    const entry = ctx.model.appliances[indexes[0] as number];
    const name = entry?.name ?? `appliances[${indexes[0]}]`;
    ctx.issues.warning(
      ['appliances', indexes[0] as number, 'placement', 'group'],
      `failover group "${group}" has only ${name}: its own replicas are kept apart without a group; give the group to another appliance too`,
    );
  }
}
