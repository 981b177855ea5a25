// The process's own terminal and byte streams, for `colo exec`: whether stdin and stdout are a
// terminal, its size and its resizes, raw mode, raw writes to stdout, and stdin as it comes.
// Passed in through the context, so tests run `colo exec` with a stand-in.

export interface ExecStdio {
  /** stdin and stdout are both a terminal: the remote program gets a TTY. */
  isTTY: boolean;
  size(): { cols: number; rows: number };
  /** Calls back on each resize of the terminal (SIGWINCH); returns a function that stops. */
  onResize(listener: () => void): () => void;
  /** Raw mode on the terminal: every key goes through as typed (^C included), nothing is echoed here. */
  setRaw(raw: boolean): void;
  write(bytes: Uint8Array): void;
  /** Calls back with each chunk of stdin and then with null at its end; returns a function that stops reading. */
  onInput(listener: (chunk: Buffer | null) => void): () => void;
  /** Calls back on the first Ctrl-C (SIGINT; none arrives in raw mode); a second one ends colo as usual. */
  onInterrupt?(listener: () => void): () => void;
}

export function processStdio(): ExecStdio {
  const { stdin, stdout } = process;
  return {
    isTTY: Boolean(stdin.isTTY && stdout.isTTY),
    size: () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 }),
    onResize(listener) {
      process.on('SIGWINCH', listener);
      return () => process.off('SIGWINCH', listener);
    },
    setRaw(raw) {
      if (stdin.isTTY) stdin.setRawMode(raw);
    },
    write: (bytes) => void stdout.write(bytes),
    onInterrupt(listener) {
      process.once('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
    onInput(listener) {
      const data = (chunk: Buffer) => listener(chunk);
      const end = () => listener(null);
      stdin.on('data', data);
      stdin.on('end', end);
      stdin.resume();
      return () => {
        stdin.off('data', data);
        stdin.off('end', end);
        // A paused stdin no longer keeps the process alive once the command is over.
        stdin.pause();
      };
    },
  };
}
