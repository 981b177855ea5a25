'use client';
// One row per entry: its address, where it points, where it pointed before (one click back),
// its state, and under it the operation it is going through.
import Link from 'next/link';
import type { OperationBody } from '../deploy/types';
import { Alert } from '../ui/alert';
import { Badge, type BadgeTone } from '../ui/badge';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { RelativeTime } from '../vdc-list/relative-time';
import { editorHref, historyHref } from '../vdc-list/types';
import { rollbackOf } from './entry-choices';
import { EntryOperation } from './entry-operation';
import type { EntryBody, VdcChoice } from './types';

const STATES: Record<string, { label: string; tone: BadgeTone; pulse?: boolean }> = {
  creating: { label: 'Creating', tone: 'amber', pulse: true },
  ready: { label: 'Serving', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
};

export interface EntryRowState {
  operation?: OperationBody;
  /** The server's refusal of the last one-click action on this row. */
  error?: string;
  /** A one-click action is being sent. */
  sending?: boolean;
}

export interface EntryTableProps {
  entries: EntryBody[];
  vdcs: VdcChoice[];
  rows: Record<string, EntryRowState>;
  onSwitch: (entry: EntryBody) => void;
  onRollback: (entry: EntryBody, to: string) => void;
  onRemove: (entry: EntryBody) => void;
  onOperationFinished: (entry: string, operation: OperationBody) => void;
  onDismiss: (entry: string) => void;
}

function EntryRow({ entry, props }: { entry: EntryBody; props: EntryTableProps }) {
  const row = props.rows[entry.name] ?? {};
  const state = STATES[entry.state] ?? { label: entry.state, tone: 'gray' as const };
  const rollback = rollbackOf(entry, props.vdcs);
  const working = row.operation !== undefined && (row.operation.status === 'queued' || row.operation.status === 'running');
  const busy = working || row.sending ? 'An operation on this entry is running' : undefined;
  const url = `http://${entry.address}`;
  return (
    <tbody className="border-b border-slate-100 last:border-b-0" data-testid={`entry-row-${entry.name}`}>
      <tr className="align-top">
        <td className="px-4 py-3 font-medium text-slate-900">{entry.name}</td>
        <td className="px-4 py-3">
          <div className="flex items-center gap-1.5">
            <a href={url} target="_blank" rel="noreferrer" className="font-mono text-sm text-indigo-700 hover:underline" data-testid="entry-address">
              {entry.address}
            </a>
            <CopyButton text={url} label="Copy" size="sm" variant="ghost" className="h-6 px-1.5 text-xs" />
          </div>
        </td>
        <td className="px-4 py-3">
          <Link href={editorHref(entry.vdc)} className="font-medium text-slate-900 hover:text-indigo-600" data-testid="entry-vdc-link">
            {entry.vdc}
          </Link>
          <span className="ml-1.5 font-mono text-xs text-slate-500">
            {entry.appliance}.{entry.terminal}
          </span>
          {entry.switchedAt && (
            <p className="text-xs text-slate-500">
              switched <RelativeTime iso={entry.switchedAt} />
            </p>
          )}
        </td>
        <td className="px-4 py-3">
          {rollback ? (
            <div className="flex flex-col items-start gap-1">
              <Link href={historyHref(rollback.to)} className="text-sm text-slate-700 hover:text-indigo-600" data-testid="entry-previous">
                {rollback.to}
              </Link>
              <Button
                size="sm"
                className="h-7"
                busy={row.sending}
                disabled={Boolean(busy) || 'disabled' in rollback}
                title={busy ?? ('disabled' in rollback ? rollback.disabled : `Point ${entry.name} back at ${rollback.to}`)}
                onClick={() => props.onRollback(entry, rollback.to)}
                data-testid={`entry-rollback-${entry.name}`}
              >
                ↶ Switch back
              </Button>
            </div>
          ) : (
            <span className="text-xs text-slate-500">—</span>
          )}
        </td>
        <td className="px-4 py-3">
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge tone={state.tone} dot pulse={state.pulse} testId="entry-state">
              {state.label}
            </Badge>
            {entry.wake && (
              <span title="While its VDC is stopped, the first request is held while Colo starts the VDC, then answered.">
                <Badge tone="indigo" testId="entry-wake">
                  Starts on request
                </Badge>
              </span>
            )}
          </div>
        </td>
        <td className="px-2 py-3">
          <div className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" className="h-7" disabled={Boolean(busy)} title={busy} onClick={() => props.onSwitch(entry)} data-testid={`entry-switch-${entry.name}`}>
              Switch…
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="h-7 text-rose-700 hover:bg-rose-50"
              disabled={Boolean(busy)}
              title={busy}
              onClick={() => props.onRemove(entry)}
              data-testid={`entry-remove-${entry.name}`}
            >
              Remove…
            </Button>
          </div>
        </td>
      </tr>
      {(row.error || row.operation) && (
        <tr>
          <td colSpan={6} className="p-0">
            {row.error && (
              <div className="px-4 pb-2">
                <Alert testId={`entry-error-${entry.name}`}>{row.error}</Alert>
              </div>
            )}
            {row.operation && (
              <EntryOperation
                key={row.operation.id}
                entry={entry.name}
                operation={row.operation}
                onFinished={(op) => props.onOperationFinished(entry.name, op)}
                onDismiss={() => props.onDismiss(entry.name)}
              />
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}

export function EntryTable(props: EntryTableProps) {
  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
      <table className="w-full text-sm" data-testid="entry-table">
        <thead className="border-b border-slate-200 bg-slate-50/70">
          <tr>
            <th className={th}>Name</th>
            <th className={th}>Address</th>
            <th className={th}>Points at</th>
            <th className={th}>Before</th>
            <th className={th}>State</th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {props.entries.map((e) => (
          <EntryRow key={e.name} entry={e} props={props} />
        ))}
      </table>
    </div>
  );
}
