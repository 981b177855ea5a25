// Logs of a whole VDC or one appliance, searched, downloaded or followed.
import { defineOperation as op } from '../operation';
import { vdcParams } from '../params';
import { vdcLogsQuery, vdcLogsSchema } from '../schemas/logs';

export const logOperations = [
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/logs', operationId: 'vdcLogs', tag: 'Status', auth: 'session-or-token',
    summary: "Log lines of every replica of the VDC's appliances (or one), merged by time and filtered by time range, text, pattern and level",
    description:
      'Each line names its appliance, replica, stream and level (read from the line; an unmarked stderr line counts as warn). Secrets are masked before filtering. ' +
      '`format=ndjson|text` answers as an attachment; `follow=1` streams the matching history then new lines as Server-Sent Events (counted against the live-stream limit).',
    params: vdcParams, query: vdcLogsQuery,
    responses: { 200: { description: 'the newest matching lines, or a file, or an event stream', json: vdcLogsSchema, media: ['application/x-ndjson', 'text/plain', 'text/event-stream'] } },
    errors: ['bad_request', 'not_found', 'docker_unavailable', 'rate_limited'],
  }),
];
