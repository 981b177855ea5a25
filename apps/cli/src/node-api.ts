// The node routes of the REST API (`/api/v1/nodes`, admins) as `colo node` calls them, their
// answers read with the contract's schemas (@colo/api).
import { drainAnswerSchema, initSwarmAnswerSchema, joinCommandSchema, nodeAnswerSchema, nodeListSchema, removeNodeAnswerSchema } from '@colo/api';
import { type ColoClient, seg } from './api-client';

export const nodeApi = {
  list: (c: ColoClient) => c.call('GET', '/nodes', nodeListSchema),
  init: (c: ColoClient, body: { advertiseAddress?: string; addressPool?: string }) => c.call('POST', '/nodes/init', initSwarmAnswerSchema, { body }),
  join: (c: ColoClient, role: 'worker' | 'manager') => c.call('GET', '/nodes/join', joinCommandSchema, { query: { role } }),
  drain: (c: ColoClient, node: string, waitSeconds: number, keepData = false) =>
    c.call('POST', `/nodes/${seg(node)}/drain`, drainAnswerSchema, { body: { waitSeconds, ...(keepData ? { keepData } : {}) } }),
  activate: (c: ColoClient, node: string) => c.call('POST', `/nodes/${seg(node)}/activate`, nodeAnswerSchema),
  label: (c: ColoClient, node: string, body: { add: Record<string, string>; remove: string[] }) =>
    c.call('POST', `/nodes/${seg(node)}/labels`, nodeAnswerSchema, { body }),
  remove: (c: ColoClient, node: string, force: boolean) => c.call('DELETE', `/nodes/${seg(node)}`, removeNodeAnswerSchema, { query: { force: force ? 'true' : undefined } }),
};
