// An assembly version's inside, in words: the appliances it holds, the wires between them, the
// terminals its box shows on a canvas and the properties it lets a placement set.
import type { AssemblyDefinition } from '@colo/manifest';
import type { ReactNode } from 'react';

function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  const headingId = `${testId}-heading`;
  return (
    <section aria-labelledby={headingId} data-testid={testId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <h3 id={headingId} className="flex items-center gap-2 border-b border-slate-100 px-4 py-2.5 text-sm font-semibold text-slate-900">
        {title}
        <span className="rounded-full bg-slate-100 px-1.5 text-xs font-medium text-slate-600 tabular-nums">{count}</span>
      </h3>
      {children}
    </section>
  );
}

const none = (what: string) => <p className="px-4 py-3 text-sm text-slate-500">{what}</p>;

function propertyText(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function AssemblyInterior({ definition }: { definition: AssemblyDefinition }) {
  const { appliances, connections, terminals, properties } = definition;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <Section title="Appliances" count={appliances.length} testId="interior-appliances">
          <table className="w-full text-left text-sm">
            <thead className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Class</th>
                <th className="px-4 py-2">Replicas</th>
                <th className="px-4 py-2">Set here</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {appliances.map((a) => {
                const set = [
                  ...Object.entries(a.properties ?? {}).map(([k, v]) => `${k} = ${propertyText(v)}`),
                  ...(a.resources?.cpu !== undefined ? [`cpu ${a.resources.cpu}`] : []),
                  ...(a.resources?.memory !== undefined ? [`memory ${a.resources.memory}`] : []),
                  ...(a.expose ?? []).map((e) => `${e.terminal} published on port ${e.port}`),
                ];
                return (
                  <tr key={a.name} data-testid={`interior-appliance-${a.name}`} className="align-top">
                    <td className="px-4 py-2 font-mono font-medium text-slate-900">{a.name}</td>
                    <td className="px-4 py-2 font-mono text-slate-700">{a.class}</td>
                    <td className="px-4 py-2 text-slate-600 tabular-nums">{a.replicas ?? 'default'}</td>
                    <td className="px-4 py-2 text-xs text-slate-600">{set.length > 0 ? set.join(' · ') : <span className="text-slate-500">class defaults</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Section>
      </div>
      <Section title="Wires" count={connections.length} testId="interior-wires">
        {connections.length === 0
          ? none('No wires inside.')
          : (
              <ul className="divide-y divide-slate-100 text-sm">
                {connections.map((c) => (
                  <li key={`${c.from}-${c.to}`} className="px-4 py-2 font-mono text-slate-700">
                    {c.from} <span aria-hidden className="text-slate-500">→</span>
                    <span className="sr-only"> to </span> {c.to}
                  </li>
                ))}
              </ul>
            )}
      </Section>
      <Section title="Boundary terminals" count={terminals.length} testId="interior-terminals">
        {terminals.length === 0
          ? none('None: the box cannot be wired to anything outside it.')
          : (
              <ul className="divide-y divide-slate-100 text-sm">
                {terminals.map((t) => (
                  <li key={t.name} className="px-4 py-2">
                    <span className="font-mono font-medium text-slate-900">{t.name}</span>
                    <span className="text-slate-500"> stands for </span>
                    <span className="font-mono text-slate-700">{t.endpoint}</span>
                    {t.description && <p className="mt-0.5 text-xs text-slate-500">{t.description}</p>}
                  </li>
                ))}
              </ul>
            )}
      </Section>
      <div className="lg:col-span-2">
        <Section title="Exposed properties" count={properties.length} testId="interior-properties">
          {properties.length === 0
            ? none('None: a placement uses the interior as it is.')
            : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {properties.map((p) => (
                    <li key={p.name} className="px-4 py-2">
                      <span className="font-medium text-slate-900">{p.label ?? p.name}</span>
                      {p.label && <span className="font-mono text-xs text-slate-500"> ({p.name})</span>}
                      <span className="text-slate-500"> sets </span>
                      <span className="font-mono text-slate-700">{p.target}</span>
                      {p.default !== undefined && <span className="text-slate-500"> · default {propertyText(p.default)}</span>}
                      {p.description && <p className="mt-0.5 text-xs text-slate-500">{p.description}</p>}
                    </li>
                  ))}
                </ul>
              )}
        </Section>
      </div>
    </div>
  );
}
