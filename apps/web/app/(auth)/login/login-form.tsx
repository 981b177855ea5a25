'use client';
import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { ApiError, apiFetch } from '../../../components/ui/api-fetch';
import { Button } from '../../../components/ui/button';
import { Field, Input } from '../../../components/ui/input';
import { useHydrated } from '../../../components/ui/use-hydrated';
import { safeNextPath } from '../../../lib/redirect-target';

export function LoginForm({ next }: { next: string }) {
  const hydrated = useHydrated();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/auth/login', { method: 'POST', body: { email, password } });
      // A full load, so the app frame renders with the new session from the start.
      window.location.assign(safeNextPath(next));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'unauthorized') setError('That email and password do not match an account.');
      else setError((err as Error).message);
    }
  }

  return (
    <form method="post" onSubmit={submit} className="mt-6 space-y-4" data-testid="login-form">
      <Field label="Email">
        {({ id }) => <Input id={id} name="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label="Password">
        {({ id }) => (
          <Input id={id} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      {error && <Alert testId="login-error">{error}</Alert>}
      <Button type="submit" variant="primary" busy={busy} disabled={!hydrated} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
