// The real worker (apps/worker/src/main.ts) as a child process, in its own process group so a
// SIGKILL takes it whole, as a crash or an OOM kill of the host would.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): void;
  exited(): Promise<void>;
  /** Resolves once the worker logged that it is ready. */
  ready(timeoutMs?: number): Promise<void>;
}

const all = new Set<WorkerProcess>();

export function startWorkerProcess(env: NodeJS.ProcessEnv): WorkerProcess {
  // `node --import tsx`, not the tsx CLI: the CLI is a supervisor that may SIGKILL its child.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let out = '';
  const onData = (b: Buffer) => {
    out += b;
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const worker: WorkerProcess = {
    child,
    output: () => out,
    kill(signal) {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        /* gone */
      }
    },
    exited: () =>
      child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r())),
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (!/colo worker ready/.test(out)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker exited before it was ready:\n${out}`);
        if (Date.now() > deadline) throw new Error(`the worker was not ready after ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  all.add(worker);
  child.once('exit', () => all.delete(worker));
  return worker;
}

/** SIGKILLs every worker this process started that still runs (test teardown). */
export async function killAllWorkers(): Promise<void> {
  const running = [...all];
  for (const w of running) w.kill('SIGKILL');
  await Promise.all(running.map((w) => w.exited()));
}
