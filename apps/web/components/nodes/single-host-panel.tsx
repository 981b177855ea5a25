'use client';
// Not a swarm: this one machine, what a swarm would bring, and the one button that makes Colo's
// Docker engine a swarm manager (after a confirmation, with an optional advertise address).
import type { ClusterStatusAnswer } from '@colo/api';
import { useState } from 'react';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { Field, Input } from '../ui/input';
import { formatBytes } from '../../lib/format-bytes';
import { formatCpus } from './node-runs';

export function SingleHostPanel({ status, onInitialise }: { status: ClusterStatusAnswer; onInitialise: (advertiseAddress?: string) => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [address, setAddress] = useState('');
  const h = status.host;
  const worker = status.mode === 'worker';
  return (
    <div className="space-y-4" data-testid="nodes-single">
      <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
        <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
          <div>
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Single host</p>
            <p className="mt-0.5 text-lg font-semibold text-slate-900" data-testid="single-host-name">
              {h.hostname}
            </p>
          </div>
          <dl className="flex gap-8 text-sm">
            <div>
              <dt className="text-slate-500">CPU</dt>
              <dd className="font-medium text-slate-900" data-testid="single-host-cpus">
                {formatCpus(h.cpus)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Memory</dt>
              <dd className="font-medium text-slate-900" data-testid="single-host-memory">
                {formatBytes(h.memoryBytes)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Docker</dt>
              <dd className="font-medium text-slate-900">{h.engineVersion}</dd>
            </div>
          </dl>
        </div>
      </div>
      <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-6" data-testid="nodes-explanation">
        {worker ? (
          <>
            <h2 className="text-base font-semibold text-slate-900">Colo’s Docker engine is a worker of a swarm</h2>
            <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">
              Colo manages nodes through a swarm manager. Point Colo at a manager’s Docker engine (DOCKER_HOST) to list, drain and remove the swarm’s nodes
              here.
            </p>
          </>
        ) : (
          <>
            <h2 className="text-base font-semibold text-slate-900">Colo runs every VDC on this one machine</h2>
            <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">
              To spread VDCs over several machines, Colo uses Docker Swarm. Initialising makes this machine’s Docker engine the swarm’s first manager: nothing
              that runs now stops or moves. Then “Add a node” shows the command that joins another machine. Colo never does this on its own.
            </p>
            <Button variant="primary" className="mt-4" onClick={() => setAsking(true)} data-testid="nodes-init">
              Initialise a swarm
            </Button>
          </>
        )}
      </div>
      <ConfirmDialog
        open={asking}
        title="Initialise a swarm on this machine?"
        description="This machine’s Docker engine becomes a swarm manager. Overlay networks get an address pool that overlaps none this engine already uses."
        confirmLabel="Initialise"
        onConfirm={() => onInitialise(address.trim() || undefined)}
        onClose={() => setAsking(false)}
        testId="nodes-init-dialog"
      >
        <Field label="Advertise address (optional)" hint="The address other machines reach this one on; Docker picks it when the machine has one.">
          {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} value={address} onChange={(e) => setAddress(e.target.value)} data-testid="nodes-init-address" />}
        </Field>
      </ConfirmDialog>
    </div>
  );
}
