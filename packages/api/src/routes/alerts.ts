// Alerts: rules per VDC, the caller's alerts (the notification centre), SMTP settings (admins).
import { z } from 'zod';
import { defineOperation as op } from '../operation';
import { vdcParams } from '../params';
import {
  alertAnswerSchema,
  alertRuleAnswerSchema,
  alertRuleCreateBody,
  alertRulesSchema,
  alertRuleUpdateBody,
  alertsQuery,
  alertsSchema,
  alertTestAnswerSchema,
  alertTestBody,
  smtpSettingsAnswerSchema,
  smtpSettingsBody,
} from '../schemas/alerts';

const alertRuleParams = vdcParams.extend({ id: z.string().describe('the alert rule id (arl_…)') });
const alertParams = z.object({ id: z.string().describe('the alert id (alr_…)') });

export const alertOperations = [
  op({
    method: 'GET', path: '/api/v1/vdcs/{name}/alert-rules', operationId: 'listAlertRules', tag: 'Alerts', auth: 'session-or-token',
    summary: "The VDC's alert rules: the built-in defaults (unless overridden) and the user's own", params: vdcParams,
    responses: { 200: { description: 'the rules', json: alertRulesSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/vdcs/{name}/alert-rules', operationId: 'createAlertRule', tag: 'Alerts', auth: 'session-or-token',
    summary: 'Adds a rule (it overrides the default of its kind; one naming an appliance overrides one for all)', params: vdcParams, body: alertRuleCreateBody,
    responses: { 201: { description: 'the rule', json: alertRuleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PATCH', path: '/api/v1/vdcs/{name}/alert-rules/{id}', operationId: 'updateAlertRule', tag: 'Alerts', auth: 'session-or-token',
    summary: "Changes a rule's threshold, channels or switch", params: alertRuleParams, body: alertRuleUpdateBody,
    responses: { 200: { description: 'the rule', json: alertRuleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/vdcs/{name}/alert-rules/{id}', operationId: 'deleteAlertRule', tag: 'Alerts', auth: 'session-or-token',
    summary: 'Removes a rule (the default of its kind applies again)', params: alertRuleParams,
    responses: { 200: { description: 'the rule removed', json: alertRuleAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/alerts', operationId: 'listAlerts', tag: 'Alerts', auth: 'session-or-token',
    summary: "Alerts of the caller's VDCs, newest first, with the count of firing ones not yet acknowledged", query: alertsQuery,
    responses: { 200: { description: 'the alerts', json: alertsSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/alerts/{id}/ack', operationId: 'acknowledgeAlert', tag: 'Alerts', auth: 'session-or-token',
    summary: 'Marks an alert as seen (it stays firing until its cause clears)', params: alertParams,
    responses: { 200: { description: 'the alert', json: alertAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/alerts/test', operationId: 'testAlertChannel', tag: 'Alerts', auth: 'session-or-token',
    summary: 'Sends a test message to a channel (webhook or e-mail) now and says whether it was taken', body: alertTestBody,
    responses: { 200: { description: 'whether the channel took it', json: alertTestAnswerSchema } }, errors: [],
  }),
  op({
    method: 'GET', path: '/api/v1/settings/smtp', operationId: 'getSmtpSettings', tag: 'Alerts', auth: 'session-or-token', scope: 'admin',
    summary: 'The SMTP server alert e-mail goes through (admins; the password is never shown)',
    responses: { 200: { description: 'the settings, or null', json: smtpSettingsAnswerSchema } }, errors: ['forbidden'],
  }),
  op({
    method: 'PUT', path: '/api/v1/settings/smtp', operationId: 'putSmtpSettings', tag: 'Alerts', auth: 'session-or-token', scope: 'admin',
    summary: 'Sets the SMTP server (admins); the password is stored sealed and kept when absent', body: smtpSettingsBody,
    responses: { 200: { description: 'the settings', json: smtpSettingsAnswerSchema } }, errors: ['forbidden'],
  }),
];
