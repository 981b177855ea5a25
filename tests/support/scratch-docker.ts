// A throwaway Docker daemon whose data root is a small filesystem of the test's own: a sparse
// image file, formatted XFS (with reflink, for copy-on-write copies) or ext4, loop-mounted.
// Storage tests fill it, or check that a copy shares blocks, without going near the shared engine.
//
// The daemon has its own data root, exec root, socket and pidfile, no bridge and no iptables
// rules, and runs inside a network namespace of its own: started with `--bridge=none` in the
// host's namespace, dockerd deletes the host's `docker0`, the shared engine's default bridge.
// Images come from the shared daemon (`docker save | docker load` through dockerode streams).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';

const run = promisify(execFile);

export interface ScratchDockerOptions {
  fs: 'xfs' | 'ext4';
  sizeMiB: number;
  /** Copied from the shared daemon, which must have them. */
  images: string[];
}

export interface ScratchDocker {
  socketPath: string;
  docker: Dockerode;
  /** The mount point of the filesystem, and dockerd's --data-root (volumes live under it). */
  dataRoot: string;
  /** Bytes free for an unprivileged writer on the data root's filesystem, now. */
  freeBytes(): number;
  /** Bytes in use on it, now (after flushing it, so delayed allocation is counted). */
  usedBytes(): Promise<number>;
  /** Removes every container of this daemon, stops it, unmounts, detaches and deletes. Idempotent. */
  stop(): Promise<void>;
}

const READY_MS = 60_000;
const STOP_MS = 30_000;

export async function startScratchDocker(options: ScratchDockerOptions): Promise<ScratchDocker> {
  checkHost(options.fs);
  // Short paths: the socket's must stay under ~100 bytes.
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-scratch-'));
  const name = path.basename(dir);
  const dataRoot = path.join(dir, 'root');
  const socketPath = path.join(dir, 'd.sock');
  const logFile = path.join(dir, 'dockerd.log');
  const docker = new Dockerode({ socketPath });
  const state: StartedParts = { dir, dataRoot, netns: name, docker };

  const scratch: ScratchDocker = {
    socketPath,
    docker,
    dataRoot,
    freeBytes: () => {
      const s = statfsSync(dataRoot);
      return s.bavail * s.bsize;
    },
    usedBytes: async () => {
      await run('sync', ['-f', dataRoot]);
      const s = statfsSync(dataRoot);
      return (s.blocks - s.bfree) * s.bsize;
    },
    stop: () => stopScratch(state),
  };
  try {
    const image = path.join(dir, 'disk.img');
    const fd = openSync(image, 'w');
    // One byte at the end: a sparse file of the full size, costing the host next to nothing.
    writeSync(fd, Buffer.alloc(1), 0, 1, options.sizeMiB * 1024 ** 2 - 1);
    closeSync(fd);
    await step(`formatting ${options.sizeMiB} MiB as ${options.fs}`, () =>
      // ext4 without root-reserved blocks: the volume tool runs as root and could use them, so
      // `df` would count less room than a copy finds.
      options.fs === 'xfs' ? run('mkfs.xfs', ['-q', '-m', 'reflink=1', image]) : run('mkfs.ext4', ['-q', '-F', '-m', '0', image]),
    );
    state.loop = (await step('attaching the image to a loop device', () => run('losetup', ['--find', '--show', image]))).stdout.trim();
    mkdirSync(dataRoot);
    await step(`mounting ${state.loop} on ${dataRoot}`, () => run('mount', [state.loop!, dataRoot]));
    await step(`creating network namespace ${name}`, async () => {
      await run('ip', ['netns', 'add', name]);
      state.netnsMade = true;
      await run('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
    });
    state.daemon = startDockerd(dir, name, socketPath, logFile);
    await waitReady(docker, state.daemon, logFile);
    for (const ref of options.images) await step(`copying image ${ref} from the shared daemon`, () => copyImage(new Dockerode(), docker, ref));
    return scratch;
  } catch (error) {
    const leftover = await scratch.stop().then(
      () => '',
      (e: Error) => `; then ${e.message}`,
    );
    if (!leftover) throw error;
    throw new Error(`${(error as Error).message}${leftover}`, { cause: error });
  }
}

interface StartedParts {
  dir: string;
  dataRoot: string;
  netns: string;
  docker: Dockerode;
  loop?: string;
  netnsMade?: boolean;
  daemon?: ChildProcess;
}

/** Root, and every tool the daemon needs: without them the storage tests fail, never skip. */
function checkHost(fs: ScratchDockerOptions['fs']): void {
  if (process.getuid?.() !== 0) throw new Error('a scratch Docker daemon needs root (loop mounts, dockerd)');
  const mkfs = fs === 'xfs' ? 'mkfs.xfs' : 'mkfs.ext4';
  const missing = [mkfs, 'losetup', 'mount', 'ip', 'nsenter', 'dockerd'].filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    const hint = missing.includes('mkfs.xfs') ? ' (mkfs.xfs: apt-get install xfsprogs; scripts/lib/services.sh does)' : '';
    throw new Error(`a scratch Docker daemon needs ${missing.join(', ')} on PATH${hint}`);
  }
}

function onPath(tool: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
  return dirs.some((d) => {
    try {
      accessSync(path.join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function startDockerd(dir: string, netns: string, socketPath: string, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  mkdirSync(path.join(dir, 'tmp'));
  const child = spawn(
    // nsenter execs dockerd in place (so the child's pid is dockerd's); not `ip netns exec`, which
    // remounts /sys and hides the cgroup mounts dockerd needs.
    'nsenter',
    [
      `--net=/var/run/netns/${netns}`,
      'dockerd',
      '--data-root', path.join(dir, 'root'),
      '--exec-root', path.join(dir, 'exec'),
      '--pidfile', path.join(dir, 'd.pid'),
      '-H', `unix://${socketPath}`,
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
      '--ip-forward=false',
      '--userland-proxy=false',
      '--storage-driver=overlay2',
    ],
    // `docker load` unpacks the archive under DOCKER_TMPDIR (by default in the data root): keep
    // that on the host's disk, so the small filesystem holds only what the test measures.
    { stdio: ['ignore', out, out], env: { ...process.env, DOCKER_TMPDIR: path.join(dir, 'tmp') } },
  );
  closeSync(out);
  return child;
}

async function waitReady(docker: Dockerode, daemon: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  let exited: string | undefined;
  daemon.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `status ${code}`}`;
  });
  daemon.once('error', (error) => {
    exited = `could not start: ${error.message}`;
  });
  for (;;) {
    if (await docker.ping().then(() => true, () => false)) return;
    if (exited || Date.now() > deadline) {
      throw new Error(`the scratch dockerd ${exited ?? `did not answer within ${READY_MS / 1000} s`}; its log ends:\n${logTail(logFile)}`);
    }
    await sleep(200);
  }
}

async function copyImage(from: Dockerode, to: Dockerode, ref: string): Promise<void> {
  const tar = await from.getImage(ref).get();
  const answer = await to.loadImage(tar);
  const lines = await new Promise<{ error?: string }[]>((resolve, reject) => to.modem.followProgress(answer, (err, res) => (err ? reject(err) : resolve(res))));
  const failed = lines.find((l) => l.error);
  if (failed) throw new Error(failed.error);
  await to.getImage(ref).inspect();
}

/**
 * Undoes whatever start got to, in reverse: each step is tried even when an earlier one failed,
 * and every failure is reported. Only the processes this module started are signalled.
 */
async function stopScratch(state: StartedParts): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  const daemon = state.daemon;
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    // Everything in this daemon is the test's own; removed first so none outlives it in a shim.
    await attempt('removing its containers', async () => {
      for (const c of await state.docker.listContainers({ all: true })) await state.docker.getContainer(c.Id).remove({ force: true });
    });
    await attempt('stopping dockerd', () => stopProcess(daemon));
  }
  state.daemon = undefined;
  await attempt('stopping what a hard-stopped dockerd left running', () => killLeftovers(state.dir));
  await attempt(`unmounting what is mounted under ${state.dir}`, () => unmountAll(state.dir));
  if (state.loop) {
    const loop = state.loop;
    await attempt(`detaching ${loop}`, () => run('losetup', ['-d', loop]));
    state.loop = undefined;
  }
  if (state.netnsMade) {
    await attempt(`deleting network namespace ${state.netns}`, () => run('ip', ['netns', 'delete', state.netns]));
    state.netnsMade = false;
  }
  await attempt(`deleting ${state.dir}`, async () => rmSync(state.dir, { recursive: true, force: true }));
  if (problems.length > 0) throw new Error(`stopping the scratch Docker daemon: ${problems.join('; ')}`);
}

/** SIGTERM (dockerd stops its containerd child itself), SIGKILL after a while; resolves on exit. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * dockerd stops its containerd and containers itself, unless it died hard (a crash, SIGKILL):
 * then they run on and hold the filesystem. They are found by our folder in their command line
 * (containerd, the shims; a shim's container is its child) and killed by pid, containers first.
 */
async function killLeftovers(dir: string): Promise<void> {
  const processes = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => processInfo(Number(entry)))
    .filter((p): p is ProcessInfo => p !== undefined);
  const ours = processes.filter((p) => p.cmdline.includes(dir));
  const containers = processes.filter((p) => ours.some((o) => o.pid === p.ppid) && !ours.includes(p));
  const doomed = [...containers, ...ours].map((p) => p.pid);
  for (const pid of doomed) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const deadline = Date.now() + STOP_MS;
  while (doomed.some((pid) => processInfo(pid)) && Date.now() < deadline) await sleep(100);
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    // State and parent follow the command name, which may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') return undefined; // a zombie is gone, only not reaped yet
    return { pid, ppid: Number(ppid), cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
  } catch {
    return undefined;
  }
}

/** The data root and whatever dockerd left mounted (overlay layers, container netns files), deepest first. */
async function unmountAll(mountPoint: string): Promise<void> {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((m): m is string => m !== undefined && (m === mountPoint || m.startsWith(`${mountPoint}/`)))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) await run('umount', [m]).catch(() => run('umount', ['-l', m]));
}

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    // A tool's first lines say what went wrong; mkfs follows them with its whole usage text.
    const e = error as Error & { stderr?: string };
    const reason = (e.stderr || e.message).trim().split('\n').slice(0, 3).join('\n');
    throw new Error(`scratch Docker daemon: ${what} failed: ${reason}`);
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
