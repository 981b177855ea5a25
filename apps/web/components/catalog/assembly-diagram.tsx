// A read-only picture of an assembly's interior: its appliances as boxes, its wires as curves,
// and its boundary terminals as tags on the appliance they stand for. The lists beside it say
// the same in words, so the picture is one image to screen readers.
import type { AssemblyDefinition } from '@colo/manifest';
import { layoutAssembly, NODE } from './assembly-layout';

/** Room on the left for the names of boundary terminals on the first column. */
const LEFT = 64;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function AssemblyDiagram({ definition }: { definition: AssemblyDefinition }) {
  const { nodes, width, height } = layoutAssembly(definition);
  const at = new Map(nodes.map((n) => [n.name, n]));
  const boundary = new Map<string, string[]>();
  for (const t of definition.terminals) {
    const appliance = t.endpoint.split('.')[0];
    boundary.set(appliance, [...(boundary.get(appliance) ?? []), t.name]);
  }
  const classOf = new Map(definition.appliances.map((a) => [a.name, a.class]));
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-2 shadow-sm" data-testid="assembly-diagram">
      <svg
        viewBox={`0 0 ${width + LEFT} ${height}`}
        width={width + LEFT}
        height={height}
        role="img"
        aria-label={`Diagram of ${count(definition.appliances.length, 'appliance')} and ${count(definition.connections.length, 'wire')}; the lists below describe them.`}
        className="max-w-none"
      >
        <g transform={`translate(${LEFT} 0)`}>
        <g fill="none" stroke="#a5b4fc" strokeWidth="1.5">
          {definition.connections.map((c) => {
            const from = at.get(c.from.split('.')[0]);
            const to = at.get(c.to.split('.')[0]);
            if (!from || !to || from === to) return null;
            const x1 = from.x + NODE.width;
            const y1 = from.y + NODE.height / 2;
            const x2 = to.x;
            const y2 = to.y + NODE.height / 2;
            const bend = Math.max(30, Math.abs(x2 - x1) / 2);
            return <path key={`${c.from}-${c.to}`} d={`M${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`} />;
          })}
        </g>
        {nodes.map((n) => (
          <g key={n.name}>
            <rect x={n.x} y={n.y} width={NODE.width} height={NODE.height} rx="6" fill="#fff" stroke="#6366f1" strokeWidth="1.5" />
            <text x={n.x + 10} y={n.y + 18} fontSize="12" fontWeight="600" fill="#1e1b4b" fontFamily="ui-monospace, monospace">
              {n.name}
            </text>
            <text x={n.x + 10} y={n.y + 34} fontSize="10" fill="#64748b" fontFamily="ui-monospace, monospace">
              {classOf.get(n.name)}
            </text>
            {(boundary.get(n.name) ?? []).map((t, i) => (
              <g key={t}>
                <circle cx={n.x} cy={n.y + 10 + i * 12} r="3.5" fill="#10b981" />
                <text x={n.x - 6} y={n.y + 13 + i * 12} fontSize="10" textAnchor="end" fill="#047857" fontFamily="ui-monospace, monospace">
                  {t}
                </text>
              </g>
            ))}
          </g>
        ))}
        </g>
      </svg>
    </div>
  );
}
