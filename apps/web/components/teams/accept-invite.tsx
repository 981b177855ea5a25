'use client';
// The Accept button of an invitation page: joins, then goes to the team.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { teamHref } from './team-types';

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const { team } = await apiFetch<{ team: { slug: string } }>('/invites/accept', { method: 'POST', body: { token } });
      router.push(teamHref(team.slug));
    } catch (err) {
      setBusy(false);
      setError((err as Error).message);
    }
  }
  return (
    <div className="mt-5 space-y-3">
      <Button variant="primary" busy={busy} onClick={() => void accept()} data-testid="accept-invite">
        Accept and join
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
