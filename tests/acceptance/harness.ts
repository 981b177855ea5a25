// What the end-to-end tests share: starting the real web app and worker as child processes
// against the test database, running the real `colo` CLI, looking at Docker by this run's
// instance label, and cleaning up everything that label marks — even when a test fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const docker = new Docker();

/** Every Docker object this test run makes carries `colo.instance=<instance>`. */
export const instance = `acc-${randomBytes(3).toString('hex')}`;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through bash scripts/test.sh`);
  return value;
}

export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    COLO_INSTANCE: instance,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Service {
  proc: ChildProcess;
  output: () => string;
  /** SIGKILL the whole process group (tsx/next spawn children). */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startService(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Service {
  const proc = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    output: () => out,
    kill: async (signal = 'SIGKILL') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      try {
        process.kill(-(proc.pid as number), signal);
      } catch {
        /* already gone */
      }
      await exited;
    },
  };
}

export function startWorker(env: NodeJS.ProcessEnv): Service {
  return startService(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], ROOT, env);
}

export async function startWeb(port: number, env: NodeJS.ProcessEnv): Promise<Service> {
  const web = startService(
    path.join(ROOT, 'node_modules/.bin/next'),
    ['start', '-H', '127.0.0.1', '-p', String(port)],
    path.join(ROOT, 'apps/web'),
    env,
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`);
      if (res.status === 401 || res.status === 200) return web;
    } catch {
      /* not listening yet */
    }
    if (web.proc.exitCode !== null) break;
    await sleep(300);
  }
  await web.kill();
  throw new Error(`web did not start on port ${port}:\n${web.output()}`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `colo` command as a user would, from the repo root. */
export function colo(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/colo'), args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b) => {
      stdout += b;
    });
    proc.stderr.on('data', (b) => {
      stderr += b;
    });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`colo ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export function cliEnv(url: string, token: string): NodeJS.ProcessEnv {
  return baseEnv({ COLO_URL: url, COLO_TOKEN: token, XDG_CONFIG_HOME: mkdtempSync(path.join(tmpdir(), 'colo-cli-')) });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `explain`, when given, is asked on a timeout for what the error should add (e.g. explainVdc). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
  everyMs = 500,
  explain?: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  const context = explain ? `\n${await explain().catch((e: Error) => `(explaining failed: ${e.message})`)}` : '';
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}${context}`);
}

/**
 * What a VDC's containers are doing, for a failure message: state, health and restarts of each,
 * and for any that is not running healthy its last health checks and log lines.
 */
export async function explainVdc(vdcId: string): Promise<string> {
  const lines: string[] = [];
  for (const c of await vdcContainers(vdcId)) {
    const info = await docker.getContainer(c.Id).inspect();
    const health = info.State.Health;
    lines.push(`${info.Name}: ${info.State.Status}${health ? ` (${health.Status})` : ''}, restarts ${info.RestartCount}, exit ${info.State.ExitCode}${info.State.OOMKilled ? ', OOM-killed' : ''}`);
    if (info.State.Status === 'running' && (!health || health.Status === 'healthy')) continue;
    for (const h of (health?.Log ?? []).slice(-2)) lines.push(`    health ${h.ExitCode}: ${String(h.Output).trim().slice(0, 200)}`);
    const logs = (await docker.getContainer(c.Id).logs({ stdout: true, stderr: true, tail: 12 })) as unknown as Buffer;
    // Multiplexed frames: keep printable text.
    for (const l of logs.toString('utf8').replace(/[^\x20-\x7e\n]/g, '').split('\n').filter(Boolean)) lines.push(`    | ${l.slice(0, 200)}`);
  }
  return lines.join('\n');
}

export function instanceFilter(extra: string[] = []) {
  return { filters: { label: [`colo.instance=${instance}`, ...extra] } };
}

export async function vdcContainers(vdcId: string, appliance?: string) {
  const labels = [`colo.vdc=${vdcId}`, ...(appliance ? [`colo.appliance=${appliance}`] : [])];
  return docker.listContainers({ all: true, ...instanceFilter(labels) });
}

export async function vdcNetworks(vdcId: string) {
  return docker.listNetworks(instanceFilter([`colo.vdc=${vdcId}`]));
}

export async function vdcVolumes(vdcId: string) {
  const res = await docker.listVolumes(instanceFilter([`colo.vdc=${vdcId}`]));
  return res.Volumes ?? [];
}

/** Runs a command inside a container and returns its exit code and output. */
export async function execIn(containerId: string, cmd: string[], timeoutMs = 20_000): Promise<{ code: number; output: string }> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  let output = '';
  stream.on('data', (b: Buffer) => {
    output += b.toString('utf8');
  });
  await Promise.race([new Promise((r) => stream.on('end', r)), sleep(timeoutMs)]);
  const info = await exec.inspect();
  return { code: info.ExitCode ?? -1, output };
}

/** Removes every container, network and volume this run made, found by its instance label. */
export async function cleanupInstance(): Promise<void> {
  const containers = await docker.listContainers({ all: true, ...instanceFilter() });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: false }).catch(() => {})));
  const networks = await docker.listNetworks(instanceFilter());
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})));
  const volumes = (await docker.listVolumes(instanceFilter())).Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(() => {})));
}

/** GETs a URL on 127.0.0.1 `count` times and returns the parsed JSON bodies. */
export async function hitMany<T>(url: string, count: number): Promise<T[]> {
  const bodies: T[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(url, { headers: { accept: 'application/json', connection: 'close' } });
    if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${await res.text()}`);
    bodies.push((await res.json()) as T);
  }
  return bodies;
}

export interface LoadResult {
  sent: number;
  failed: { at: number; error: string }[];
  /** Bodies of the answers in the order the requests went out, consecutive repeats folded. */
  answers: string[];
  seconds: number;
}

/**
 * GETs `url` at a steady `perSecond` (each request on its own connection, at most 64 in flight)
 * until stopped, recording every answer. Bounded: it stops by itself after `maxSeconds`.
 */
export function steadyLoad(url: string, perSecond: number, maxSeconds = 180) {
  const started = Date.now();
  const results: { at: number; body?: string; error?: string }[] = [];
  let inFlight = 0;
  let stopped = false;
  // Each tick sends what the rate owes by now: a late tick (a busy event loop) catches up
  // instead of lowering the rate.
  const tick = () => {
    if (stopped || Date.now() - started > maxSeconds * 1000) return stop();
    const owed = Math.floor(((Date.now() - started) / 1000) * perSecond) + 1 - results.length;
    for (let i = 0; i < owed && inFlight < 64; i++) fire();
  };
  const fire = () => {
    const record: { at: number; body?: string; error?: string } = { at: Date.now() - started };
    results.push(record);
    inFlight++;
    fetch(url, { headers: { connection: 'close' }, signal: AbortSignal.timeout(10_000) })
      .then(async (res) => {
        const text = await res.text();
        if (res.ok) record.body = text.trim();
        else record.error = `${res.status}: ${text.slice(0, 120)}`;
      })
      .catch((e: Error) => {
        record.error = e.message;
      })
      .finally(() => {
        inFlight--;
      });
  };
  const timer = setInterval(tick, Math.round(1000 / perSecond / 2));
  function stop() {
    stopped = true;
    clearInterval(timer);
  }
  const answered = () => results.filter((r) => r.body !== undefined);
  return {
    stop,
    /** The newest answer's body (by the time its request went out). */
    last: () => answered().at(-1)?.body,
    failures: () => results.filter((r) => r.error !== undefined),
    async for(ms: number) {
      await sleep(ms);
    },
    /** Waits for `done`; a timeout says what the last answers and failures were, and `explain`'s words. */
    async until(what: string, done: () => boolean, timeoutMs = 60_000, explain?: () => Promise<string>) {
      await waitFor(what, async () => done(), timeoutMs, 100, async () => {
        const recent = results.slice(-5).map((r) => `${r.at} ms: ${r.body ?? r.error ?? 'in flight'}`);
        return [`last requests (${results.length} sent):`, ...recent, ...(explain ? [await explain()] : [])].join('\n');
      });
    },
    report(): LoadResult {
      // Requests still in flight when stopped count once they end; wait for them first.
      const answers: string[] = [];
      for (const r of answered()) if (answers.at(-1) !== r.body) answers.push(r.body as string);
      return {
        sent: results.length,
        failed: results.filter((r) => r.error !== undefined).map((r) => ({ at: r.at, error: r.error as string })),
        answers,
        seconds: (Math.max(...results.map((r) => r.at), 0) + 1000 / perSecond) / 1000,
      };
    },
    /** Resolves once no request is in flight. */
    async drained() {
      await waitFor('the last requests to finish', async () => inFlight === 0, 15_000, 50);
    },
  };
}
