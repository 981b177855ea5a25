'use client';
// The SMTP server alert e-mail goes through (admins). The password is write-only: left empty it
// is kept; "Remove password" clears it. A test message checks the settings end to end.
import { useState } from 'react';
import { PageHeader } from '../shell/page-header';
import { Alert as Notice } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Field, Input } from '../ui/input';
import { useToast } from '../ui/toast';

export interface SmtpSettings {
  host: string;
  port: number;
  security: string;
  user?: string | null;
  hasPassword: boolean;
  from: string;
}

const selectClass =
  'block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500';

export function SmtpSettingsForm({ initial }: { initial: SmtpSettings | null }) {
  const toast = useToast();
  const [saved, setSaved] = useState(initial);
  const [host, setHost] = useState(initial?.host ?? '');
  const [port, setPort] = useState(String(initial?.port ?? 587));
  const [security, setSecurity] = useState(initial?.security ?? 'starttls');
  const [user, setUser] = useState(initial?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(initial?.from ?? '');
  const [testTo, setTestTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: React.FormEvent, removePassword = false) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { host: host.trim(), port: Number(port), security, user: user.trim() || null, from: from.trim(), ...(removePassword ? { password: null } : password ? { password } : {}) };
      const answer = await apiFetch<{ smtp: SmtpSettings }>('/settings/smtp', { method: 'PUT', body });
      setSaved(answer.smtp);
      setPassword('');
      toast('SMTP settings saved');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    const to = testTo.split(',').map((s) => s.trim()).filter(Boolean);
    const answer = await apiFetch<{ ok: boolean; detail?: string }>('/alerts/test', { method: 'POST', body: { channel: { type: 'email', to } } }).catch((err: Error) => ({
      ok: false,
      detail: err.message,
    }));
    toast(answer.ok ? `Test e-mail sent (${answer.detail ?? 'ok'})` : `Test failed: ${answer.detail}`, answer.ok ? 'success' : 'error');
  }

  return (
    <div className="mx-auto w-full max-w-3xl px-6 py-8">
      <PageHeader title="SMTP" description="The mail server alert e-mail goes through. Only admins see and change it; the password is stored encrypted and never shown." />
      <form onSubmit={save} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="smtp-form">
        <div className="grid gap-4 sm:grid-cols-[1fr_7rem_10rem]">
          <Field label="Host">{({ id }) => <Input id={id} required value={host} onChange={(e) => setHost(e.target.value)} placeholder="smtp.example.com" />}</Field>
          <Field label="Port">{({ id }) => <Input id={id} required inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />}</Field>
          <Field label="Security">
            {({ id }) => (
              <select id={id} className={selectClass} value={security} onChange={(e) => setSecurity(e.target.value)}>
                <option value="starttls">STARTTLS</option>
                <option value="tls">TLS</option>
                <option value="none">None</option>
              </select>
            )}
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="User" hint="Empty: no login">
            {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Password" hint={saved?.hasPassword ? 'A password is stored; leave empty to keep it' : 'None stored'}>
            {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />}
          </Field>
        </div>
        <Field label="From">{({ id }) => <Input id={id} required type="email" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="colo@example.com" />}</Field>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" busy={busy}>
            Save
          </Button>
          {saved?.hasPassword && (
            <Button variant="ghost" onClick={(e) => save(e, true)}>
              Remove password
            </Button>
          )}
        </div>
      </form>
      {saved && (
        <div className="mt-6 flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex-1">
            <Field label="Send a test e-mail to">{({ id }) => <Input id={id} type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} placeholder="you@example.com" />}</Field>
          </div>
          <Button onClick={test} disabled={!testTo.trim()}>
            Send test
          </Button>
        </div>
      )}
    </div>
  );
}
