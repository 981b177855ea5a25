'use client';
// One row per node: who it is, its state and availability, its size, labels, and what runs on it
// grouped per VDC and appliance; drain / activate / remove at the end of the row.
import Link from 'next/link';
import type { ClusterNodeAnswer } from '@colo/api';
import { Badge, type BadgeTone } from '../ui/badge';
import { Button } from '../ui/button';
import { editorHref } from '../vdc-list/types';
import { formatBytes } from '../../lib/format-bytes';
import { formatCpus, runsByVdc } from './node-runs';

const STATE_TONE: Record<string, BadgeTone> = { ready: 'green', down: 'red', unknown: 'gray' };
const AVAILABILITY_TONE: Record<string, BadgeTone> = { active: 'green', drain: 'amber', pause: 'amber' };

export interface NodeTableProps {
  nodes: ClusterNodeAnswer[];
  /** Nodes with a request on its way (their buttons wait). */
  busy: Record<string, boolean>;
  onDrain: (node: ClusterNodeAnswer) => void;
  onActivate: (node: ClusterNodeAnswer) => void;
  onRemove: (node: ClusterNodeAnswer) => void;
}

function Runs({ node }: { node: ClusterNodeAnswer }) {
  const { vdcs, others } = runsByVdc(node.runs);
  if (!vdcs.length && !others.length) return <span className="text-slate-500">nothing</span>;
  return (
    <ul className="space-y-1" data-testid="node-runs">
      {vdcs.map((v) => (
        <li key={v.vdc}>
          {v.known ? (
            <Link href={editorHref(v.vdc)} className="font-medium text-slate-900 hover:text-indigo-600">
              {v.vdc}
            </Link>
          ) : (
            <span className="font-mono text-xs text-slate-500" title="a VDC this Colo does not know">
              {v.vdc}
            </span>
          )}
          <span className="text-slate-600">
            {': '}
            {v.appliances.map((a, i) => (
              <span key={a.appliance}>
                {i > 0 && ', '}
                <span className="font-mono text-xs">{a.appliance}</span>
                {a.tasks.length > 1 && <span className="text-xs text-slate-500"> ×{a.tasks.length}</span>}
                {a.tasks.some((t) => t.state !== 'running') && (
                  <span className="text-xs text-amber-700"> ({a.tasks.filter((t) => t.state !== 'running').map((t) => t.state).join(', ')})</span>
                )}
                {a.pinned && (
                  <span className="ml-1 text-xs text-slate-500" title="its data lives on this node: a drain moves it first, with its data">
                    pinned
                  </span>
                )}
              </span>
            ))}
          </span>
        </li>
      ))}
      {others.length > 0 && <li className="text-xs text-slate-500">{others.length} other service{others.length === 1 ? '' : 's'}</li>}
    </ul>
  );
}

export function NodeTable({ nodes, busy, onDrain, onActivate, onRemove }: NodeTableProps) {
  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
      <table className="w-full text-sm" data-testid="node-table">
        <thead className="border-b border-slate-200 bg-slate-50/70">
          <tr>
            <th className={th}>Node</th>
            <th className={th}>Role</th>
            <th className={th}>State</th>
            <th className={th}>Availability</th>
            <th className={th}>CPU</th>
            <th className={th}>Memory</th>
            <th className={th}>Labels</th>
            <th className={th}>Runs</th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id} className="border-b border-slate-100 align-top last:border-b-0" data-testid={`node-row-${n.hostname}`}>
              <td className="px-4 py-3">
                <p className="font-medium text-slate-900">{n.hostname}</p>
                <p className="font-mono text-xs text-slate-500">{n.address || n.id.slice(0, 12)}</p>
              </td>
              <td className="px-4 py-3 text-slate-700">
                {n.role}
                {n.leader && <span className="ml-1 text-xs text-slate-500">(leader)</span>}
              </td>
              <td className="px-4 py-3">
                <Badge tone={STATE_TONE[n.state] ?? 'gray'} dot>
                  {n.state}
                </Badge>
              </td>
              <td className="px-4 py-3">
                <Badge tone={AVAILABILITY_TONE[n.availability] ?? 'gray'}>{n.availability}</Badge>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatCpus(n.cpus)}</td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatBytes(n.memoryBytes)}</td>
              <td className="px-4 py-3">
                {Object.keys(n.labels).length === 0 ? (
                  <span className="text-slate-500">none</span>
                ) : (
                  <div className="flex flex-wrap gap-1">
                    {Object.entries(n.labels).map(([k, v]) => (
                      <span key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                        {k}={v}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td className="px-4 py-3">
                <Runs node={n} />
              </td>
              <td className="px-4 py-3">
                <div className="flex justify-end gap-1.5">
                  {n.availability === 'active' ? (
                    <Button size="sm" onClick={() => onDrain(n)} disabled={busy[n.id]} data-testid="node-drain">
                      Drain
                    </Button>
                  ) : (
                    <Button size="sm" onClick={() => onActivate(n)} busy={busy[n.id]} data-testid="node-activate">
                      Activate
                    </Button>
                  )}
                  {n.role === 'worker' && (
                    <Button size="sm" variant="danger" onClick={() => onRemove(n)} disabled={busy[n.id]} data-testid="node-remove">
                      Remove
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
