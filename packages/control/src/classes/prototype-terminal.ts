// A terminal in a class's open prototype: a root shell for an admin, the same rule as every other
// prototype action (class-patch.ts). It stays theirs only while they remain an admin. The shell runs
// in the worker, which holds the Docker socket; this process reads and types through its relay.
import { findPrototype } from '@colo/engine';
import type { AuditActor } from '../audit/record-audit';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { ColoError } from '../errors';
import { type OpenedTerminal, openTerminal, type TerminalCaller } from '../terminal/terminal-requests';
import { auditTerminalEnd } from '../terminal/audit-terminal-end';
import { remoteInteractiveExec } from '../terminal/remote-exec';
import type { TerminalTarget } from '../terminal/terminal-target';
import { callWorker } from '../worker-calls/call-worker';
import { classVersionsOf } from './class-versions';

const WHAT = 'open a terminal in a class prototype';

/** `actor`: who, for the audit log's `terminalClosed` (the route knows how they signed in and from where). */
export async function prototypeTerminalTarget(user: AuthUser, classId: string, actor: AuditActor = { user, via: 'session' }): Promise<TerminalTarget> {
  await requireAdmin(user, WHAT);
  await classVersionsOf(classId);
  const { instance } = engineConfig();
  const proto = await findPrototype(getRuntime(), instance, classId);
  if (!proto) throw new ColoError('not_found', `class ${classId} has no open prototype: open one first`);
  return {
    title: `the prototype of ${classId} (from version ${proto.version})`,
    scope: 'admin',
    async open(size) {
      const { relayId } = await callWorker('prototype.shell', { classId, ...size });
      return remoteInteractiveExec(relayId);
    },
    authorize: () => requireAdmin(user, 'use a terminal in a class prototype'),
    closed: (end) => auditTerminalEnd(actor, end, { classId, version: proto.version }),
  };
}

/** `POST /classes/:id/prototype/terminal` (`{ cols, rows }`): the new terminal's id. */
export async function openPrototypeTerminal(caller: TerminalCaller, classId: string, body: unknown, actor?: AuditActor): Promise<OpenedTerminal> {
  return openTerminal(caller, await prototypeTerminalTarget(caller.user, classId, actor), body);
}
