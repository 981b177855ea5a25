// The overview of everything the caller's teams run.
import { defineOperation as op } from '../operation';
import { overviewSchema } from '../schemas/overview';

export const overviewOperations = [
  op({
    method: 'GET', path: '/api/v1/overview', operationId: 'overview', tag: 'Status', auth: 'session-or-token',
    summary: "Every VDC of the caller's teams with state, health, use now and firing alerts; recent alerts; each team's quota use",
    responses: { 200: { description: 'the overview', json: overviewSchema } }, errors: [],
  }),
];
