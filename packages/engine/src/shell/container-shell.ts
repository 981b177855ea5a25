// A person's shell in a container, on a terminal: bash where the image has it, else sh, and a
// terminal type full-screen programs know how to draw on. The targets are a class prototype (as
// root) and an appliance replica (as the container's own user), or one command in the replica.
import type { InteractiveExec, Runtime } from '../runtime/runtime';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ShellOptions extends TerminalSize {
  /** Unset: the container's own user. */
  user?: string;
  /** A command to run instead of the shell (its words, never spliced into a script). */
  command?: string[];
  /** false: no TTY (a `colo exec` on a pipe; see InteractiveExecOptions.tty). */
  tty?: boolean;
}

// A fixed script, nothing spliced in: it only picks the shell.
const SHELL = ['/bin/sh', '-c', 'if [ -x /bin/bash ]; then exec /bin/bash; fi; exec /bin/sh'];

export function openContainerShell(runtime: Runtime, container: string, o: ShellOptions): Promise<InteractiveExec> {
  const cmd = o.command && o.command.length > 0 ? o.command : SHELL;
  return runtime.execInteractive(container, { cmd, env: ['TERM=xterm-256color'], user: o.user, cols: o.cols, rows: o.rows, tty: o.tty });
}
