'use client';
import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { ApiError, apiFetch } from '../../../components/ui/api-fetch';
import { Button } from '../../../components/ui/button';
import { Field, Input } from '../../../components/ui/input';
import { useHydrated } from '../../../components/ui/use-hydrated';

// Mirrors control's MIN_PASSWORD_LENGTH for an instant hint; the server enforces it.
const MIN_PASSWORD = 10;

export function SetupForm() {
  const hydrated = useHydrated();
  const [form, setForm] = useState({ name: '', email: '', password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const short = form.password.length > 0 && form.password.length < MIN_PASSWORD;
  const mismatch = form.confirm.length > 0 && form.confirm !== form.password;
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (form.password.length < MIN_PASSWORD || form.password !== form.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/auth/setup', { method: 'POST', body: { name: form.name, email: form.email, password: form.password } });
      window.location.assign('/vdcs');
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'already_set_up') {
        window.location.assign('/login');
        return;
      }
      setError((err as Error).message);
    }
  }

  return (
    <form method="post" onSubmit={submit} className="mt-6 space-y-4" data-testid="setup-form">
      <Field label="Your name">
        {({ id }) => <Input id={id} name="name" autoComplete="name" required autoFocus maxLength={100} value={form.name} onChange={set('name')} />}
      </Field>
      <Field label="Email">
        {({ id }) => <Input id={id} name="email" type="email" autoComplete="username" required value={form.email} onChange={set('email')} />}
      </Field>
      <Field label="Password" hint={`At least ${MIN_PASSWORD} characters.`} error={touched && short ? `Use at least ${MIN_PASSWORD} characters.` : null}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={describedBy}
            invalid={invalid}
            value={form.password}
            onChange={set('password')}
          />
        )}
      </Field>
      <Field label="Confirm password" error={touched && mismatch ? 'The passwords differ.' : null}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={describedBy}
            invalid={invalid}
            value={form.confirm}
            onChange={set('confirm')}
          />
        )}
      </Field>
      {error && <Alert>{error}</Alert>}
      <Button type="submit" variant="primary" busy={busy} disabled={!hydrated} className="w-full">
        Create admin and sign in
      </Button>
    </form>
  );
}
