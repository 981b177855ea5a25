// First visit: say what a VDC is and offer the two ways in, from nothing or from a ready assembly.
import { Button } from '../ui/button';
import type { AssemblyOption } from './types';

function Diagram() {
  return (
    <svg viewBox="0 0 220 84" className="h-20 w-56" aria-hidden>
      <g fill="none" stroke="#a5b4fc" strokeWidth="1.5">
        <path d="M46 42 H82" />
        <path d="M120 42 C 140 42, 140 18, 160 18" />
        <path d="M120 42 C 140 42, 140 66, 160 66" />
      </g>
      {[
        { x: 8, y: 30, label: 'LB' },
        { x: 82, y: 30, label: 'WEB' },
        { x: 160, y: 6, label: 'NAS' },
        { x: 160, y: 54, label: 'DB' },
      ].map((n) => (
        <g key={n.label}>
          <rect x={n.x} y={n.y} width="38" height="24" rx="5" fill="#fff" stroke="#6366f1" strokeWidth="1.5" />
          <text x={n.x + 19} y={n.y + 15.5} textAnchor="middle" fontSize="8.5" fontWeight="600" fill="#4338ca" fontFamily="ui-sans-serif, system-ui">
            {n.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function EmptyState({ assembly, onCreate }: { assembly?: AssemblyOption; onCreate: (from?: AssemblyOption) => void }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-8 py-12 text-center" data-testid="vdc-empty">
      <div className="flex justify-center">
        <Diagram />
      </div>
      <h2 className="mt-6 text-lg font-semibold text-slate-900">Build your first virtual datacenter</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm leading-6 text-slate-600">
        A VDC is a whole application drawn as a graph: load balancers, web servers, shared storage and databases, wired
        together. Colo runs it as Docker containers, networks and volumes, and treats it as one unit you deploy, stop,
        and destroy.
      </p>
      <div className="mx-auto mt-8 grid max-w-2xl gap-4 text-left sm:grid-cols-2">
        <div className="flex flex-col rounded-lg border border-slate-200 p-5">
          <h3 className="text-sm font-semibold text-slate-900">Start from an empty canvas</h3>
          <p className="mt-1 flex-1 text-sm text-slate-600">Name it, then drag appliances from the palette and wire them.</p>
          <Button variant="primary" className="mt-4 self-start" onClick={() => onCreate()} data-testid="create-first-vdc">
            Create your first VDC
          </Button>
        </div>
        {assembly && (
          <div className="flex flex-col rounded-lg border border-indigo-200 bg-indigo-50/40 p-5">
            <h3 className="text-sm font-semibold text-slate-900">Start from the {assembly.title}</h3>
            <p className="mt-1 flex-1 text-sm text-slate-600">{assembly.description ?? 'A ready-made architecture you can deploy as is, then change.'}</p>
            <Button className="mt-4 self-start" onClick={() => onCreate(assembly)} data-testid="create-from-assembly">
              Use the {assembly.title}
            </Button>
          </div>
        )}
      </div>
      <p className="mt-8 text-xs text-slate-500">
        Prefer the terminal? Create an API token, then <code className="rounded bg-slate-100 px-1 py-0.5 text-slate-700">colo apply -f vdc.yaml</code>.
      </p>
    </div>
  );
}
