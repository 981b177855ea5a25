// A Docker daemon of the test's own: its own --data-root, --exec-root, unix socket and pidfile,
// no default bridge and no iptables rules, run inside a network namespace of its own, so
// restarting it never disturbs the shared engine or anyone's containers. (In the host's
// namespace a restarted daemon deletes the host's `docker0`, the shared engine's default bridge.)
// Images reach it from the shared daemon through `docker save | docker load` done with dockerode
// streams.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { waitFor } from './free-port';

const run = promisify(execFile);

export interface PrivateDocker {
  dir: string;
  socket: string;
  /** `unix://…`, for DOCKER_HOST. */
  host: string;
  docker: Dockerode;
  /** SIGTERM, as a host shutdown or `systemctl stop docker` does; waits until it is gone. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Copies an image from the shared daemon into this one. */
  loadImage(ref: string): Promise<void>;
  /** Builds a tiny image from a Dockerfile text (FROM an image already loaded). */
  buildImage(tag: string, dockerfile: string): Promise<void>;
  close(): Promise<void>;
  log(): string;
}

/** Starts a new private daemon in a fresh temp dir. */
export async function startPrivateDocker(): Promise<PrivateDocker> {
  // Short paths: a unix socket path must stay under ~100 bytes.
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-fd-'));
  mkdirSync(path.join(dir, 'data'));
  mkdirSync(path.join(dir, 'exec'));
  const daemon = attachPrivateDocker(dir);
  await daemon.start();
  return daemon;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The daemon living in `dir`, from any process: vitest's global setup starts it, a test file
 * stops and starts it again (found by its pidfile), and the global teardown removes it.
 */
export function attachPrivateDocker(dir: string): PrivateDocker {
  const socket = path.join(dir, 'd.sock');
  const pidfile = path.join(dir, 'd.pid');
  const logFile = path.join(dir, 'dockerd.log');
  const netns = `colo-${path.basename(dir)}`;
  const docker = new Dockerode({ socketPath: socket });

  const pid = (): number | undefined => {
    try {
      const n = Number(readFileSync(pidfile, 'utf8').trim());
      return n > 0 && alive(n) ? n : undefined;
    } catch {
      return undefined;
    }
  };

  async function start(): Promise<void> {
    if (pid() !== undefined) return;
    await ensureNetns(netns);
    const out = openSync(logFile, 'a');
    const child = spawn(
      // nsenter, not `ip netns exec`: that remounts /sys and hides the cgroup mounts dockerd needs.
      'nsenter',
      [
        `--net=/var/run/netns/${netns}`,
        'dockerd',
        '--data-root', path.join(dir, 'data'),
        '--exec-root', path.join(dir, 'exec'),
        '-H', `unix://${socket}`,
        '--pidfile', pidfile,
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
        '--ip-forward=false',
        '--userland-proxy=false',
        '--storage-driver=overlay2',
      ],
      // Its own process group and unref'd: it outlives the test file that (re)started it.
      { stdio: ['ignore', out, out], detached: true },
    );
    child.unref();
    await waitFor('the private dockerd to answer', 60_000, async () => ((await docker.ping()) ? true : undefined), 250);
  }

  async function stop(): Promise<void> {
    const p = pid();
    if (p === undefined) return;
    process.kill(p, 'SIGTERM');
    // dockerd gives containers up to 10 s to stop, then shuts down itself.
    const deadline = Date.now() + 45_000;
    while (alive(p) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (alive(p)) process.kill(p, 'SIGKILL');
    while (alive(p)) await new Promise((r) => setTimeout(r, 100));
  }

  const shared = new Dockerode();
  return {
    dir,
    socket,
    host: `unix://${socket}`,
    docker,
    stop,
    start,
    async loadImage(ref) {
      if (await docker.getImage(ref).inspect().then(() => true, () => false)) return;
      const tar = await shared.getImage(ref).get();
      const answer = await docker.loadImage(tar as NodeJS.ReadableStream);
      await new Promise<void>((resolve, reject) => docker.modem.followProgress(answer, (err) => (err ? reject(err) : resolve())));
      await docker.getImage(ref).inspect();
    },
    async buildImage(tag, dockerfile) {
      const context = mkdtempSync(path.join(tmpdir(), 'colo-fd-build-'));
      try {
        writeFileSync(path.join(context, 'Dockerfile'), dockerfile);
        const stream = await docker.buildImage({ context, src: ['Dockerfile'] }, { t: tag, rm: true });
        const output = await new Promise<{ error?: string }[]>((resolve, reject) =>
          docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res))),
        );
        const failed = output.find((line) => line.error);
        if (failed) throw new Error(`build ${tag}: ${failed.error}`);
      } finally {
        rmSync(context, { recursive: true, force: true });
      }
    },
    async close() {
      // Everything in this daemon is the tests' own: remove it all, then the daemon and its files.
      try {
        for (const c of await docker.listContainers({ all: true })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
      } catch {
        /* the daemon is down */
      }
      await stop();
      // dockerd bind-mounts its data root (and overlay layers) under the temp dir.
      const mounts = readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[1])
        .filter((m) => m?.startsWith(dir))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) await run('umount', ['-l', m]).catch(() => {});
      await run('ip', ['netns', 'delete', netns]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      } catch {
        return '';
      }
    },
  };
}

/** A network namespace of the test's own (loopback only), made once. */
async function ensureNetns(name: string): Promise<void> {
  const { stdout } = await run('ip', ['netns', 'list']);
  if (stdout.split('\n').some((line) => line.split(' ')[0] === name)) return;
  await run('ip', ['netns', 'add', name]);
  await run('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
}
