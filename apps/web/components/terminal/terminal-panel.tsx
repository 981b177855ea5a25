'use client';
// A shell in the browser on whatever the caller can open a terminal session on (a class's
// prototype, an appliance's replica): xterm.js fitted to its box, its state in words
// (connecting…, open, closed and why), and a reconnect that opens a fresh session.
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Spinner } from '../ui/spinner';
import { TerminalConnection, type TerminalPhase } from './terminal-connection';
import type { XtermScreen } from './xterm-view';

const XtermView = dynamic(() => import('./xterm-view'), {
  ssr: false,
  loading: () => (
    <p className="flex items-center gap-2 p-3 text-sm text-slate-300">
      <Spinner /> Loading the terminal…
    </p>
  ),
});

export interface TerminalPanelProps {
  /** Opens a new session of this size: its id and, in words, what it is attached to. */
  openSession(size: { cols: number; rows: number }): Promise<{ id: string; title: string }>;
  /** What the panel says before a terminal is opened. */
  description?: string;
  /** The panel's heading (`Terminal` unless told). */
  heading?: string;
  /** Opens the terminal at once instead of waiting for its Open button. */
  autoOpen?: boolean;
  testId?: string;
}

type PanelPhase = TerminalPhase | { phase: 'idle' };

export function TerminalPanel({ openSession, description, heading = 'Terminal', autoOpen = false, testId = 'terminal' }: TerminalPanelProps) {
  const [shown, setShown] = useState(autoOpen);
  const [phase, setPhase] = useState<PanelPhase>({ phase: 'idle' });
  const screen = useRef<XtermScreen | null>(null);
  const connection = useRef<TerminalConnection | null>(null);

  const connect = useCallback(async () => {
    const s = screen.current;
    if (!s) return;
    connection.current?.close();
    connection.current = null;
    setPhase({ phase: 'connecting' });
    try {
      const opened = await openSession(s.size());
      const c = new TerminalConnection(opened.id, { output: (bytes) => s.write(bytes), phase: setPhase });
      connection.current = c;
      c.start();
      s.focus();
    } catch (err) {
      setPhase({ phase: 'closed', reason: (err as Error).message });
    }
  }, [openSession]);

  // Leaving the page (or the prototype going away) hangs the shell up.
  useEffect(() => () => connection.current?.close(), []);

  const reconnect = () => {
    screen.current?.reset();
    void connect();
  };

  return (
    <div className="space-y-2" data-testid={testId} data-phase={phase.phase}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{heading}</h3>
        <PhaseBadge phase={phase} testId={`${testId}-state`} />
        <div className="ml-auto flex gap-2">
          {!shown && (
            <Button size="sm" onClick={() => setShown(true)} data-testid={`${testId}-open`}>
              Open terminal
            </Button>
          )}
          {phase.phase === 'closed' && (
            <Button size="sm" onClick={reconnect} data-testid={`${testId}-reconnect`}>
              Reconnect
            </Button>
          )}
          {(phase.phase === 'open' || phase.phase === 'connecting') && (
            <Button size="sm" variant="ghost" onClick={() => connection.current?.close()} data-testid={`${testId}-close`}>
              Close
            </Button>
          )}
        </div>
      </div>
      {!shown && description && <p className="text-sm text-slate-600">{description}</p>}
      {shown && (
        <>
          <div className="h-96 overflow-hidden rounded-md bg-slate-900 p-2">
            <XtermView
              onReady={(s) => {
                screen.current = s;
                void connect();
              }}
              onData={(data) => connection.current?.send(data)}
              onResize={(cols, rows) => connection.current?.resize(cols, rows)}
            />
          </div>
          <p className="text-xs text-slate-500">Copy: select, then Ctrl+Shift+C (⌘C on a Mac). Paste: Ctrl+Shift+V (⌘V). Closed after 15 minutes without typing.</p>
        </>
      )}
    </div>
  );
}

function PhaseBadge({ phase, testId }: { phase: PanelPhase; testId: string }) {
  switch (phase.phase) {
    case 'idle':
      return null;
    case 'connecting':
      return (
        <Badge tone="amber" dot pulse testId={testId}>
          connecting…
        </Badge>
      );
    case 'open':
      return (
        <Badge tone="green" dot testId={testId}>
          open · {phase.title}
        </Badge>
      );
    case 'closed':
      return (
        <Badge tone="gray" testId={testId}>
          closed ({phase.reason})
        </Badge>
      );
  }
}
