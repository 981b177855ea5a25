'use client';
// The nodes page's live part (admins): a single host with the way to a swarm, or the swarm's
// nodes with what runs on each, the join command, and drain / activate / remove.
import type { ClusterNodeAnswer, DrainAnswer, NodeListAnswer } from '@colo/api';
import { useCallback, useEffect, useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { useToast } from '../ui/toast';
import { AddNodePanel } from './add-node-panel';
import { followDrainMoves } from './drain-moves';
import { NodeTable } from './node-table';
import { SingleHostPanel } from './single-host-panel';

const POLL_MS = 5000;

function drainSummary(answer: DrainAnswer): string[] {
  const name = answer.node.hostname;
  const list = (runs: DrainAnswer['pinned']) => runs.map((r) => `${r.vdcName ?? r.vdc ?? r.service}/${r.appliance ?? r.service}`).join(', ');
  const lines = [answer.moved ? `${name} is drained: everything that can move has moved.` : `${name} is drained; Swarm is still moving ${list(answer.remaining)}.`];
  if (answer.pinned.length) lines.push(`Kept there, their data is on ${name} (stopped until the node is active again): ${list(answer.pinned)}.`);
  return lines;
}

export function NodesView({ initial }: { initial: NodeListAnswer }) {
  const toast = useToast();
  const [answer, setAnswer] = useState(initial);
  const [loadError, setLoadError] = useState<string>();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [draining, setDraining] = useState<ClusterNodeAnswer | null>(null);
  const [removing, setRemoving] = useState<ClusterNodeAnswer | null>(null);
  const [drained, setDrained] = useState<string[]>();
  const [actionError, setActionError] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setAnswer(await apiFetch<NodeListAnswer>('/nodes'));
      setLoadError(undefined);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);

  const swarm = answer.status.mode === 'manager';
  // Tasks move and nodes come and go on their own: a swarm's page stays fresh.
  useEffect(() => {
    if (!swarm) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [swarm, reload]);

  async function initialise(advertiseAddress?: string) {
    const res = await apiFetch<{ adopted: boolean }>('/nodes/init', { method: 'POST', body: advertiseAddress ? { advertiseAddress } : {} });
    toast(res.adopted ? 'This engine already manages a swarm: Colo uses it' : 'Swarm initialised');
    await reload();
  }

  async function activate(node: ClusterNodeAnswer) {
    setBusy((b) => ({ ...b, [node.id]: true }));
    setActionError(undefined);
    try {
      await apiFetch(`/nodes/${encodeURIComponent(node.id)}/activate`, { method: 'POST' });
      toast(`${node.hostname} takes tasks again`);
      await reload();
    } catch (err) {
      setActionError((err as Error).message);
    } finally {
      setBusy((b) => ({ ...b, [node.id]: false }));
    }
  }

  async function drain(node: ClusterNodeAnswer) {
    setBusy((b) => ({ ...b, [node.id]: true }));
    try {
      const ask = () => apiFetch<DrainAnswer>(`/nodes/${encodeURIComponent(node.id)}/drain`, { method: 'POST', body: {} });
      let res = await ask();
      if (res.moving.length > 0) {
        // Data first: the node is drained only once every move has succeeded.
        if (!(await followDrainMoves(res, setDrained))) return;
        res = await ask();
      }
      setDrained(drainSummary(res));
      await reload();
    } finally {
      setBusy((b) => ({ ...b, [node.id]: false }));
    }
  }

  async function remove(node: ClusterNodeAnswer) {
    await apiFetch(`/nodes/${encodeURIComponent(node.id)}`, { method: 'DELETE' });
    toast(`Removed ${node.hostname}`);
    await reload();
  }

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <PageHeader
        title="Nodes"
        description={swarm ? 'The machines of Colo’s swarm, and what runs on each.' : 'The machine Colo runs on, and how to spread VDCs over more.'}
        actions={
          swarm ? (
            <Button onClick={reload} data-testid="nodes-refresh">
              Refresh
            </Button>
          ) : undefined
        }
      />
      <div className="mt-6 space-y-4">
        {loadError && <Alert title="Could not refresh the nodes">{loadError}</Alert>}
        {actionError && <Alert>{actionError}</Alert>}
        {drained && (
          <Alert tone={drained.length > 1 ? 'warning' : 'success'} testId="drain-result">
            {drained.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </Alert>
        )}
        {swarm ? (
          <>
            <NodeTable nodes={answer.nodes} busy={busy} onDrain={setDraining} onActivate={activate} onRemove={setRemoving} />
            <AddNodePanel />
          </>
        ) : (
          <SingleHostPanel status={answer.status} onInitialise={initialise} />
        )}
      </div>
      <ConfirmDialog
        open={draining !== null}
        title={`Drain ${draining?.hostname}?`}
        description="Appliances whose data lives on this node move first, with their data (one move per VDC, each healthy on its new node before its old copy goes). Then the node stops taking tasks and Swarm moves what else runs there; this waits up to a minute for it."
        confirmLabel="Drain"
        onConfirm={() => drain(draining as ClusterNodeAnswer)}
        onClose={() => setDraining(null)}
        testId="node-drain-dialog"
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.hostname}?`}
        description="Only a drained node that runs nothing of Colo’s and has left the swarm (docker swarm leave on it) can be removed; a node that is down is removed as it is."
        confirmLabel="Remove"
        danger
        onConfirm={() => remove(removing as ClusterNodeAnswer)}
        onClose={() => setRemoving(null)}
        testId="node-remove-dialog"
      />
    </div>
  );
}
