// A person's shell in a container, on a terminal: bash where the image has it, else sh, and a
// terminal type full-screen programs know how to draw on. The first target is a class prototype;
// an appliance replica is the same call with the replica's container and user.
import type { InteractiveExec, Runtime } from '../runtime/runtime';

export interface TerminalSize {
  cols: number;
  rows: number;
}

// A fixed script, nothing spliced in: it only picks the shell.
const SHELL = ['/bin/sh', '-c', 'if [ -x /bin/bash ]; then exec /bin/bash; fi; exec /bin/sh'];

export function openContainerShell(runtime: Runtime, container: string, o: TerminalSize & { user?: string }): Promise<InteractiveExec> {
  return runtime.execInteractive(container, { cmd: SHELL, env: ['TERM=xterm-256color'], user: o.user, cols: o.cols, rows: o.rows });
}
