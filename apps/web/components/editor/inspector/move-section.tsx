'use client';
// On a swarm, for an appliance pinned to a node by its data: which node holds it (lost or not)
// and "Move to node…" — a ready node from the nodes API (Colo admins list them; others leave
// the choice to Colo) and Move, an operation followed like any other. Operators only.
import { useState } from 'react';
import { noteOperation, type OperationBody } from '@/components/deploy';
import { api, messageOf, vdcPath } from '@/components/deploy/api';
import { Button } from '@/components/ui/button';
import { type DataNode, moveBlocked, moveRequest } from '../data-nodes';
import { useMoveTargets } from '../use-move-targets';
import { inputClass, Section } from './fields';
import { MoveTargetOptions } from '../move-target-options';

export interface MoveSectionProps {
  vdcName: string;
  appliance: string;
  data: DataNode;
  /** An operation is running on the VDC: one at a time. */
  busy: boolean;
  /** Why this user may not move it (a viewer). */
  readOnly?: string;
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
            <MoveTargetOptions targets={targets} />
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
