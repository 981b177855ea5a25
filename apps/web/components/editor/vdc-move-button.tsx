'use client';
// The toolbar's "Move to node…" for a swarm VDC: every appliance that keeps data on a node goes to
// one node (a ready one from the nodes API, or Colo's pick when they cannot be listed) in one
// `move` operation, its progress followed like any other (Operations). Not shown on one host;
// operators only, shown disabled with the reason to viewers. The pure parts are vdc-move.ts.
import { useState } from 'react';
import { isActive, noteOperation, type OperationBody, useVdcLive } from '@/components/deploy';
import { api, messageOf, vdcPath } from '@/components/deploy/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { inputClass } from './inspector/fields';
import { useMoveTargets } from './use-move-targets';
import { pinnedLine, type VdcMoveView, vdcMoveBlocked, vdcMoveRequest, vdcMoveView } from './vdc-move';
import { MoveTargetOptions } from './move-target-options';

export function VdcMoveButton({ vdcName, readOnly }: { vdcName: string; readOnly?: string }) {
  const live = useVdcLive(vdcName);
  const [open, setOpen] = useState(false);
  const view = vdcMoveView(live.status);
  if (!view.swarm) return null;
  const busy = isActive(live.operation);
  const blocked = vdcMoveBlocked({ vdcName, readOnly, busy, view, targets: undefined });
  return (
    <>
      {/* A disabled button fires no events, so the reason sits on a wrapper. */}
      <span title={blocked ?? `Moves every appliance of ${vdcName} that keeps data on a node to one node`} data-testid={readOnly ? 'viewer-move' : undefined}>
        <Button size="sm" variant="secondary" data-testid="vdc-move-button" disabled={blocked !== undefined} onClick={() => setOpen(true)}>
          Move to node…
        </Button>
      </span>
      {open && <VdcMoveDialog vdcName={vdcName} view={view} busy={busy} onClose={() => setOpen(false)} />}
    </>
  );
}

function VdcMoveDialog({ vdcName, view, busy, onClose }: { vdcName: string; view: VdcMoveView; busy: boolean; onClose: () => void }) {
  // Read only once the dialog is open: most editor visits never ask for the nodes.
  const { targets, note } = useMoveTargets(undefined);
  const [node, setNode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const blocked = vdcMoveBlocked({ vdcName, busy, view, targets });

  async function move() {
    setSending(true);
    setError(undefined);
    try {
      const { operation } = await api<{ operation: OperationBody }>(vdcPath(vdcName, '/move'), { method: 'POST', body: vdcMoveRequest(node) });
      noteOperation(vdcName, operation);
      onClose();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog
      open
      size="md"
      title={`Move ${vdcName} to another node?`}
      onClose={() => !sending && onClose()}
      testId="vdc-move-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={sending}>
            Cancel
          </Button>
          <Button variant="primary" data-testid="vdc-move-confirm" busy={sending} disabled={blocked !== undefined} title={blocked} onClick={() => void move()}>
            Move
          </Button>
        </>
      }
    >
      <p>
        Every appliance of <b>{vdcName}</b> that keeps data on a node moves to the node chosen, with its data and what must run beside it, in one
        operation. The old copies stay until the moved appliances are healthy there; the others go on running wherever Swarm puts them.
      </p>
      <ul className="space-y-0.5 font-mono text-xs text-slate-700" data-testid="vdc-move-pinned">
        {view.pinned.map((p) => (
          <li key={p.appliance} className={p.lost && p.reason !== 'drained' ? 'text-rose-700' : ''}>
            {pinnedLine(p)}
          </li>
        ))}
      </ul>
      <div className="space-y-1">
        <label htmlFor="vdc-move-node" className="block text-xs font-medium text-slate-700">
          Move to node…
        </label>
        <select id="vdc-move-node" data-testid="vdc-move-node" className={inputClass(false)} value={node} onChange={(e) => setNode(e.target.value)}>
          <MoveTargetOptions targets={targets} />
        </select>
        <p className="text-[11px] text-slate-500">{blocked ?? note ?? 'A ready, active node of the swarm.'}</p>
      </div>
      {error && <Alert>Not started: {error}</Alert>}
    </Dialog>
  );
}
