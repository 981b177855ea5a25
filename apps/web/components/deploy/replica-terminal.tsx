'use client';
// The appliance page's terminal: a shell in the replica whose Terminal button was pressed, as the
// container's user, through the same terminal sessions as a class prototype's. Another replica's
// button opens a fresh session there (the panel is keyed by replica); Hide hangs it up.
import { useCallback } from 'react';
import { Button } from '../ui/button';
import { TerminalPanel } from '../terminal/terminal-panel';
import { api, vdcPath } from './api';

export interface ReplicaTerminalProps {
  vdcName: string;
  appliance: string;
  replica: number;
  onHide(): void;
}

export function ReplicaTerminal({ vdcName, appliance, replica, onHide }: ReplicaTerminalProps) {
  const openSession = useCallback(
    (size: { cols: number; rows: number }) =>
      api<{ id: string; title: string }>(vdcPath(vdcName, `/appliances/${encodeURIComponent(appliance)}/terminal`), { method: 'POST', body: { ...size, replica } }),
    [vdcName, appliance, replica],
  );
  return (
    <section className="space-y-2 rounded-md border border-slate-200 bg-white p-3" data-testid="replica-terminal" data-replica={replica}>
      <TerminalPanel key={replica} openSession={openSession} heading={`Terminal · ${appliance} replica ${replica}`} autoOpen testId="appliance-terminal" />
      <div className="flex justify-end">
        <Button size="sm" variant="ghost" onClick={onHide} data-testid="appliance-terminal-hide">
          Hide terminal
        </Button>
      </div>
    </section>
  );
}
