'use client';
// One terminal: the React Flow handle on the box's edge plus its label inside the box. While a
// wire is being dragged the handle says whether it would accept it (green) or not (faded, with
// the reason as its tooltip).
import type { InputTerminal, OutputTerminal } from '@colo/manifest';
import { TERMINAL_ROW } from '@colo/canvas';
import { Handle, Position } from '@xyflow/react';

export type HandleMood = 'idle' | 'origin' | 'valid' | 'invalid' | 'inert';

export function TerminalHandle(props: {
  appliance: string;
  kind: 'in' | 'out';
  terminal: InputTerminal | OutputTerminal;
  y: number;
  mood: HandleMood;
  reason?: string;
  wired: boolean;
  exposedPort?: number;
}) {
  const { appliance, kind, terminal, y, mood, reason, wired, exposedPort } = props;
  const mandatory = 'mandatory' in terminal && terminal.mandatory;
  const missing = mandatory && !wired;
  const title = [
    `${terminal.name} (${terminal.protocol}) — ${kind === 'in' ? 'input: provides a service' : 'output: uses a service'}`,
    mandatory ? 'mandatory: must be wired before deploy' : undefined,
    terminal.description,
    mood === 'invalid' ? `can't connect: ${reason}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const side = kind === 'in' ? 'left-0 pl-3.5 justify-start' : 'right-0 pr-3.5 justify-end flex-row-reverse';
  return (
    <>
      <Handle
        type={kind === 'in' ? 'target' : 'source'}
        position={kind === 'in' ? Position.Left : Position.Right}
        id={`${kind}:${terminal.name}`}
        data-testid={`handle-${appliance}-${kind}-${terminal.name}`}
        data-mood={mood}
        title={title}
        style={{ top: y }}
        className={`colo-handle colo-handle-${mood} ${wired ? 'colo-handle-wired' : ''} ${missing ? 'colo-handle-missing' : ''}`}
      />
      <div
        className={`pointer-events-none absolute flex w-1/2 items-center gap-1.5 text-[11px] ${side} ${mood === 'inert' || mood === 'invalid' ? 'opacity-40' : ''}`}
        style={{ top: y - TERMINAL_ROW / 2, height: TERMINAL_ROW }}
      >
        <span className={`truncate font-medium ${missing ? 'text-amber-700' : 'text-slate-700'}`}>
          {terminal.name}
          {mandatory && (
            <>
              {/* The label ignores the pointer (drags go to the box); the star alone answers a hover. */}
              <span aria-hidden="true" className="pointer-events-auto cursor-help text-rose-500" title="mandatory output: wire it before deploy">
                *
              </span>
              <span className="sr-only"> (mandatory)</span>
            </>
          )}
        </span>
        <span className="rounded bg-slate-100 px-1 font-mono text-[10px] leading-4 text-slate-600">{terminal.protocol}</span>
        {exposedPort !== undefined && (
          <span className="rounded bg-indigo-50 px-1 font-mono text-[10px] leading-4 text-indigo-600" title={`published on host port ${exposedPort}`}>
            :{exposedPort}
          </span>
        )}
      </div>
    </>
  );
}
