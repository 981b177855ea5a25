// Everything a command touches outside its own arguments, passed in so tests run the real
// commands in-process against a local server, with a fast poll and captured output.
import type { ExecStdio } from './exec-stdio';

export interface CliContext {
  /** Writes one line to stdout. */
  out(line: string): void;
  /** Writes one line to stderr. */
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  readStdin(): Promise<string>;
  fetch: typeof fetch;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** How often `--wait` polls an operation. */
  pollIntervalMs: number;
  /** How long one HTTP request may take before the CLI gives up on the server. */
  requestTimeoutMs: number;
  /** Whether stdout is a terminal (`colo top --watch` redraws only there). */
  stdoutIsTty?: boolean;
  /** Asks a yes/no question on the terminal; undefined when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
  /** The terminal and raw streams `colo exec` runs a remote program on. */
  stdio?: ExecStdio;
}
