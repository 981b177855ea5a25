'use client';
// "Add a node": the one line a new machine runs (Colo's bootstrap images from a one-use link,
// then the join) and the join alone, fetched on demand (it carries the swarm's join token, and
// each read of it is audited), with what the machine needs to join.
import type { z } from 'zod';
import type { joinCommandSchema } from '@colo/api';
import { useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';

type JoinCommand = z.infer<typeof joinCommandSchema>;

/** A link on this machine's own loopback works nowhere else. */
function loopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

function CommandLine({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="flex items-start gap-2">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100" data-testid={testId}>
        {text}
      </pre>
      <CopyButton text={text} size="sm" />
    </div>
  );
}

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
          <p className="mt-0.5 text-sm text-slate-600">Run the command as root on a new machine with Docker installed: it loads Colo&apos;s images and joins.</p>
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
          {join.bootstrapCommand && join.bootstrap && (
            <>
              <p className="text-xs text-slate-600">On the new machine, as root: load Colo&apos;s images, then join.</p>
              <CommandLine text={join.bootstrapCommand} testId="node-add-command" />
              <p className="text-xs leading-5 text-slate-600">
                The link serves {join.bootstrap.images.join(' and ')} once, until {new Date(join.bootstrap.expiresAt).toLocaleTimeString()}: a node needs them before it can
                pull from Colo&apos;s registry. Show the command again for a new link.
                {loopback(join.bootstrap.url) && (
                  <strong className="block text-amber-700" data-testid="bootstrap-loopback">
                    The link names {new URL(join.bootstrap.url).hostname}, which another machine cannot reach: open Colo at the address other machines use, or set
                    COLO_PUBLIC_URL.
                  </strong>
                )}
              </p>
              <p className="pt-1 text-xs text-slate-600">The join alone, for a machine that has the images already:</p>
            </>
          )}
          <CommandLine text={join.command} testId="join-command" />
          <p className="text-xs leading-5 text-slate-600">
            It joins as a <strong>{join.role}</strong>. The new machine must reach {join.managerAddress} (TCP), and the nodes one another on 7946 TCP/UDP and
            4789 UDP. Keep the token secret: anyone holding it can join a machine to this swarm. The node shows here once it has joined.
          </p>
        </div>
      )}
    </section>
  );
}
