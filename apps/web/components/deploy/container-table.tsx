'use client';
// An appliance's containers: state, health, restarts, published ports as links, and (when the
// page offers it) a Terminal button per running replica; on a swarm, the node each replica runs on.
import type { ContainerStatusBody } from './types';

export interface ContainerRow extends ContainerStatusBody {
  restarts?: number;
  exitCode?: number;
  lastHealthOutput?: string | null;
}

const STATE_COLOUR: Record<string, string> = {
  running: 'text-emerald-700',
  exited: 'text-slate-500',
  created: 'text-slate-500',
  restarting: 'text-rose-700',
  dead: 'text-rose-700',
  paused: 'text-amber-700',
};
const HEALTH_COLOUR: Record<string, string> = { healthy: 'text-emerald-700', unhealthy: 'text-rose-700', starting: 'text-amber-700' };

/** Ports bound to every address open on this machine's loopback. */
export function portUrl(host: string, port: number): string {
  const shown = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** `terminalBlocked`: why this user may not open a shell (a viewer); the buttons say it, disabled. */
export function ContainerTable({ containers, onTerminal, terminalBlocked }: { containers: ContainerRow[]; onTerminal?: (replica: number) => void; terminalBlocked?: string }) {
  if (containers.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
        No containers: this appliance is not deployed. Deploy the VDC from the editor to create them.
      </p>
    );
  }
  // Only a swarm's status names nodes: the column is there when they do.
  const onNodes = containers.some((c) => c.node);
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="container-table">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Container</th>
            <th className="px-3 py-2 font-medium">Replica</th>
            {onNodes && <th className="px-3 py-2 font-medium">Node</th>}
            <th className="px-3 py-2 font-medium">State</th>
            <th className="px-3 py-2 font-medium">Health</th>
            <th className="px-3 py-2 font-medium">Restarts</th>
            <th className="px-3 py-2 font-medium">Published</th>
            {onTerminal && <th className="px-3 py-2 font-medium">Shell</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {containers.map((c) => (
            <tr key={c.id} data-testid={`container-${c.replica}`}>
              <td className="px-3 py-2 font-mono text-xs" title={c.id}>
                {c.name}
              </td>
              <td className="px-3 py-2 tabular-nums">{c.replica}</td>
              {onNodes && (
                <td className="px-3 py-2 font-mono text-xs" data-testid={`container-node-${c.replica}`}>
                  {c.node ?? '–'}
                </td>
              )}
              <td className={`px-3 py-2 ${STATE_COLOUR[c.state ?? ''] ?? ''}`}>
                {c.state}
                {c.state === 'exited' && c.exitCode !== undefined && <span className="text-xs text-slate-500"> (exit {c.exitCode})</span>}
              </td>
              <td className={`px-3 py-2 ${HEALTH_COLOUR[c.health ?? ''] ?? 'text-slate-500'}`} title={c.lastHealthOutput ?? undefined}>
                {c.health === 'none' ? 'no check' : c.health}
              </td>
              <td className={`px-3 py-2 tabular-nums ${(c.restarts ?? 0) > 0 ? 'text-amber-700' : ''}`}>{c.restarts ?? '–'}</td>
              <td className="px-3 py-2">
                {c.ports.length === 0 ? (
                  <span className="text-slate-500">–</span>
                ) : (
                  c.ports.map((p) => (
                    <a
                      key={`${p.host}:${p.port}`}
                      href={portUrl(p.host ?? '', p.port)}
                      target="_blank"
                      rel="noreferrer"
                      className="mr-2 font-mono text-xs text-indigo-600 hover:underline"
                      title={p.terminal ? `terminal ${p.terminal}` : undefined}
                    >
                      {portUrl(p.host ?? '', p.port).replace('http://', '')}
                    </a>
                  ))
                )}
              </td>
              {onTerminal && (
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
                    disabled={Boolean(terminalBlocked) || c.state !== 'running' || c.replica === undefined}
                    title={
                      terminalBlocked
                        ? `viewers cannot open a terminal: ${terminalBlocked}`
                        : c.state === 'running'
                          ? `open a shell in replica ${c.replica}`
                          : `replica ${c.replica} is ${c.state}: start it first`
                    }
                    onClick={() => c.replica !== undefined && onTerminal(c.replica)}
                    data-testid={`terminal-open-${c.replica}`}
                  >
                    Terminal
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
