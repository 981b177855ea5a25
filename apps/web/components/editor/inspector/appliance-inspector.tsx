'use client';
// Everything about one appliance: name, size, the class's properties, published ports, start.
import { setProperty } from '@colo/canvas';
import type { Appliance, ApplianceClass } from '@colo/manifest';
import type { ReactNode } from 'react';
import { ClassIcon } from '../canvas/class-icon';
import { ExposeSection } from './expose-section';
import { Section } from './fields';
import { type ApplianceEditing, problemAt } from './inspector-context';
import { NameField } from './name-field';
import { PlacementSection } from './placement-section';
import { PropertyField } from './property-field';
import { type ReplicaNode, ReplicaNodesSection } from './replica-nodes-section';
import { SizingSection } from './sizing-section';
import { StartOrderSection } from './start-order-section';

function Header({ appliance, cls }: { appliance: Appliance; cls: ApplianceClass }) {
  return (
    <div className="flex items-start gap-3 px-4 pt-4">
      <ClassIcon icon={cls.icon} category={cls.category} />
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-slate-900">{cls.title}</p>
        <p className="font-mono text-xs text-slate-500">
          {appliance.class}
          {appliance.class.includes('@') ? '' : ` · v${cls.version}`}
        </p>
      </div>
    </div>
  );
}

/**
 * `box`: the assembly part when this is a box (a box has no sizing of its own). `move`: on a
 * swarm, where its data is and Move (only for an appliance pinned by its data).
 */
export function ApplianceInspector({ editing, box, replicaNodes, move }: { editing: ApplianceEditing; box?: ReactNode; replicaNodes?: ReplicaNode[]; move?: ReactNode }) {
  const { appliance, cls, apply, done } = editing;
  const general = editing.issues.filter((i) => i.path === '');
  return (
    <div>
      <Header appliance={appliance} cls={cls} />
      {cls.description && (
        <p className="line-clamp-3 px-4 pt-2 text-xs leading-relaxed text-slate-600" title={cls.description}>
          {cls.description}
        </p>
      )}
      {general.length > 0 && (
        <ul className="mx-4 mt-3 space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
          {general.map((i) => (
            <li key={i.message}>{i.message}</li>
          ))}
        </ul>
      )}
      <Section title="Appliance">
        <NameField editing={editing} />
      </Section>
      {box}
      {!box && <SizingSection editing={editing} />}
      <ReplicaNodesSection replicas={replicaNodes} />
      {move}
      {cls.properties.length > 0 && (
        <Section title="Properties">
          {cls.properties.map((prop) => (
            <PropertyField
              key={prop.name}
              prop={prop}
              value={appliance.properties?.[prop.name]}
              problem={problemAt(editing, `.properties.${prop.name}`)}
              onChange={(value) => apply(`property:${prop.name}`, (doc) => setProperty(doc, appliance.name, prop.name, value))}
              onDone={done}
            />
          ))}
        </Section>
      )}
      <ExposeSection editing={editing} />
      <StartOrderSection editing={editing} />
      {!box && <PlacementSection editing={editing} />}
    </div>
  );
}
