// Terminals in a deployed VDC's replicas (the prototype's and the shared terminal routes are in catalog.ts).
import { defineOperation as op } from '../operation';
import { applianceParams } from '../params';
import { applianceTerminalBody, applianceTerminalOpenedSchema } from '../schemas/terminals';

export const terminalOperations = [
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/appliances/{appliance}/terminal', operationId: 'openApplianceTerminal', tag: 'Terminals', auth: 'session-or-token', scope: 'deploy',
    summary: "Opens a shell (or runs `command`) in one replica of a deployed appliance, as the container's user",
    description:
      'Exec is an operator\'s right: a `read` token gets 403. The replica must be running. Follow it with `GET /terminals/{id}` and type with `POST /terminals/{id}/input`; ' +
      'the session is audit-logged when it opens (or is refused) and when it closes (`terminalClosed`, with its duration and why).',
    params: applianceParams, body: applianceTerminalBody,
    responses: { 201: { description: 'the terminal', json: applianceTerminalOpenedSchema } },
    errors: ['bad_request', 'forbidden', 'not_found', 'rate_limited', 'worker_unavailable', 'docker_error'],
  }),
];
