'use client';
// Over the canvas, for a swarm VDC: an appliance whose data node is lost, and the one action
// that brings it back (restore from its snapshot onto another node; a drained node's data is
// moved live), or why there is none.
import { useState } from 'react';
import { isActive, noteOperation, operationTitle, type OperationBody } from '@/components/deploy';
import { api, messageOf, vdcPath } from '@/components/deploy/api';
import { Button } from '@/components/ui/button';
import type { LostData } from '../data-nodes';

export interface LostDataBannerProps {
  vdcName: string;
  lost: LostData[];
  /** The snapshots could not be read (no restore is offered then). */
  error?: string;
  /** The VDC's running or last operation: a move of one of these shows its progress here. */
  operation?: OperationBody;
  /** Why this user may not act (a viewer); the button is disabled with it. */
  readOnly?: string;
}

function movingNow(operation: OperationBody | undefined, appliance: string): OperationBody | undefined {
  if (!operation || operation.kind !== 'move' || !isActive(operation)) return undefined;
  const asked = (operation.params as { appliance?: unknown } | undefined)?.appliance;
  return asked === appliance ? operation : undefined;
}

export function LostDataBanner({ vdcName, lost, error, operation, readOnly }: LostDataBannerProps) {
  const [sending, setSending] = useState<string>();
  const [failure, setFailure] = useState<string>();
  if (lost.length === 0) return null;
  const busy = isActive(operation);

  async function act(line: LostData) {
    if (!line.action) return;
    setSending(line.appliance);
    setFailure(undefined);
    try {
      const { operation: started } = await api<{ operation: OperationBody }>(vdcPath(vdcName, '/move'), { method: 'POST', body: line.action.request });
      noteOperation(vdcName, started);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setSending(undefined);
    }
  }

  return (
    <div role="alert" data-testid="lost-data-banner" className="space-y-1.5 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-950">
      {lost.map((line) => {
        const moving = movingNow(operation, line.appliance);
        return (
          <div key={line.appliance} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid={`lost-data-${line.appliance}`}>
            <span aria-hidden className="size-2 shrink-0 rounded-full bg-rose-500" />
            <p className="min-w-0 flex-1">
              <strong className="font-semibold">{line.message}</strong> {line.none ?? (line.action ? '' : error ? `Cannot offer a restore: ${error}.` : 'Looking for a snapshot to restore it from…')}
            </p>
            {moving ? (
              <span className="text-xs text-rose-900" data-testid="lost-data-progress">
                {operationTitle(moving)}: {moving.progress}% (steps and log under Operations)
              </span>
            ) : (
              line.action && (
                <Button
                  size="sm"
                  variant="danger"
                  data-testid={`lost-data-restore-${line.appliance}`}
                  busy={sending === line.appliance}
                  disabled={Boolean(readOnly) || busy}
                  title={readOnly ?? (busy ? 'An operation is running on this VDC' : 'Puts its data on a ready node Colo picks and starts it there')}
                  onClick={() => void act(line)}
                >
                  {line.action.label}
                </Button>
              )
            )}
          </div>
        );
      })}
      {failure && <p className="text-xs text-rose-800">Not started: {failure}</p>}
    </div>
  );
}
