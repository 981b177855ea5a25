// An interactive exec on a real Docker engine: a process with a TTY, attached both ways over one
// hijacked connection. A TTY merges the outputs, so the bytes are raw (no frames to demux).
//
// Docker does not end an exec when its client goes away: the process keeps the terminal open
// and waits for input that never comes. So every such process carries a marker in its
// environment (inherited by what it starts), and hanging up sends SIGHUP to each process that
// has it, as a closing terminal would.
import { randomBytes } from 'node:crypto';
import { Duplex, PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { toEngineError } from './docker-errors';
import type { InteractiveExec, InteractiveExecOptions } from './runtime';

const MARKER = 'COLO_EXEC_SESSION';
// $1 is the marker's value: passed as an argument, never spliced into the script.
const HANG_UP = `for d in /proc/[0-9]*; do
  if tr '\\0' '\\n' < "$d/environ" 2>/dev/null | grep -qx "${MARKER}=$1"; then kill -HUP "\${d#/proc/}" 2>/dev/null; fi
done; true`;

export async function startInteractiveExec(docker: Dockerode, idOrName: string, o: InteractiveExecOptions): Promise<InteractiveExec> {
  const marker = randomBytes(12).toString('hex');
  const container = docker.getContainer(idOrName);
  const tty = o.tty !== false;
  let exec: Dockerode.Exec;
  let raw: Duplex;
  try {
    exec = await container.exec({
      Cmd: o.cmd,
      Env: [...(o.env ?? []), `${MARKER}=${marker}`],
      User: o.user,
      WorkingDir: o.workingDir,
      Tty: tty,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
    raw = (await exec.start({ hijack: true, stdin: true, Tty: tty, Detach: false })) as Duplex;
  } catch (error) {
    throw toEngineError(error, `open a terminal in ${idOrName}`);
  }
  const stream = tty ? raw : withoutFrames(docker, raw);

  let closing: Promise<void> | undefined;
  const ended = new Promise<{ exitCode: number | null }>((resolve) => {
    let seen = false;
    const finish = () => {
      if (seen) return;
      seen = true;
      void exitCodeOf(exec).then((exitCode) => resolve({ exitCode }));
    };
    raw.on('end', finish);
    raw.on('close', finish);
    // A broken connection is an end like any other; the caller learns of it through `ended`.
    raw.on('error', finish);
    stream.on('error', finish);
  });

  const resize = async (cols: number, rows: number) => {
    // Without a TTY there is no screen to size.
    if (!tty) return;
    try {
      await exec.resize({ h: rows, w: cols });
    } catch (error) {
      throw toEngineError(error, `resize the terminal in ${idOrName}`);
    }
  };
  const handle: InteractiveExec = {
    stream,
    resize,
    ended,
    close() {
      closing ??= (async () => {
        stream.destroy();
        raw.destroy();
        // As the terminal's own user: the one that may signal its processes and read their environment.
        if (await runQuietly(container, ['/bin/sh', '-c', HANG_UP, 'sh', marker], o.user)) await ended;
      })();
      return closing;
    },
  };
  try {
    await firstResize(resize, o.cols, o.rows);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Without a TTY Docker frames stdout and stderr on the connection: the readable side is both,
 * unframed, in the order written; ending the writable side half-closes the connection, which
 * Docker passes on as the end of the program's stdin.
 */
function withoutFrames(docker: Dockerode, raw: Duplex): Duplex {
  const out = new PassThrough();
  docker.modem.demuxStream(raw, out, out);
  raw.on('end', () => out.end());
  raw.on('close', () => out.end());
  return Duplex.from({ readable: out, writable: raw });
}

/** Docker may not have started the process when start returns; its own CLI retries the first resize too. */
async function firstResize(resize: (cols: number, rows: number) => Promise<void>, cols: number, rows: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await resize(cols, rows);
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt));
    }
  }
}

/** The exit code once Docker says the process stopped; null when it cannot tell (the container is gone). */
async function exitCodeOf(exec: Dockerode.Exec): Promise<number | null> {
  for (let i = 0; i < 50; i++) {
    try {
      const info = await exec.inspect();
      if (!info.Running) return info.ExitCode ?? null;
    } catch {
      return null;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Runs a command and waits for it, output ignored; false when it could not run (the container is gone or stopped). */
async function runQuietly(container: Dockerode.Container, cmd: string[], user: string | undefined): Promise<boolean> {
  try {
    const exec = await container.exec({ Cmd: cmd, User: user, AttachStdout: true, AttachStderr: true });
    const out = await exec.start({ hijack: true, stdin: false });
    out.resume();
    await new Promise<void>((resolve) => {
      out.on('end', resolve);
      out.on('close', resolve);
      out.on('error', () => resolve());
    });
    return true;
  } catch {
    return false;
  }
}
