'use client';
// "Add a node": the join command for a new machine, fetched on demand (it carries the swarm's
// join token, and each read of it is audited), with what the machine needs to join.
import type { z } from 'zod';
import type { joinCommandSchema } from '@colo/api';
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';

type JoinCommand = z.infer<typeof joinCommandSchema>;

export function AddNodePanel() {
  const [role, setRole] = useState<'worker' | 'manager'>('worker');
  const [join, setJoin] = useState<JoinCommand>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  async function show(asked: 'worker' | 'manager') {
    setRole(asked);
    setLoading(true);
    setError(undefined);
    try {
      setJoin(await apiFetch<JoinCommand>(`/nodes/join?role=${asked}`));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-900/5" data-testid="add-node">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Add a node</h2>
          <p className="mt-0.5 text-sm text-slate-600">Run the join command as root on a new machine with Docker installed.</p>
        </div>
        <div className="flex gap-2">
          <Button onClick={() => show('worker')} busy={loading && role === 'worker'} data-testid="show-join-worker">
            Join command
          </Button>
          <Button variant="ghost" onClick={() => show('manager')} busy={loading && role === 'manager'}>
            …as a manager
          </Button>
        </div>
      </div>
      {error && (
        <div className="mt-3">
          <Alert>{error}</Alert>
        </div>
      )}
      {join && (
        <div className="mt-4 space-y-2">
          <div className="flex items-start gap-2">
            <pre className="min-w-0 flex-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100" data-testid="join-command">
              {join.command}
            </pre>
            <CopyButton text={join.command} size="sm" />
          </div>
          <p className="text-xs leading-5 text-slate-600">
            It joins as a <strong>{join.role}</strong>. The new machine must reach {join.managerAddress} (TCP), and the nodes one another on 7946 TCP/UDP and
            4789 UDP. Keep the token secret: anyone holding it can join a machine to this swarm. The node shows here once it has joined.
          </p>
        </div>
      )}
    </section>
  );
}
