// The bounds of the terminals one web process holds: how long one may sit idle, how many a user
// and the process may have, how much output waits for a reader, how often access is checked again.

export interface TerminalLimits {
  /** Closed after this long without input. */
  idleMs: number;
  /** Open terminals per user. */
  perUser: number;
  /** Open terminals in this process. */
  total: number;
  /** Output held while nobody reads; past it the shell's output waits (as on a terminal paused with ^S). */
  bufferBytes: number;
  /** How often the owner's session or token, and their right to the target, are checked again. */
  recheckMs: number;
  /** How long a closed terminal still answers its reader with what it last printed and why it closed. */
  lingerMs: number;
}

export const DEFAULT_TERMINAL_LIMITS: TerminalLimits = {
  idleMs: 15 * 60_000,
  perUser: 8,
  total: 64,
  bufferBytes: 256 * 1024,
  recheckMs: 20_000,
  lingerMs: 60_000,
};

/** The idle limit in words, for the message written when it closes a terminal. */
export function idleWords(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  const s = Math.max(1, Math.round(ms / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
}
