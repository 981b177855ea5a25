// What the web edge asks of terminals: open one on a target, follow its output as events, type
// into it, resize it, close it. Every call names the caller; a terminal of someone else is not found.
import { MAX_TERMINAL_INPUT_BYTES, terminalInputBody, terminalSizeBody } from '@colo/api';
import type { AuthUser } from '../auth/api-tokens';
import { requireScope, type TokenScope } from '../auth/token-scope';
import { parseInput } from '../errors';
import type { ServerEvent } from '../live/event-stream';
import { terminalRegistry } from './terminal-registry';
import type { TerminalTarget } from './terminal-target';

export { MAX_TERMINAL_INPUT_BYTES };

// The request bodies are the contract's (@colo/api).
export const terminalSizeSchema = terminalSizeBody;
export const terminalInputSchema = terminalInputBody;

/** Who is asking, and how: the scope of their token, and a check of the same credentials again. */
export interface TerminalCaller {
  user: AuthUser;
  scope: TokenScope;
  recheck: () => Promise<void>;
}

export interface OpenedTerminal {
  id: string;
  title: string;
}

export async function openTerminal(caller: TerminalCaller, target: TerminalTarget, body: unknown): Promise<OpenedTerminal> {
  requireScope(caller, target.scope);
  const size = parseInput(terminalSizeSchema, body);
  const session = await terminalRegistry().open(caller.user, caller.recheck, target, size);
  return { id: session.id, title: session.title };
}

/**
 * The terminal's output as server events, for as long as it is open: `ready` ({ id, title }),
 * then `output` (its raw bytes as base64) and finally `closed` ({ reason, exitCode }), or
 * `detached` ({ reason }) when a newer reader took over. Checks now that the caller owns it, so
 * a stranger gets a 404 instead of a stream.
 */
export function terminalEvents(caller: TerminalCaller, id: string): (signal: AbortSignal) => AsyncIterable<ServerEvent> {
  const session = terminalRegistry().find(caller.user, id);
  return async function* (signal) {
    yield { event: 'ready', data: { id: session.id, title: session.title } };
    for await (const e of session.events(signal)) {
      if (e.kind === 'output') yield { event: 'output', data: e.data.toString('base64') };
      else if (e.kind === 'closed') yield { event: 'closed', data: { reason: e.reason, exitCode: e.exitCode } };
      else yield { event: 'detached', data: { reason: 'this terminal is being read elsewhere (another tab or a newer connection)' } };
    }
  };
}

export async function writeTerminal(caller: TerminalCaller, id: string, body: unknown): Promise<{ id: string; bytes: number }> {
  const session = terminalRegistry().find(caller.user, id);
  requireScope(caller, session.scope);
  const { data, eof } = parseInput(terminalInputSchema, body);
  await session.input(data ?? '', eof === true);
  return { id, bytes: Buffer.byteLength(data ?? '', 'utf8') };
}

export async function resizeTerminal(caller: TerminalCaller, id: string, body: unknown): Promise<{ id: string; cols: number; rows: number }> {
  const session = terminalRegistry().find(caller.user, id);
  requireScope(caller, session.scope);
  const { cols, rows } = parseInput(terminalSizeSchema, body);
  await session.resize(cols, rows);
  return { id, cols, rows };
}

/** Hangs the shell up. Closing a terminal that already closed is fine. */
export async function closeTerminal(caller: TerminalCaller, id: string): Promise<{ id: string; closed: true }> {
  const session = terminalRegistry().find(caller.user, id);
  await session.close('closed by you');
  return { id, closed: true };
}

/** After a sign-out or a token revocation: the user's terminals opened with those credentials close now. */
export function recheckTerminalsOf(userId: string): Promise<void> {
  return terminalRegistry().recheckOwner(userId);
}
