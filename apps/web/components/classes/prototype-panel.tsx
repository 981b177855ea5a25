'use client';
// The class's prototype: a container of one version, run as root and idle, to patch by scripts
// or in a terminal. Open it (from a version, online or not), run scripts and see their output and
// exit status, or work in a root shell, then commit it as the next version with a note, or discard it.
import { useCallback, useEffect, useId, useState } from 'react';
import { TerminalPanel } from '../terminal/terminal-panel';
import { apiFetch } from '../ui/api-fetch';
import { Alert } from '../ui/alert';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { Input } from '../ui/input';
import type { ClassViewBody, RolloutBody } from './types';

export interface Committed {
  classId: string;
  version: number;
  image: string;
  rollout: RolloutBody;
}

export function PrototypePanel({ view, admin, onChanged, onCommitted }: { view: ClassViewBody; admin: boolean; onChanged: () => Promise<void>; onCommitted: (c: Committed) => void }) {
  const ids = useId();
  const path = `/classes/${encodeURIComponent(view.id)}`;
  const proto = view.prototype;
  const [from, setFrom] = useState(view.head);
  const [online, setOnline] = useState(true);
  const [script, setScript] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ exitCode: number; output: string }>();
  const [busy, setBusy] = useState<'open' | 'run' | 'commit'>();
  const [error, setError] = useState<string>();
  const [discarding, setDiscarding] = useState(false);

  // A new head (after a commit or rollback) is where the next prototype starts by default.
  useEffect(() => setFrom(view.head), [view.head]);
  const openTerminal = useCallback(
    (size: { cols: number; rows: number }) => apiFetch<{ id: string; title: string }>(`${path}/prototype/terminal`, { method: 'POST', body: size }),
    [path],
  );

  async function act(what: NonNullable<typeof busy>, fn: () => Promise<void>) {
    setBusy(what);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  const open = () =>
    act('open', async () => {
      await apiFetch(`${path}/prototype`, { method: 'POST', body: { version: from, online } });
      setResult(undefined);
      await onChanged();
    });
  const run = () =>
    act('run', async () => {
      setResult(undefined);
      setResult(await apiFetch<{ exitCode: number; output: string }>(`${path}/prototype/run`, { method: 'POST', body: { script } }));
    });
  const commit = () =>
    act('commit', async () => {
      const committed = await apiFetch<Committed>(`${path}/versions`, { method: 'POST', body: { note } });
      setNote('');
      setScript('');
      setResult(undefined);
      onCommitted(committed);
      await onChanged();
    });
  // Thrown by ConfirmDialog's own error slot when it fails, so the dialog stays and says why.
  async function discard() {
    await apiFetch(`${path}/prototype`, { method: 'DELETE' });
    setResult(undefined);
    setError(undefined);
    await onChanged();
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="prototype-panel" data-open={proto ? 'yes' : 'no'}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-slate-900">Prototype</h2>
        {proto ? (
          <>
            <Badge tone="green" dot testId="prototype-state">
              open · from v{proto.version}
            </Badge>
            <Badge tone={proto.online ? 'blue' : 'gray'}>{proto.online ? 'online' : 'offline'}</Badge>
            {!proto.running && <Badge tone="amber">stopped</Badge>}
          </>
        ) : (
          <Badge testId="prototype-state">none open</Badge>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        A container of one version, idle, where scripts and a terminal run as root. Committing it makes the next version the head and moves every following VDC onto it.
      </p>

      {error && (
        <div className="mt-3">
          <Alert testId="prototype-error">{error}</Alert>
        </div>
      )}

      {!proto ? (
        <div className="mt-4 flex flex-wrap items-end gap-4">
          <div className="space-y-1.5">
            <label htmlFor={`${ids}-from`} className="block text-sm font-medium text-slate-800">
              From version
            </label>
            <select
              id={`${ids}-from`}
              className="block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm"
              value={from}
              onChange={(e) => setFrom(Number(e.target.value))}
              disabled={!admin}
              data-testid="prototype-from"
            >
              {view.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                  {v.head ? ' (head)' : ''}
                </option>
              ))}
            </select>
          </div>
          <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={online} onChange={(e) => setOnline(e.target.checked)} disabled={!admin} data-testid="prototype-online" />
            Online (network access while you patch it)
          </label>
          <Button variant="primary" onClick={open} busy={busy === 'open'} disabled={!admin} data-testid="prototype-open">
            Open prototype
          </Button>
        </div>
      ) : (
        <div className="mt-4 space-y-4">
          <div className="space-y-1.5">
            <label htmlFor={`${ids}-script`} className="block text-sm font-medium text-slate-800">
              Script (runs in the prototype as root)
            </label>
            <textarea
              id={`${ids}-script`}
              className="block min-h-28 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm focus:outline-2 focus:outline-indigo-500"
              value={script}
              onChange={(e) => setScript(e.target.value)}
              placeholder={'sed -i "s/^upload_max_filesize.*/upload_max_filesize = 64M/" /etc/php/*/apache2/php.ini'}
              spellCheck={false}
              disabled={!admin}
              data-testid="prototype-script"
            />
            <div className="flex items-center gap-2">
              <Button onClick={run} busy={busy === 'run'} disabled={!admin || !script.trim() || busy !== undefined} data-testid="prototype-run">
                Run
              </Button>
              {result && (
                <Badge tone={result.exitCode === 0 ? 'green' : 'red'} testId="prototype-exit">
                  exit {result.exitCode}
                </Badge>
              )}
            </div>
            {result && (
              <pre className="max-h-72 overflow-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-100" data-testid="prototype-output">
                {result.output || '(no output)'}
              </pre>
            )}
          </div>
          {admin && (
            <div className="border-t border-slate-100 pt-4">
              <TerminalPanel
                openSession={openTerminal}
                description="A root shell in the prototype, in your browser: install, edit, try things, then commit."
                testId="prototype-terminal"
              />
            </div>
          )}
          <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor={`${ids}-note`} className="block text-sm font-medium text-slate-800">
                Note for the new version
              </label>
              <Input id={`${ids}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="What this version changes" disabled={!admin} data-testid="commit-note" />
            </div>
            <Button variant="primary" onClick={commit} busy={busy === 'commit'} disabled={!admin || busy !== undefined} data-testid="prototype-commit">
              Commit as the next version
            </Button>
            <Button variant="danger" onClick={() => setDiscarding(true)} disabled={!admin || busy !== undefined} data-testid="prototype-discard">
              Discard
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={discarding}
        title={`Discard the prototype of ${view.id}?`}
        description="The container and everything your scripts changed in it are thrown away. No version changes."
        confirmLabel="Discard"
        danger
        testId="discard-dialog"
        onClose={() => setDiscarding(false)}
        onConfirm={discard}
      />
    </section>
  );
}
