// What a terminal can be opened on. A target is made by a function that has already checked the
// caller may use it (an admin for a class prototype; later, the owner for a VDC appliance's
// replica), so the session itself knows nothing of classes or VDCs.
import type { InteractiveExec, TerminalSize } from '@colo/engine';
import type { TokenScope } from '../auth/token-scope';

export interface TerminalTarget {
  /** What the terminal is attached to, in words: `the prototype of web-php (from version 2)`. */
  title: string;
  /** The API token scope typing into it needs (a browser session has every scope of its user). */
  scope: TokenScope;
  /**
   * Whether why it closed is left off the output (said in the `closed` event only): a program's
   * output on a pipe (`colo exec` without a TTY) stays exactly what it wrote.
   */
  quiet?: boolean;
  /** Whether output, not only input, counts against the idle limit (a command run, not a shell). */
  outputKeepsAlive?: boolean;
  /** Starts the shell. */
  open(size: TerminalSize): Promise<InteractiveExec>;
  /**
   * Checks again that the owner may still use it (still an admin, still the VDC's owner); throws
   * `forbidden` or `not_found` once not. Runs with every recheck of the owner's credentials.
   */
  authorize(): Promise<void>;
  /**
   * Told once when the terminal closes (why, the shell's exit status, how long it was open), for
   * the audit log. Must not throw.
   */
  closed?(end: { reason: string; exitCode: number | null; openMs: number }): void;
}
