// The alert routes of the REST API (`/api/v1/alerts`, `/api/v1/vdcs/:name/alert-rules`) as
// `colo alerts` calls them, their answers read with the contract's schemas (@colo/api).
import { alertAnswerSchema, alertRuleAnswerSchema, alertRulesSchema, alertsSchema } from '@colo/api';
import type { ColoClient } from './api-client';

const seg = encodeURIComponent;

export const alertApi = {
  list: (c: ColoClient, query: { state?: string; vdc?: string }) => c.call('GET', '/alerts', alertsSchema, { query }),
  ack: (c: ColoClient, id: string) => c.call('POST', `/alerts/${seg(id)}/ack`, alertAnswerSchema),
  rules: (c: ColoClient, vdc: string) => c.call('GET', `/vdcs/${seg(vdc)}/alert-rules`, alertRulesSchema),
  addRule: (c: ColoClient, vdc: string, body: Record<string, unknown>) => c.call('POST', `/vdcs/${seg(vdc)}/alert-rules`, alertRuleAnswerSchema, { body }),
  removeRule: (c: ColoClient, vdc: string, id: string) => c.call('DELETE', `/vdcs/${seg(vdc)}/alert-rules/${seg(id)}`, alertRuleAnswerSchema),
};
