'use client';
// The one node type: an appliance drawn from its class — icon, name, class, replicas, live
// state; inputs down the left edge, outputs down the right, each labelled with its protocol.
// A box of an assembly looks like a small stack of cards with an "assembly" badge.
// Memoised: a drag or a live update re-renders only the boxes whose data changed.
import { NODE_HEADER, nodeGeometry, parseHandleId } from '@colo/canvas';
import type { ConnectionState, NodeProps } from '@xyflow/react';
import { useConnection } from '@xyflow/react';
import { memo } from 'react';
import { NodeStateBadge } from '@/components/deploy';
import { UsageGauge } from '@/components/metrics/usage-gauge';
import { ClassIcon } from './class-icon';
import type { ApplianceFlowNode } from './node-types';
import { useNodeProblems } from './node-problems';
import { type HandleMood, TerminalHandle } from './terminal-handle';
import { useWireCheck } from './wire-check';

/** The handle a wire is being dragged from, as one comparable string (or null). */
function draggedFrom(c: ConnectionState): string | null {
  return c.inProgress && c.fromHandle ? `${c.fromNode.id}|${c.fromHandle.id ?? ''}` : null;
}

/** Two cards peeking out behind the box. */
const STACKED = '4px 4px 0 -1px #fff, 4px 4px 0 0 #a5b4fc, 8px 8px 0 -1px #fff, 8px 8px 0 0 #c7d2fe';
/** The selection ring Tailwind's ring-2 would draw, which an inline box-shadow overrides. */
const SELECTED_RING = '0 0 0 2px rgb(99 102 241 / 0.25)';

function ApplianceNodeView({ id, data, selected }: NodeProps<ApplianceFlowNode>) {
  const { appliance, cls, live, wired, box } = data;
  const geometry = nodeGeometry(cls);
  const pending = useConnection(draggedFrom);
  const check = useWireCheck();
  const wiredSet = new Set(wired.split(','));
  const replicas = appliance.replicas ?? cls?.replicas.default ?? 1;
  const exposed = new Map((appliance.expose ?? []).map((e) => [e.terminal, e.port]));
  // Errors where the eye is: a red outline and a badge with the count, the lines on hover.
  const problems = useNodeProblems(appliance.name);

  const moodOf = (kind: 'in' | 'out', terminal: string): { mood: HandleMood; reason?: string } => {
    if (!pending) return { mood: 'idle' };
    const sep = pending.indexOf('|');
    const fromNode = pending.slice(0, sep);
    const from = parseHandleId(pending.slice(sep + 1));
    if (!from) return { mood: 'idle' };
    if (fromNode === id && from.kind === kind && from.terminal === terminal) return { mood: 'origin' };
    if (from.kind === kind) return { mood: 'inert' };
    const verdict =
      kind === 'in'
        ? check({ appliance: fromNode, terminal: from.terminal }, { appliance: id, terminal })
        : check({ appliance: id, terminal }, { appliance: fromNode, terminal: from.terminal });
    return verdict.ok ? { mood: 'valid' } : { mood: 'invalid', reason: verdict.reason };
  };

  return (
    <div
      data-testid={`node-${id}`}
      data-box={box === undefined ? undefined : 'assembly'}
      data-problems={problems?.length}
      style={{ width: geometry.width, height: geometry.height, ...(box === undefined ? {} : { boxShadow: selected ? `${SELECTED_RING}, ${STACKED}` : STACKED }) }}
      className={`relative rounded-xl border bg-white transition-shadow ${box === undefined ? 'shadow-sm' : ''} ${
        selected
          ? 'border-indigo-500 shadow-md ring-2 ring-indigo-500/25'
          : box === undefined
            ? 'border-slate-300 hover:shadow-md'
            : 'border-indigo-300'
      } ${appliance.standby ? 'border-dashed' : ''} ${problems ? 'outline-2 outline-offset-1 outline-rose-500' : ''}`}
    >
      {problems && (
        <span
          data-testid={`node-problems-${appliance.name}`}
          title={problems.join('\n')}
          className="absolute -top-2.5 -right-2.5 z-10 grid h-5 min-w-5 place-items-center rounded-full bg-rose-600 px-1 text-[11px] font-bold text-white shadow ring-2 ring-white"
        >
          <span aria-hidden>!{problems.length > 1 ? problems.length : ''}</span>
          <span className="sr-only">
            {problems.length === 1 ? '1 problem' : `${problems.length} problems`}: {problems.join('; ')}
          </span>
        </span>
      )}
      {/* A reason takes a third line: less top padding keeps it inside the header, off the terminals. */}
      <div className={`flex items-start gap-2 border-b border-slate-100 px-3 ${live?.reason ? 'pt-1' : 'pt-2.5'}`} style={{ height: NODE_HEADER }}>
        <ClassIcon icon={cls?.icon} category={cls?.category} size="sm" />
        <div className="min-w-0 flex-1 leading-tight">
          <div className="flex items-center gap-1.5">
            <span className="truncate text-[13px] font-semibold text-slate-900">{appliance.name}</span>
            {box === undefined ? (
              <span
                className="rounded-full bg-slate-100 px-1.5 text-[10px] font-semibold tabular-nums text-slate-600"
                title={`${replicas} replica${replicas === 1 ? '' : 's'}`}
              >
                ×{replicas}
              </span>
            ) : (
              <span
                className="rounded-full bg-indigo-50 px-1.5 text-[10px] font-semibold text-indigo-700"
                title="An assembly: double-click to see inside"
                data-testid={`node-box-${appliance.name}`}
              >
                assembly v{box}
              </span>
            )}
            {appliance.standby && <span className="text-[10px] font-medium text-slate-500">standby</span>}
          </div>
          <div className="mt-0.5 flex items-center gap-1.5">
            <span className={`truncate text-[11px] ${cls ? 'text-slate-500' : 'font-medium text-rose-600'}`}>
              {cls ? cls.title : `unknown class "${appliance.class}"`}
            </span>
            {/* On the class line, so the live state never squeezes the appliance's name. */}
            {live && (
              <span className="ml-auto shrink-0">
                <NodeStateBadge appliance={appliance.name} state={live.state} running={live.running} desired={live.desired} reason={live.reason} />
              </span>
            )}
          </div>
          {/* Why a box is down or flapping, where the user looks: on the box itself. */}
          {live?.reason && (
            <div className="truncate text-[10px] leading-3.5 font-medium text-rose-700" title={live.reason} data-testid={`node-reason-${appliance.name}`}>
              {live.reason}
            </div>
          )}
        </div>
      </div>
      {live?.usage && (
        <UsageGauge name={appliance.name} usage={live.usage} coresPerReplica={appliance.resources?.cpu ?? cls?.resources.cpu.default ?? 1} running={live.running} />
      )}
      {cls?.terminals.inputs.map((t, i) => (
        <TerminalHandle
          key={`in:${t.name}`}
          appliance={appliance.name}
          kind="in"
          terminal={t}
          y={geometry.inputs[i].y}
          wired={wiredSet.has(`in:${t.name}`)}
          exposedPort={exposed.get(t.name)}
          {...moodOf('in', t.name)}
        />
      ))}
      {cls?.terminals.outputs.map((t, i) => (
        <TerminalHandle
          key={`out:${t.name}`}
          appliance={appliance.name}
          kind="out"
          terminal={t}
          y={geometry.outputs[i].y}
          wired={wiredSet.has(`out:${t.name}`)}
          {...moodOf('out', t.name)}
        />
      ))}
    </div>
  );
}

export const ApplianceNode = memo(ApplianceNodeView);
