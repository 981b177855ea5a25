'use client';
// On a swarm, for an appliance pinned to a node by its data: which node holds it (lost or not)
// and "Move to node…" — a ready node from the nodes API (Colo admins list them; others leave
// the choice to Colo) and Move, an operation followed like any other. Operators only.
import type { NodeListAnswer } from '@colo/api';
import { useEffect, useState } from 'react';
import { noteOperation, type OperationBody } from '@/components/deploy';
import { api, messageOf, vdcPath } from '@/components/deploy/api';
import { ApiError } from '@/components/ui/api-fetch';
import { Button } from '@/components/ui/button';
import { type DataNode, type MoveTarget, moveBlocked, moveRequest, moveTargets } from '../data-nodes';
import { inputClass, Section } from './fields';

export interface MoveSectionProps {
  vdcName: string;
  appliance: string;
  data: DataNode;
  /** An operation is running on the VDC: one at a time. */
  busy: boolean;
  /** Why this user may not move it (a viewer). */
  readOnly?: string;
}

/** The nodes to offer; undefined when they cannot be listed (not a Colo admin), with why. */
function useMoveTargets(from: string): { targets?: MoveTarget[]; note?: string } {
  const [answer, setAnswer] = useState<{ targets?: MoveTarget[]; note?: string }>({ note: 'Reading the nodes…' });
  useEffect(() => {
    const abort = new AbortController();
    api<NodeListAnswer>('/nodes', { signal: abort.signal })
      .then((list) => setAnswer({ targets: moveTargets(list.nodes, from) }))
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        const forbidden = err instanceof ApiError && err.status === 403;
        setAnswer({ note: forbidden ? 'Only Colo admins see the nodes: Colo picks the ready node with the least load.' : `The nodes could not be read (${messageOf(err)}): Colo picks.` });
      });
    return () => abort.abort();
  }, [from]);
  return answer;
}

export function MoveSection({ vdcName, appliance, data, busy, readOnly }: MoveSectionProps) {
  const { targets, note } = useMoveTargets(data.nodeId);
  const [node, setNode] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const blocked = moveBlocked({ readOnly, busy, targets });

  async function move() {
    setSending(true);
    setFailure(undefined);
    try {
      const { operation } = await api<{ operation: OperationBody }>(vdcPath(vdcName, '/move'), { method: 'POST', body: moveRequest(appliance, node) });
      noteOperation(vdcName, operation);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <Section title="Data">
      <p className="text-sm text-slate-700" data-testid="inspector-data-node">
        On node <span className="font-mono text-xs text-slate-900">{data.hostname}</span>
        {data.lost ? <span className="text-rose-700">, which is {data.reason ?? 'lost'}</span> : ': it runs there, held by its volumes'}
      </p>
      <div className="space-y-1">
        <label htmlFor={`move-${appliance}`} className="block text-xs font-medium text-slate-700">
          Move to node…
        </label>
        <div className="flex gap-2">
          <select
            id={`move-${appliance}`}
            data-testid="inspector-move-node"
            className={inputClass(false)}
            value={node}
            disabled={Boolean(readOnly)}
            onChange={(e) => setNode(e.target.value)}
          >
            <option value="">Colo picks (least load)</option>
            {(targets ?? []).map((t) => (
              <option key={t.id} value={t.hostname}>
                {t.label}
              </option>
            ))}
          </select>
          <Button size="sm" data-testid="inspector-move" busy={sending} disabled={blocked !== undefined} title={blocked ?? `Moves ${appliance} and its data, with what runs beside it`} onClick={() => void move()}>
            Move
          </Button>
        </div>
        <p className="text-[11px] text-slate-500">
          {blocked && blocked !== readOnly
            ? blocked
            : (note ?? (data.lost && data.reason !== 'drained' ? 'Its node is lost: the newest snapshot holding its data is restored on the target.' : 'Copied live; the old copy stays until it is healthy on the target.'))}
        </p>
        {failure && <p className="text-xs text-rose-700">Not started: {failure}</p>}
      </div>
    </Section>
  );
}
