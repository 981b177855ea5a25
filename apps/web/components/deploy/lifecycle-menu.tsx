'use client';
// Stop, start and destroy a whole VDC, each behind a confirm that says what stays.
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Input } from '../ui/input';
import { api, messageOf, vdcPath } from './api';
import { noteOperation } from './live-store';
import { isActive, type OperationBody } from './types';
import { useVdcLive } from './use-vdc-live';

type Action = 'stop' | 'start' | 'destroy';

const COPY: Record<Action, { title: string; verb: string; tone: 'primary' | 'danger' }> = {
  stop: { title: 'Stop', verb: 'Stop', tone: 'primary' },
  start: { title: 'Start', verb: 'Start', tone: 'primary' },
  destroy: { title: 'Destroy', verb: 'Destroy', tone: 'danger' },
};

function Explanation({ action, vdcName, purge }: { action: Action; vdcName: string; purge: boolean }) {
  if (action === 'stop') {
    return (
      <p>
        Stops every container of <b>{vdcName}</b>, clients before their servers. Containers, networks and data volumes are kept;
        Start brings it back as it was.
      </p>
    );
  }
  if (action === 'start') {
    return (
      <p>
        Starts every stopped container of <b>{vdcName}</b>, servers before their clients, waiting for each to be healthy.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <p>
        Removes every container and network of <b>{vdcName}</b>. The VDC, its revisions and its secrets stay: deploying again
        recreates it.
      </p>
      <p className={purge ? 'font-medium text-rose-700' : 'text-emerald-700'}>
        {purge
          ? 'Data volumes are deleted too (databases, NAS shares). This cannot be undone.'
          : 'Data volumes are kept, so a later deploy finds its data again.'}
      </p>
    </div>
  );
}

export function LifecycleMenu({ vdcName }: { vdcName: string }) {
  const live = useVdcLive(vdcName);
  const [action, setAction] = useState<Action>();
  const [purge, setPurge] = useState(false);
  const [typed, setTyped] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const running = isActive(live.operation);
  const containers = (live.status?.appliances ?? []).flatMap((a) => a.containers);
  const why: Record<Action, string | undefined> = {
    stop: containers.some((c) => c.state === 'running') ? undefined : 'Nothing is running',
    start: containers.length === 0 ? 'Nothing is deployed; use Deploy' : containers.every((c) => c.state === 'running') ? 'Everything is running' : undefined,
    // A VDC never deployed has nothing to remove; deleting the VDC itself is the list's Delete.
    destroy:
      live.status?.vdc.state === 'new' && !live.status.vdc.deployedRevisionId && containers.length === 0
        ? `${vdcName} was never deployed: there is nothing to destroy (to remove the VDC itself, use Delete in the VDC list)`
        : undefined,
  };

  function open(a: Action) {
    setAction(a);
    setPurge(false);
    setTyped('');
    setError(undefined);
  }

  async function confirm() {
    if (!action) return;
    setSending(true);
    setError(undefined);
    try {
      const body = action === 'destroy' ? { purge } : {};
      const { operation } = await api<{ operation: OperationBody }>(vdcPath(vdcName, `/${action}`), { method: 'POST', body });
      noteOperation(vdcName, operation);
      setAction(undefined);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(false);
    }
  }

  // Purging data asks for the VDC's name, the way a person proves they mean it.
  const blocked = action === 'destroy' && purge && typed !== vdcName;
  return (
    <fieldset className="inline-flex items-center gap-1" aria-label="Lifecycle">
      {(['stop', 'start', 'destroy'] as const).map((a) => {
        const reason = running ? 'An operation is running' : why[a];
        // A disabled button fires no events, so the reason's tooltip sits on a wrapper too.
        return (
          <span key={a} title={reason} data-testid={`lifecycle-${a}-reason`}>
            <Button
              size="sm"
              variant={a === 'destroy' ? 'ghost' : 'secondary'}
              className={a === 'destroy' ? 'text-rose-700 hover:bg-rose-50' : ''}
              data-testid={`lifecycle-${a}`}
              disabled={running || !live.status || reason !== undefined}
              title={reason}
              onClick={() => open(a)}
            >
              {COPY[a].title}
            </Button>
          </span>
        );
      })}
      {action && (
        <Dialog
          open
          size="md"
          title={`${COPY[action].title} ${vdcName}?`}
          onClose={() => !sending && setAction(undefined)}
          testId="lifecycle-dialog"
          footer={
            <>
              <Button onClick={() => setAction(undefined)} disabled={sending}>
                Cancel
              </Button>
              <Button variant={COPY[action].tone} data-testid="lifecycle-confirm" busy={sending} disabled={blocked} onClick={confirm}>
                {COPY[action].verb}
              </Button>
            </>
          }
        >
          <Explanation action={action} vdcName={vdcName} purge={purge} />
          {action === 'destroy' && (
            <label className="flex items-center gap-2">
              <input type="checkbox" data-testid="purge-checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} />
              also delete data (purge)
            </label>
          )}
          {action === 'destroy' && purge && (
            <div>
              <label htmlFor="destroy-confirm-name" className="text-xs text-slate-600">
                Type {vdcName} to confirm deleting its data
              </label>
              <Input id="destroy-confirm-name" className="mt-1 font-mono" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            </div>
          )}
          {error && <Alert>{error}</Alert>}
        </Dialog>
      )}
    </fieldset>
  );
}
