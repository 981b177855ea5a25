'use client';
// Nothing selected: the VDC itself — its description, what it holds, and how to get going.
import { setDescription } from '@colo/canvas';
import type { EditorStore } from '../use-editor-store';
import { FieldFrame, Section } from './fields';

export function VdcInspector({ store }: { store: EditorStore }) {
  const { manifest } = store.doc;
  const replicas = manifest.appliances.reduce((sum, a) => sum + (a.replicas ?? 1), 0);
  return (
    <div>
      <Section title="Virtual datacenter">
        <div>
          <p className="font-mono text-sm font-semibold text-slate-900">{manifest.name}</p>
          <p className="text-xs text-slate-500">Rename it with the pencil by its name in the toolbar.</p>
        </div>
        <dl className="grid grid-cols-3 gap-2 text-center">
          {[
            ['appliances', manifest.appliances.length],
            ['containers', replicas],
            ['wires', manifest.connections.length],
          ].map(([label, n]) => (
            <div key={label} className="rounded-md bg-slate-50 px-2 py-2 ring-1 ring-slate-200/70">
              <dt className="text-[10px] tracking-wide text-slate-500 uppercase">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-800">{n}</dd>
            </div>
          ))}
        </dl>
        <FieldFrame label="Description">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={manifest.description ?? ''}
              placeholder="What this VDC runs, for whoever opens it next"
              onChange={(e) => store.run((doc) => setDescription(doc, e.target.value), { coalesce: 'description' })}
              onBlur={store.seal}
              className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500"
            />
          )}
        </FieldFrame>
      </Section>
      <Section title="Tips">
        <ul className="space-y-1.5 text-xs text-slate-600">
          <li>Select a box to size it and set its properties.</li>
          <li>Drag from an output (right) to an input (left) to wire; compatible inputs light up.</li>
          <li>
            Press <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[10px]">?</kbd> for keyboard shortcuts.
          </li>
        </ul>
      </Section>
    </div>
  );
}
