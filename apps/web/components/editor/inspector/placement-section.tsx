'use client';
// Where the appliance runs when Colo's engine is a swarm: a failover group (AppLogic: group
// members never share a node while there are enough) and a node. One host ignores both, so the
// hints say so; the validator's words show under each field like any other.
import { placementForm, setPlacement } from '@colo/canvas';
import { Section, TextField } from './fields';
import { type ApplianceEditing, problemAt } from './inspector-context';

export function PlacementSection({ editing }: { editing: ApplianceEditing }) {
  const { appliance, apply, done } = editing;
  const form = placementForm(appliance);
  return (
    <Section title="Placement">
      <TextField
        label="Failover group"
        value={form.group}
        placeholder="e.g. db-pair"
        mono
        testId="inspector-placement-group"
        hint="On a swarm, appliances of one group run on different nodes while there are enough (its own replicas always do). Ignored on one host."
        problem={problemAt(editing, '.placement.group')}
        onChange={(group) => apply('placement', (d) => setPlacement(d, appliance.name, { ...form, group }))}
        onDone={done}
      />
      <TextField
        label="Node"
        value={form.node}
        placeholder="hostname or label:key=value"
        mono
        testId="inspector-placement-node"
        hint="On a swarm, run only there. Ignored on one host."
        problem={problemAt(editing, '.placement.node') ?? problemAt(editing, '.placement')}
        onChange={(node) => apply('placement', (d) => setPlacement(d, appliance.name, { ...form, node }))}
        onDone={done}
      />
    </Section>
  );
}
