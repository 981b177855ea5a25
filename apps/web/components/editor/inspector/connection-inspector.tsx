'use client';
// A selected wire: what it joins, what it carries, and a way to cut it.
import { connectionFromId, disconnect } from '@colo/canvas';
import { type Catalog, parseEndpoint } from '@colo/manifest';
import { Button } from '@/components/ui/button';
import type { EditorStore } from '../use-editor-store';
import { NO_SELECTION } from '../use-editor-store';
import { Section } from './fields';

export function ConnectionInspector({ id, store, catalog }: { id: string; store: EditorStore; catalog: Catalog }) {
  const wire = connectionFromId(id);
  if (!wire) return null;
  const from = parseEndpoint(wire.from);
  const to = parseEndpoint(wire.to);
  const classOf = (name?: string) => {
    const a = store.doc.manifest.appliances.find((x) => x.name === name);
    return a ? catalog.get(a.class) : undefined;
  };
  const output = classOf(from?.appliance)?.terminals.outputs.find((t) => t.name === from?.terminal);
  const input = classOf(to?.appliance)?.terminals.inputs.find((t) => t.name === to?.terminal);
  const env = from ? from.terminal.toUpperCase().replace(/-/g, '_') : '';

  return (
    <div>
      <Section title="Connection">
        <div className="space-y-2 text-sm">
          <div className="flex items-center gap-2 font-mono text-[13px]">
            <span className="rounded bg-slate-100 px-1.5 py-0.5">{wire.from}</span>
            <span className="text-slate-500">→</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5">{wire.to}</span>
          </div>
          <p className="text-xs text-slate-600">
            {output?.protocol === 'fs' || input?.protocol === 'fs'
              ? `${from?.appliance} mounts ${to?.appliance}'s shared volume at ${output?.mountPath ?? 'its mount path'}.`
              : `${from?.appliance} reaches ${to?.appliance} as host "${from?.terminal}" (${env}_HOST, ${env}_PORT${input?.port ? ` = ${input.port}` : ''}).`}
          </p>
          <p className="text-xs text-slate-500">
            Carries <span className="font-mono">{output?.protocol ?? '?'}</span>
            {input && input.protocol !== output?.protocol ? <> into <span className="font-mono">{input.protocol}</span></> : null}
          </p>
        </div>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => store.run((doc) => disconnect(doc, [wire]), { select: NO_SELECTION })}
        >
          Disconnect
        </Button>
      </Section>
    </div>
  );
}
