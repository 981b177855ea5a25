// Runs the real CLI dispatch in-process, with output captured and the environment pointed at a
// fake server and a private config directory, so no test reads or writes the user's config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliContext } from '../src/context';
import type { ExecStdio } from '../src/exec-stdio';
import { run } from '../src/run';
import type { FakeColo } from './fake-colo';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  server?: FakeColo;
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
  confirm?: CliContext['confirm'];
  /** `colo exec`'s terminal; unless told, pipes: stdin is `stdin`, bytes written go to stdout. */
  stdio?: ExecStdio;
  now?: number;
}

const created: string[] = [];

/** A fresh directory under the system temp dir, removed after the test file by removeTempDirs. */
export function tempDir(prefix = 'colo-cli-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const home = tempDir();
  const env: Record<string, string | undefined> = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    ...(options.server ? { COLO_URL: options.server.url, COLO_TOKEN: options.server.token } : {}),
    ...options.env,
  };
  const ctx: CliContext = {
    out: (line) => out.push(`${line}\n`),
    err: (line) => err.push(line),
    env,
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => options.stdin ?? '',
    fetch: globalThis.fetch,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => options.now ?? Date.now(),
    pollIntervalMs: 2,
    // Generous: the suite's lanes share two cores, and a loaded machine can take seconds to answer
    // even a local fake server (the timeout itself is tested in api-client.test.ts).
    requestTimeoutMs: 30_000,
    confirm: options.confirm,
    stdio: options.stdio ?? pipeStdio(options.stdin ?? '', (text) => out.push(text)),
  };
  const code = await run(argv, ctx);
  return { code, stdout: out.join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

/** Standard streams that are pipes: `input` then its end on stdin, stdout's bytes to `write`. */
export function pipeStdio(input: string, write: (text: string) => void): ExecStdio {
  return {
    isTTY: false,
    size: () => ({ cols: 80, rows: 24 }),
    onResize: () => () => {},
    setRaw: () => {},
    write: (bytes) => write(Buffer.from(bytes).toString('utf8')),
    onInput(listener) {
      let stopped = false;
      setTimeout(() => {
        if (stopped) return;
        if (input !== '') listener(Buffer.from(input, 'utf8'));
        listener(null);
      }, 0);
      return () => {
        stopped = true;
      };
    },
  };
}
