'use client';
// Standby and boot order. Wires already order the boot (a client starts after its server);
// `startAfter` adds orderings that no wire expresses.
import { setStandby, setStartAfter } from '@colo/canvas';
import { CheckField, FieldFrame, inputClass, Section } from './fields';
import { type ApplianceEditing, problemAt } from './inspector-context';

export function StartOrderSection({ editing }: { editing: ApplianceEditing }) {
  const { appliance, doc, apply, done } = editing;
  const after = appliance.startAfter ?? [];
  const others = doc.manifest.appliances.map((a) => a.name).filter((n) => n !== appliance.name && !after.includes(n));
  const write = (next: string[]) => {
    const result = apply('startAfter', (d) => setStartAfter(d, appliance.name, next));
    done();
    return result;
  };

  return (
    <Section title="Start">
      <CheckField
        label="Standby"
        hint="Created but not started: ready for a fast scale-up."
        checked={appliance.standby === true}
        onChange={(on) => {
          apply('standby', (d) => setStandby(d, appliance.name, on));
          done();
        }}
      />
      <FieldFrame label="Start after" hint="Besides its wires (it always starts after the servers it uses)." problem={problemAt(editing, '.startAfter')}>
        {(id) => (
          <div className="space-y-2">
            {after.length > 0 && (
              <ul className="flex flex-wrap gap-1.5">
                {after.map((name) => (
                  <li key={name} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2 font-mono text-xs text-slate-700">
                    {name}
                    <button
                      type="button"
                      aria-label={`Do not wait for ${name}`}
                      onClick={() => write(after.filter((n) => n !== name))}
                      className="grid size-4 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-800"
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <select
              id={id}
              value=""
              disabled={others.length === 0}
              onChange={(e) => e.target.value && write([...after, e.target.value])}
              className={inputClass(false)}
            >
              <option value="">{others.length === 0 ? 'no other appliances' : 'Add an appliance…'}</option>
              {others.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
      </FieldFrame>
    </Section>
  );
}
