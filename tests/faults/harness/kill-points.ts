// The worker SIGKILLed at a random point of an operation, then a new worker started: does the
// operation still reach the state the user asked for, with nothing made twice or left over?
// Operations cycle deploy → scale → stop → start → destroy on one VDC, so each finds the VDC in
// the state it acts on. Shared by tests/faults/worker-sigkill.test.ts and bench/faults.ts.
import { type AuthUser, createVdc, getVdc, requestOperation, updateVdc } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { CreateCounter, judge, type Wanted } from './convergence';
import type { FaultsTest } from './faults-test';
import { sleep, waitFor } from './free-port';
import { waitFinished } from './operations';
import type { WorkerProcess } from './worker-process';

export const KILL_KINDS = ['deploy', 'scale', 'stop', 'start', 'destroy'] as const;
export type KillKind = (typeof KILL_KINDS)[number];

export interface KillTry {
  kind: KillKind;
  /** Milliseconds after the operation started running that the worker was killed. */
  killAfterMs: number;
  /** The kill landed while the operation was still running (not after it finished). */
  midRun: boolean;
  converged: boolean;
  duplicates: number;
  orphans: number;
  /** The operation never finished. */
  lost: boolean;
  detail: string;
}

const WANTED: Record<KillKind, Wanted> = { deploy: 'deployed', scale: 'deployed', stop: 'stopped', start: 'deployed', destroy: 'destroyed' };

function manifest(name: string, replicas: number) {
  return manifestOf(name, [
    { name: 'db', class: 'steady' },
    { name: 'app', class: 'steady', replicas },
  ], { connections: [{ from: 'app.peer', to: 'db.in' }] });
}

export interface KillSession {
  /** Runs one try of `kind`, killing the worker `killAfterMs` after the operation starts running. */
  run(kind: KillKind, killAfterMs: number): Promise<KillTry>;
  close(): Promise<void>;
}

/** Opens a VDC for kill tries and keeps one worker process running between them. */
export async function openKillSession(t: FaultsTest, user: AuthUser, name: string, workerEnv: Record<string, string> = {}): Promise<KillSession> {
  await createVdc(user, manifest(name, 2));
  const creates = new CreateCounter(t.docker.docker, t.instance);
  let worker: WorkerProcess = t.startWorker(workerEnv);
  await worker.ready();
  let replicas = 2;

  async function request(kind: KillKind) {
    if (kind === 'scale') {
      replicas = replicas === 2 ? 4 : 2;
      const { vdc } = await getVdc(user, name);
      await updateVdc(user, name, manifest(name, replicas), vdc.revision);
      return requestOperation(user, name, 'deploy', {});
    }
    return requestOperation(user, name, kind, {});
  }

  return {
    async run(kind, killAfterMs) {
      creates.reset();
      const op = await request(kind);
      const started = await waitFor(`${kind} to start running`, 120_000, async () => {
        const row = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
        return row.status !== 'queued' ? Date.now() : undefined;
      }, 25);
      await sleep(Math.max(0, killAfterMs - (Date.now() - started)));
      const before = await getPrisma().operation.findUniqueOrThrow({ where: { id: op.id } });
      worker.kill('SIGKILL');
      await worker.exited();
      const midRun = before.status === 'running';
      worker = t.startWorker(workerEnv);
      await worker.ready();
      let lost = false;
      let detail = '';
      try {
        const done = await waitFinished(op.id, 180_000);
        if (done.status !== 'succeeded') detail = `${kind} ${done.status}: ${done.error}`;
      } catch (error) {
        lost = true;
        detail = (error as Error).message;
      }
      const verdict = await judge(user, name, WANTED[kind], creates);
      return {
        kind,
        killAfterMs,
        midRun,
        converged: !lost && verdict.converged && detail === '',
        duplicates: verdict.duplicates,
        orphans: verdict.orphans,
        lost,
        detail: [detail, verdict.converged ? '' : verdict.detail, worker.output().slice(-2000)].filter(Boolean).join('\n'),
      };
    },
    async close() {
      creates.close();
      worker.kill('SIGKILL');
      await worker.exited();
    },
  };
}
