'use client';
// The right column: what is selected, editable. One appliance gets the full form, one wire its
// details, several things a summary; nothing selected shows the VDC.
import { type EditorDoc, type Edit, updateAppliance } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import { useCallback, useMemo } from 'react';
import type { NodeLive } from '@/components/deploy';
import { Button } from '@/components/ui/button';
import type { BoxMember } from '../canvas/box-live';
import type { DataNode } from '../data-nodes';
import type { ReplicaNode } from './replica-nodes-section';
import type { UserAssembly } from '../editor-api';
import type { EditorStore } from '../use-editor-store';
import { AssemblyBoxSection } from './assembly-box-section';
import { ApplianceInspector } from './appliance-inspector';
import { ConnectionInspector } from './connection-inspector';
import { MoveSection } from './move-section';
import { Section } from './fields';
import type { ApplianceEditing } from './inspector-context';
import { VdcInspector } from './vdc-inspector';

export interface InspectorProps {
  store: EditorStore;
  catalog: Catalog;
  issues: Issue[];
  onDeleteSelection: () => void;
  onCopySelection: () => void;
  onSaveAsAssembly: () => void;
  /** Why nothing can be changed here (a viewer's editor); the fields are shown disabled. */
  readOnly?: string;
  /** Boxes of assemblies: who owns them, their live state, opening one. */
  boxes: {
    userAssemblies: UserAssembly[];
    live: Record<string, NodeLive>;
    members: Map<string, BoxMember[]>;
    onOpen: (name: string) => void;
  };
  /** On a swarm: per appliance, the node each replica runs on (the live status says). */
  replicaNodes?: Record<string, ReplicaNode[]>;
  /** On a swarm: per appliance pinned by its data, that node; Move sends the appliance elsewhere. */
  dataNodes?: { vdcName: string; nodes: Record<string, DataNode>; busy: boolean };
}

function issuesOf(all: Issue[], index: number): Issue[] {
  const prefix = `appliances[${index}]`;
  // `appliances[1]` must not catch `appliances[12]`.
  return all
    .filter((i) => i.path.startsWith(prefix) && (i.path === prefix || /^[.[]/.test(i.path.slice(prefix.length))))
    .map((i) => ({ ...i, path: i.path.slice(prefix.length) }));
}

function SelectionSummary({ store, onDeleteSelection, onCopySelection, onSaveAsAssembly }: Omit<InspectorProps, 'catalog' | 'issues' | 'boxes'>) {
  const { nodes, edges } = store.state.selection;
  const parts = [nodes.length && `${nodes.length} appliance${nodes.length === 1 ? '' : 's'}`, edges.length && `${edges.length} wire${edges.length === 1 ? '' : 's'}`];
  return (
    <Section title="Selection">
      <p className="text-sm text-slate-700">{parts.filter(Boolean).join(' and ')} selected.</p>
      {nodes.length > 0 && <p className="font-mono text-xs break-words text-slate-500">{nodes.join(', ')}</p>}
      <div className="flex gap-2">
        {nodes.length > 0 && (
          <Button size="sm" onClick={onCopySelection}>
            Copy
          </Button>
        )}
        {nodes.length > 0 && (
          <Button size="sm" onClick={onSaveAsAssembly} data-testid="inspector-save-assembly">
            Save as assembly
          </Button>
        )}
        <Button size="sm" variant="danger" onClick={onDeleteSelection}>
          Delete
        </Button>
      </div>
    </Section>
  );
}

export function Inspector(props: InspectorProps) {
  const { store, catalog, issues } = props;
  const { nodes, edges } = store.state.selection;
  const { run, seal } = store;
  const single = nodes.length === 1 && edges.length === 0 ? nodes[0] : undefined;
  const index = single === undefined ? -1 : store.doc.manifest.appliances.findIndex((a) => a.name === single);
  const appliance = index === -1 ? undefined : store.doc.manifest.appliances[index];
  const cls = appliance && catalog.get(appliance.class);

  const apply = useCallback(
    (field: string, command: (doc: EditorDoc) => Edit) => run(command, { coalesce: `${single}:${field}` }),
    [run, single],
  );
  const mine = useMemo(() => (index === -1 ? [] : issuesOf(issues, index)), [issues, index]);

  let body: React.ReactNode;
  if (appliance && cls) {
    const editing: ApplianceEditing = { doc: store.doc, appliance, cls, issues: mine, apply, done: seal, store };
    const definition = catalog.assembly?.(appliance.class);
    const { boxes } = props;
    const box = definition && (
      <AssemblyBoxSection
        appliance={appliance}
        definition={definition}
        view={boxes.userAssemblies.find((a) => a.id === definition.id)}
        live={boxes.live[appliance.name]}
        members={boxes.members.get(appliance.name) ?? []}
        onUpgrade={(version) => run((doc) => updateAppliance(doc, appliance.name, { class: `${definition.id}@${version}` }))}
        onOpen={() => boxes.onOpen(appliance.name)}
      />
    );
    const data = props.dataNodes?.nodes[appliance.name];
    const move = data && props.dataNodes && (
      <MoveSection vdcName={props.dataNodes.vdcName} appliance={appliance.name} data={data} busy={props.dataNodes.busy} readOnly={props.readOnly} />
    );
    body = <ApplianceInspector editing={editing} box={box} replicaNodes={props.replicaNodes?.[appliance.name]} move={move} />;
  } else if (appliance) {
    body = (
      <Section title="Unknown class">
        <p className="text-sm text-slate-700">
          The catalog has no class <span className="font-mono">{appliance.class}</span>. Fix it in the YAML tab, or delete this box.
        </p>
      </Section>
    );
  } else if (nodes.length === 0 && edges.length === 1) {
    body = <ConnectionInspector id={edges[0]} store={store} catalog={catalog} />;
  } else if (nodes.length + edges.length > 0) {
    body = (
      <SelectionSummary
        store={store}
        onDeleteSelection={props.onDeleteSelection}
        onCopySelection={props.onCopySelection}
        onSaveAsAssembly={props.onSaveAsAssembly}
      />
    );
  } else {
    body = <VdcInspector store={store} />;
  }

  return (
    <aside data-testid="inspector" aria-label="Inspector" className="flex min-h-0 w-[300px] shrink-0 flex-col border-l border-slate-200 bg-white">
      {/* Keyed by what is shown: a new selection starts at the top with fresh field drafts. */}
      <div key={single ?? `${nodes.length}:${edges.join(',')}`} className="min-h-0 flex-1 overflow-y-auto pb-8">
        {props.readOnly && (
          <p className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-700" data-testid="inspector-read-only">
            Read only: {props.readOnly}
          </p>
        )}
        {/* A disabled fieldset disables every field and button inside it at once. */}
        <fieldset disabled={Boolean(props.readOnly)} className="m-0 min-w-0 border-0 p-0">
          {body}
        </fieldset>
      </div>
    </aside>
  );
}
