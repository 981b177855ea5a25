import { openApplianceTerminal } from '@colo/control';
import { z } from 'zod';
import { clientIp } from '../../../../../../../../lib/client-address';
import { json, readBody, route } from '../../../../../../../../lib/http';

export const dynamic = 'force-dynamic';

/**
 * Opens a shell (or `command`) in one replica (`{ replica?, command?, tty?, cols, rows }`):
 * `{ id, title, replica, container }`. Exec is an operator's right: the `deploy` scope. The
 * wrapper audits the attempt; the terminal's end is audited as `terminalClosed`.
 */
export const POST = route<{ name: string; appliance: string }>(
  async ({ req, user, via, scope, recheck, params }) =>
    json(await openApplianceTerminal({ user, scope, recheck }, params.name, params.appliance, await readBody(req, z.unknown()), { user, via, address: clientIp(req) }), 201),
  { scope: 'deploy' },
);
