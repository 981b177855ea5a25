// The terminals this web process holds, by their unguessable id, each bound to the user who
// opened it: anyone else asking for it is told there is no such terminal. Bounded per user and
// in total; the shells live as long as this process does, so there is one registry per process.
import type { TerminalSize } from '@colo/engine';
import type { AuthUser } from '../auth/api-tokens';
import { ColoError } from '../errors';
import { randomAlphanumeric } from '../ids';
import { DEFAULT_TERMINAL_LIMITS, type TerminalLimits } from './terminal-limits';
import { TerminalSession } from './terminal-session';
import type { TerminalTarget } from './terminal-target';

export class TerminalRegistry {
  readonly limits: TerminalLimits;
  private readonly sessions = new Map<string, TerminalSession>();
  /** Opens under way per user: they hold a place, so two at once cannot pass the limit together. */
  private readonly opening = new Map<string, number>();

  constructor(limits: Partial<TerminalLimits> = {}) {
    this.limits = { ...DEFAULT_TERMINAL_LIMITS, ...limits };
  }

  /** Opens a shell on the target for `owner`; `credential` checks the session or token they used, again. */
  async open(owner: AuthUser, credential: () => Promise<void>, target: TerminalTarget, size: TerminalSize): Promise<TerminalSession> {
    this.holdPlace(owner.id);
    try {
      const exec = await target.open(size);
      const id = `term_${randomAlphanumeric(32)}`;
      const session = new TerminalSession({ id, owner, target, exec, credential, limits: this.limits, onGone: (s) => this.forget(s) });
      this.sessions.set(id, session);
      return session;
    } finally {
      const left = (this.opening.get(owner.id) ?? 1) - 1;
      if (left > 0) this.opening.set(owner.id, left);
      else this.opening.delete(owner.id);
    }
  }

  /** The owner's terminal (open, or closed and not yet read to its end); `not_found` for anyone else's. */
  find(owner: AuthUser, id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session || session.owner.id !== owner.id) throw new ColoError('not_found', `no terminal ${id}: it never existed, is someone else's, or closed a while ago`);
    return session;
  }

  /** Open terminals of one user, or of everyone. */
  openCount(userId?: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (!s.closed && (userId === undefined || s.owner.id === userId)) n++;
    return n;
  }

  /** Checks every terminal of the user against their credentials now (after a sign-out or a revocation). */
  async recheckOwner(userId: string): Promise<void> {
    const mine = [...this.sessions.values()].filter((s) => s.owner.id === userId);
    await Promise.all(mine.map((s) => s.recheck().catch(() => {})));
  }

  /** Resolves once every shell is hung up. */
  async closeAll(reason: string): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close(reason)));
  }

  private holdPlace(userId: string): void {
    const opening = this.opening.get(userId) ?? 0;
    const mine = this.openCount(userId) + opening;
    if (mine >= this.limits.perUser) {
      throw new ColoError('rate_limited', `you already have ${mine} terminals open (at most ${this.limits.perUser}): close one first`, { retryAfter: 5 });
    }
    let all = this.openCount();
    for (const n of this.opening.values()) all += n;
    if (all >= this.limits.total) {
      throw new ColoError('rate_limited', `this Colo has ${all} terminals open, its limit (${this.limits.total}): try again when one closes`, { retryAfter: 30 });
    }
    this.opening.set(userId, opening + 1);
  }

  private forget(session: TerminalSession): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
  }
}

const holder = globalThis as typeof globalThis & { __coloTerminals?: TerminalRegistry };

/** This process's registry (one even when a bundler loads this module twice). */
export function terminalRegistry(): TerminalRegistry {
  holder.__coloTerminals ??= new TerminalRegistry();
  return holder.__coloTerminals;
}

/** For tests: a registry with other limits (e.g. a short idle time), or undefined for a fresh default one. */
export function setTerminalRegistry(registry: TerminalRegistry | undefined): void {
  void holder.__coloTerminals?.closeAll('closed: the terminal service was replaced');
  holder.__coloTerminals = registry;
}

/** Closes every terminal of this process, if it has any (shutdown). */
export async function closeAllTerminals(reason: string): Promise<void> {
  await holder.__coloTerminals?.closeAll(reason);
}
