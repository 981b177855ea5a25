// Alerts: rules per VDC, the evaluator the worker runs, deliveries, SMTP settings, the notification centre.
export { alertVdcsOf } from './alert-recipients';
export { DEFAULT_RULES, effectiveRule, type EffectiveRule } from './alert-rules-effective';
export { type AlertRuleView, createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from './alert-rules';
export { type AlertWatch, startAlertWatch } from './alert-watch';
export { deliverDueAlerts, MAX_ATTEMPTS, retryDelaySeconds } from './deliver-alerts';
export { alertOnFailure, type Evaluation, evaluateAlerts } from './evaluate-alerts';
export { acknowledgeAlert, type AlertView, listAlerts, testAlertChannel } from './read-alerts';
export { getSmtpSettings, putSmtpSettings, type SmtpSettingsView } from './smtp-settings';
export { postWebhook, webhookBody } from './webhook-delivery';
