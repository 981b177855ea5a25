'use client';
// Over the canvas, for a VDC that was stopped: it is not serving, and Start is one click away
// here rather than in the toolbar's menu. Containers, networks and data are kept while stopped,
// so starting asks nothing; while the start runs, the banner says so.
import { useState } from 'react';
import { isActive, noteOperation, operationTitle, type OperationBody, type VdcStatusBody } from '@/components/deploy';
import { api, messageOf, vdcPath } from '@/components/deploy/api';
import { Button } from '@/components/ui/button';

export interface StoppedBannerProps {
  vdcName: string;
  status?: VdcStatusBody;
  /** The VDC's running or last operation: a start running shows its progress instead of the button. */
  operation?: OperationBody;
  /** Why this user may not start it (a viewer); the button is disabled with it. */
  readOnly?: string;
}

export function StoppedBanner({ vdcName, status, operation, readOnly }: StoppedBannerProps) {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (status?.vdc.state !== 'stopped') return null;
  const running = isActive(operation) ? operation : undefined;

  async function start() {
    setSending(true);
    setFailure(undefined);
    try {
      const { operation: started } = await api<{ operation: OperationBody }>(vdcPath(vdcName, '/start'), { method: 'POST', body: {} });
      noteOperation(vdcName, started);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <div role="status" data-testid="stopped-banner" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      <span aria-hidden className="size-2 shrink-0 rounded-full bg-amber-500" />
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">{vdcName} is stopped.</strong> Its containers, networks and data are kept; nothing answers until it
        is started.
      </p>
      {running ? (
        <span className="text-xs text-amber-900" data-testid="stopped-banner-progress">
          {operationTitle(running)}: {running.progress}% (steps and log under Operations)
        </span>
      ) : (
        <Button
          size="sm"
          variant="primary"
          data-testid="stopped-banner-start"
          busy={sending}
          disabled={Boolean(readOnly)}
          title={readOnly ?? 'Starts every stopped container, servers before their clients'}
          onClick={() => void start()}
        >
          Start
        </Button>
      )}
      {failure && <p className="basis-full text-xs text-rose-800">Not started: {failure}</p>}
    </div>
  );
}
