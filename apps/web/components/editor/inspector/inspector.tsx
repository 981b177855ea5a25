'use client';
// The right column: what is selected, editable. One appliance gets the full form, one wire its
// details, several things a summary; nothing selected shows the VDC.
import type { EditorDoc, Edit } from '@colo/canvas';
import type { Catalog, Issue } from '@colo/manifest';
import { useCallback, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import type { EditorStore } from '../use-editor-store';
import { ApplianceInspector } from './appliance-inspector';
import { ConnectionInspector } from './connection-inspector';
import { Section } from './fields';
import type { ApplianceEditing } from './inspector-context';
import { VdcInspector } from './vdc-inspector';

export interface InspectorProps {
  store: EditorStore;
  catalog: Catalog;
  issues: Issue[];
  onDeleteSelection: () => void;
  onCopySelection: () => void;
}

function issuesOf(all: Issue[], index: number): Issue[] {
  const prefix = `appliances[${index}]`;
  // `appliances[1]` must not catch `appliances[12]`.
  return all
    .filter((i) => i.path.startsWith(prefix) && (i.path === prefix || /^[.[]/.test(i.path.slice(prefix.length))))
    .map((i) => ({ ...i, path: i.path.slice(prefix.length) }));
}

function SelectionSummary({ store, onDeleteSelection, onCopySelection }: Omit<InspectorProps, 'catalog' | 'issues'>) {
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
    body = <ApplianceInspector editing={editing} />;
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
    body = <SelectionSummary store={store} onDeleteSelection={props.onDeleteSelection} onCopySelection={props.onCopySelection} />;
  } else {
    body = <VdcInspector store={store} />;
  }

  return (
    <aside data-testid="inspector" aria-label="Inspector" className="flex min-h-0 w-[300px] shrink-0 flex-col border-l border-slate-200 bg-white">
      {/* Keyed by what is shown: a new selection starts at the top with fresh field drafts. */}
      <div key={single ?? `${nodes.length}:${edges.join(',')}`} className="min-h-0 flex-1 overflow-y-auto pb-8">
        {body}
      </div>
    </aside>
  );
}
