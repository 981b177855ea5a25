// A terminal in one replica of a deployed appliance: the owner's shell (or one command) in the
// container, as the container's own user. Exec is an operator's right, so it needs the `deploy`
// scope and an operator's role in the VDC's team; it stays theirs only while both hold (a delete,
// leaving the team or becoming a viewer closes it).
// The shell runs in the worker, which holds the Docker socket and finds the replica's container
// and its node (appliance-shell-call.ts). Its opening is audited by the route; its end here, with
// how long it lasted and why.
import { applianceTerminalBody } from '@colo/api';
import type { AuthUser } from '../auth/api-tokens';
import { requireScope } from '../auth/token-scope';
import type { AuditActor } from '../audit/record-audit';
import { parseInput } from '../errors';
import { findOwnedVdc } from '../vdcs/find-vdc';
import { callWorker } from '../worker-calls/call-worker';
import { auditTerminalEnd } from './audit-terminal-end';
import { remoteInteractiveExec } from './remote-exec';
import type { TerminalCaller } from './terminal-requests';
import { terminalRegistry } from './terminal-registry';
import type { TerminalTarget } from './terminal-target';

export interface OpenedApplianceTerminal {
  id: string;
  title: string;
  replica: number;
  container: string;
}

/**
 * `POST /vdcs/:name/appliances/:appliance/terminal` (`{ replica?, command?, tty?, cols, rows }`).
 * `actor` says who for the audit log's `terminalClosed` (the route knows the address and token).
 */
export async function openApplianceTerminal(
  caller: TerminalCaller,
  vdcName: string,
  appliance: string,
  body: unknown,
  actor: AuditActor = { user: caller.user, via: 'session' },
): Promise<OpenedApplianceTerminal> {
  requireScope(caller, 'deploy');
  const asked = parseInput(applianceTerminalBody, body);
  // An operator's right in the VDC's team, whoever calls (the route says so too), now and at each recheck.
  const user: AuthUser = { ...caller.user, right: 'deploy' };
  const vdc = await findOwnedVdc(user, vdcName);
  let opened: { replica: number; container: string } | undefined;
  let terminalId = '';
  const target: TerminalTarget = {
    title: `${appliance} replica ${asked.replica ?? 1} of ${vdc.name}`,
    scope: 'deploy',
    quiet: asked.tty === false,
    // A command's output is activity: a dump that prints for an hour is not idle.
    outputKeepsAlive: asked.command !== undefined,
    async open(size) {
      const answer = await callWorker('appliance.shell', {
        vdcId: vdc.id,
        vdcName: vdc.name,
        appliance,
        replica: asked.replica,
        ...size,
        command: asked.command,
        tty: asked.tty,
      });
      opened = { replica: answer.replica, container: answer.container };
      target.title = `${appliance} replica ${answer.replica} of ${vdc.name} (${answer.container})`;
      return remoteInteractiveExec(answer.relayId);
    },
    authorize: () => stillReachable(user, vdc.id),
    closed(end) {
      const what = { terminal: terminalId, appliance, replica: opened?.replica ?? asked.replica ?? null, container: opened?.container ?? null };
      // The command's first word only: its arguments may carry a secret.
      auditTerminalEnd(actor, end, asked.command ? { ...what, command: asked.command[0] } : what, { id: vdc.id, name: vdc.name });
    },
  };
  const session = await terminalRegistry().open(caller.user, caller.recheck, target, { cols: asked.cols, rows: asked.rows });
  terminalId = session.id;
  return { id: session.id, title: session.title, replica: opened?.replica ?? 0, container: opened?.container ?? '' };
}

/**
 * The VDC is still in one of the caller's teams, with a role that may open a terminal (looked up by
 * id: a rename or a namesake in another team changes nothing); else `not_found` or `forbidden`
 * closes the terminal.
 */
async function stillReachable(user: AuthUser, vdcId: string): Promise<void> {
  await findOwnedVdc(user, vdcId);
}
