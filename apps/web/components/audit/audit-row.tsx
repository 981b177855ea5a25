'use client';
// One audit event as two table rows: the summary (when, who, from where, what, VDC, outcome)
// and, behind a Details button, everything recorded about it.
import type { AuditEventItem } from '@colo/api';
import { Badge, type BadgeTone } from '../ui/badge';
import { actionPhrase } from './audit-phrases';

const OUTCOME_TONE: Record<string, BadgeTone> = { ok: 'green', denied: 'amber', failed: 'red' };

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function who(e: AuditEventItem): string {
  if (e.actor.via !== 'system') return e.actor.email;
  const by = e.detail?.requestedBy;
  return typeof by === 'string' ? `Colo (${by})` : 'Colo';
}

/** What a row has room for: the operation, the token, the error. */
function summary(e: AuditEventItem): string | undefined {
  const d = e.detail ?? {};
  const token = d.token as { name?: string; prefix?: string } | undefined;
  if (typeof d.error === 'string') return d.error;
  if (token?.name) return `token “${token.name}”${token.prefix ? ` (${token.prefix}…)` : ''}`;
  if (typeof d.reason === 'string') return d.reason;
  if (typeof d.operation === 'string') return d.operation;
  return undefined;
}

export function AuditRow({ event, open, onToggle }: { event: AuditEventItem; open: boolean; onToggle: () => void }) {
  const detailId = `audit-detail-${event.id}`;
  const note = summary(event);
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={event.action}>
        <td className="px-3 py-2 whitespace-nowrap text-slate-700">
          <time dateTime={event.at} title={event.at}>
            {when(event.at)}
          </time>
        </td>
        <td className="px-3 py-2 text-slate-900">
          <span className="block max-w-56 truncate" title={event.actor.email}>
            {who(event)}
          </span>
          <span className="text-xs text-slate-500">{event.actor.via === 'token' ? 'API token' : event.actor.via === 'session' ? 'browser' : 'by itself'}</span>
        </td>
        <td className="px-3 py-2 font-mono text-xs text-slate-600">{event.actor.address ?? '—'}</td>
        <td className="px-3 py-2">
          <span className="font-medium text-slate-900" title={event.action} data-testid="audit-action">
            {actionPhrase(event.action)}
          </span>
          <span className="block font-mono text-[11px] text-slate-500">{event.action}</span>
          {note && <span className="block max-w-80 truncate text-xs text-slate-600" title={note}>{note}</span>}
        </td>
        <td className="px-3 py-2 font-mono text-xs text-slate-700">{event.vdc?.name ?? '—'}</td>
        <td className="px-3 py-2">
          <Badge tone={OUTCOME_TONE[event.outcome] ?? 'gray'} testId="audit-outcome">
            {event.outcome}
          </Badge>
          {event.status !== null && <span className="ml-1.5 font-mono text-xs text-slate-500">{event.status}</span>}
        </td>
        <td className="px-3 py-2 text-right">
          <button
            type="button"
            className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Details'}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={detailId} className="bg-slate-50">
          <td colSpan={7} className="px-3 py-2">
            <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
              <dt className="text-slate-500">Event</dt>
              <dd className="font-mono">{event.id}</dd>
              <dt className="text-slate-500">Actor</dt>
              <dd className="font-mono">
                {event.actor.email}
                {event.actor.id ? ` (${event.actor.id})` : ''}
                {event.actor.tokenId ? `, token ${event.actor.tokenId}` : ''}
              </dd>
              {event.vdc && (
                <>
                  <dt className="text-slate-500">VDC</dt>
                  <dd className="font-mono">
                    {event.vdc.name ?? '—'} {event.vdc.id ? `(${event.vdc.id})` : '(not found)'}
                  </dd>
                </>
              )}
              <dt className="text-slate-500">Detail</dt>
              <dd>
                <pre className="overflow-x-auto font-mono whitespace-pre-wrap text-slate-800" data-testid="audit-detail">
                  {event.detail ? JSON.stringify(event.detail, null, 2) : '—'}
                </pre>
              </dd>
            </dl>
          </td>
        </tr>
      )}
    </>
  );
}
