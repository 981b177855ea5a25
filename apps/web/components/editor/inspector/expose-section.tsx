'use client';
// Publishing inputs on host ports. Only network inputs can be published (a volume is not a
// port); a newly published input gets the next port no other appliance of this VDC uses.
import { setExpose, setExposeNode } from '@colo/canvas';
import type { Expose } from '@colo/manifest';
import { CheckField, NumberField, Section, TextField } from './fields';
import { type ApplianceEditing, problemAt } from './inspector-context';

function nextFreePort(editing: ApplianceEditing): number {
  const taken = new Set(editing.doc.manifest.appliances.flatMap((a) => (a.expose ?? []).map((e) => e.port)));
  let port = 8080;
  while (taken.has(port)) port++;
  return port;
}

export function ExposeSection({ editing }: { editing: ApplianceEditing }) {
  const { appliance, cls, apply, done } = editing;
  const inputs = cls.terminals.inputs.filter((t) => t.protocol !== 'fs');
  if (inputs.length === 0) return null;
  const expose = appliance.expose ?? [];
  const write = (next: Expose[]) => apply('expose', (doc) => setExpose(doc, appliance.name, next));

  return (
    <Section title="Published ports">
      <p className="-mt-1 text-[11px] text-slate-500">Reachable on the host (127.0.0.1 unless configured otherwise).</p>
      {inputs.map((input) => {
        const index = expose.findIndex((e) => e.terminal === input.name);
        const entry = index === -1 ? undefined : expose[index];
        return (
          <div key={input.name} className="space-y-2">
            <CheckField
              label={
                <span>
                  <span className="font-mono">{input.name}</span> <span className="text-slate-500">({input.protocol}, port {input.port ?? '—'})</span>
                </span>
              }
              checked={entry !== undefined}
              testId={`inspector-expose-${input.name}`}
              onChange={(checked) => {
                write(checked ? [...expose, { terminal: input.name, port: nextFreePort(editing) }] : expose.filter((e) => e.terminal !== input.name));
                done();
              }}
            />
            {entry && (
              <div className="pl-6">
                <NumberField
                  label="Host port"
                  integer
                  value={entry.port}
                  min={1024}
                  max={65535}
                  testId={`inspector-port-${input.name}`}
                  problem={problemAt({ issues: editing.issues.filter((i) => i.path !== `.expose[${index}].node`) }, `.expose[${index}]`)}
                  onChange={(port) => {
                    if (port !== undefined) write(expose.map((e, i) => (i === index ? { ...e, port } : e)));
                  }}
                  onDone={done}
                />
                <TextField
                  label="Publish on node"
                  value={entry.node}
                  placeholder="the manager"
                  mono
                  testId={`inspector-expose-node-${input.name}`}
                  hint="On a swarm: a node hostname or label:key=value. Ignored on one host."
                  problem={problemAt(editing, `.expose[${index}].node`)}
                  onChange={(node) => apply('expose', (doc) => setExposeNode(doc, appliance.name, input.name, node))}
                  onDone={done}
                />
              </div>
            )}
          </div>
        );
      })}
    </Section>
  );
}
