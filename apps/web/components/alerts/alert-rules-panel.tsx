'use client';
// A VDC's alert rules: the built-in defaults every VDC has (in the app only), the user's own rules
// that override them, a form to add one (kind, appliance, threshold, webhook and/or e-mail), a
// switch and a remove per rule, and a test message to a channel before relying on it.
import type { AlertRule } from '@colo/api';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert as Notice } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/input';
import { useToast } from '../ui/toast';
import { KIND_LABELS } from './use-alerts';

const KINDS = Object.keys(KIND_LABELS);
const selectClass =
  'block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500';

type Channel = { type: 'webhook'; url: string; format: 'generic' | 'slack' } | { type: 'email'; to: string[] };

function channelText(c: AlertRule['channels'][number]): string {
  return c.type === 'webhook' ? `${c.format === 'slack' ? 'Slack webhook' : 'webhook'} ${String(c.url)}` : `e-mail ${(c.to as string[]).join(', ')}`;
}

function thresholdText(r: AlertRule): string {
  if (r.kind === 'unhealthy') return `for ${r.thresholdSeconds ?? 30} s`;
  if (r.kind === 'volume_full') return `over ${r.thresholdPercent ?? 90}%`;
  return '';
}

export function AlertRulesPanel({ vdcName }: { vdcName: string }) {
  const toast = useToast();
  const base = `/vdcs/${encodeURIComponent(vdcName)}/alert-rules`;
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState('unhealthy');
  const [appliance, setAppliance] = useState('');
  const [threshold, setThreshold] = useState('');
  const [webhook, setWebhook] = useState('');
  const [format, setFormat] = useState<'generic' | 'slack'>('generic');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRules((await apiFetch<{ rules: AlertRule[] }>(base)).rules);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [base]);
  useEffect(() => void load(), [load]);

  function channels(): Channel[] {
    return [
      ...(webhook.trim() ? [{ type: 'webhook' as const, url: webhook.trim(), format }] : []),
      ...(email.trim() ? [{ type: 'email' as const, to: email.split(',').map((s) => s.trim()).filter(Boolean) }] : []),
    ];
  }

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    const n = threshold.trim() === '' ? undefined : Number(threshold);
    try {
      await apiFetch(base, {
        method: 'POST',
        body: {
          kind,
          ...(appliance.trim() ? { appliance: appliance.trim() } : {}),
          ...(n !== undefined && kind === 'unhealthy' ? { thresholdSeconds: n } : {}),
          ...(n !== undefined && kind === 'volume_full' ? { thresholdPercent: n } : {}),
          channels: channels(),
        },
      });
      setWebhook('');
      setEmail('');
      setThreshold('');
      setAppliance('');
      await load();
      toast(`Rule added: ${KIND_LABELS[kind]}`);
    } catch (err) {
      setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function test(channel: Channel | AlertRule['channels'][number]) {
    const answer = await apiFetch<{ ok: boolean; detail?: string }>('/alerts/test', { method: 'POST', body: { channel } }).catch((err: Error) => ({ ok: false, detail: err.message }));
    toast(answer.ok ? `Test message sent (${answer.detail ?? 'ok'})` : `Test failed: ${answer.detail}`, answer.ok ? 'success' : 'error');
  }

  async function change(rule: AlertRule, action: 'toggle' | 'remove') {
    try {
      if (action === 'remove') await apiFetch(`${base}/${encodeURIComponent(rule.id)}`, { method: 'DELETE' });
      else await apiFetch(`${base}/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: { enabled: !rule.enabled } });
      await load();
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  }

  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-8">
      <PageHeader
        title={`Alert rules · ${vdcName}`}
        description={
          <>
            Every VDC is watched without configuring anything: the defaults below alert in the app (the bell). Add a rule to send a kind
            of alert to a webhook or by e-mail, to change how long an appliance may be unhealthy, or to switch a kind off. A rule naming
            an appliance wins over one for all.
          </>
        }
        actions={
          <Link href={`/vdcs/${encodeURIComponent(vdcName)}`} className="text-sm font-medium text-indigo-700 hover:text-indigo-900">
            Back to the editor
          </Link>
        }
      />
      {error && (
        <div className="mt-6">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      <div className="mt-6 overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="alert-rules">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={th}>Kind</th>
              <th className={th}>Appliance</th>
              <th className={th}>Threshold</th>
              <th className={th}>Sent to</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rules?.map((r) => (
              <tr key={r.id} data-testid="alert-rule" data-kind={r.kind}>
                <td className="px-4 py-2.5 font-medium text-slate-900">
                  {KIND_LABELS[r.kind] ?? r.kind} {r.builtIn && <Badge>default</Badge>} {!r.enabled && <Badge tone="amber">off</Badge>}
                </td>
                <td className="px-4 py-2.5 font-mono text-slate-600">{r.appliance ?? 'all'}</td>
                <td className="px-4 py-2.5 text-slate-600">{thresholdText(r)}</td>
                <td className="px-4 py-2.5 text-slate-600">
                  <ul className="space-y-1">
                    <li>in the app</li>
                    {r.channels.map((c) => (
                      <li key={channelText(c)} className="flex items-center gap-2">
                        <span className="truncate">{channelText(c)}</span>
                        <button type="button" className="text-xs font-medium text-indigo-700 hover:text-indigo-900" onClick={() => test(c)}>
                          Send test
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-4 py-2.5 text-right whitespace-nowrap">
                  {!r.builtIn && (
                    <>
                      <Button size="sm" variant="ghost" onClick={() => change(r, 'toggle')}>
                        {r.enabled ? 'Switch off' : 'Switch on'}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => change(r, 'remove')} data-testid="remove-rule">
                        Remove
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form onSubmit={add} className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="add-rule-form">
        <h2 className="text-base font-semibold text-slate-900">Add a rule</h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Kind">
            {({ id }) => (
              <select id={id} className={selectClass} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="rule-kind">
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Appliance" hint="Empty: every appliance">
            {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} value={appliance} onChange={(e) => setAppliance(e.target.value)} placeholder="all" />}
          </Field>
          {(kind === 'unhealthy' || kind === 'volume_full') && (
            <Field label={kind === 'unhealthy' ? 'Unhealthy for (seconds)' : 'Full over (%)'} hint={kind === 'unhealthy' ? '0: at once; default 30' : 'default 90'}>
              {({ id, describedBy }) => (
                <Input id={id} aria-describedby={describedBy} inputMode="numeric" value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="rule-threshold" />
              )}
            </Field>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <Field label="Webhook URL" hint="POSTed as JSON when the alert fires and when it resolves">
            {({ id, describedBy }) => (
              <Input id={id} aria-describedby={describedBy} type="url" value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://hooks.example.com/…" data-testid="rule-webhook" />
            )}
          </Field>
          <Field label="Format">
            {({ id }) => (
              <select id={id} className={selectClass} value={format} onChange={(e) => setFormat(e.target.value as 'generic' | 'slack')} data-testid="rule-format">
                <option value="generic">Generic JSON</option>
                <option value="slack">Slack</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="E-mail to" hint="Comma separated; an admin sets the SMTP server under Settings → SMTP">
          {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} value={email} onChange={(e) => setEmail(e.target.value)} placeholder="ops@example.com" />}
        </Field>
        {formError && <Notice tone="error">{formError}</Notice>}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" busy={busy} data-testid="add-rule">
            Add rule
          </Button>
          {channels().length > 0 && (
            <Button onClick={() => void Promise.all(channels().map(test))} data-testid="test-channels">
              Send a test message
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
