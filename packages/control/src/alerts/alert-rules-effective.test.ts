import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type EffectiveRule, effectiveRule, waitSeconds } from './alert-rules-effective';
import { headline, webhookBody } from './webhook-delivery';

const rule = (over: Partial<EffectiveRule>): EffectiveRule => ({
  key: 'arl_x', kind: 'unhealthy', appliance: null, thresholdSeconds: null, thresholdPercent: null, channels: [], enabled: true, builtIn: false, ...over,
});

describe('effectiveRule', () => {
  it('takes a rule naming the appliance, else one for all, else the default of the kind', () => {
    const all = rule({ key: 'all', thresholdSeconds: 10 });
    const web = rule({ key: 'web', appliance: 'web', thresholdSeconds: 0 });
    expect(effectiveRule([all, web], 'unhealthy', 'web')?.key).toBe('web');
    expect(effectiveRule([all, web], 'unhealthy', 'db')?.key).toBe('all');
    expect(effectiveRule([], 'unhealthy', 'db')?.key).toBe('default:unhealthy');
    expect(effectiveRule([web], 'oom', 'web')?.key).toBe('default:oom');
  });

  it('lets a rule switched off silence its kind, and has no default for volume_full or schedule_missed', () => {
    expect(effectiveRule([rule({ enabled: false })], 'unhealthy', 'web')).toBeUndefined();
    expect(effectiveRule([], 'volume_full', 'web')).toBeUndefined();
    expect(effectiveRule([], 'schedule_missed', null)).toBeUndefined();
    expect(DEFAULT_RULES.map((r) => r.kind)).toEqual(['unhealthy', 'flap_guard', 'oom', 'operation_failed']);
  });

  it('waits only for unhealthy: its threshold, 30 s unless told', () => {
    expect(waitSeconds(rule({}))).toBe(30);
    expect(waitSeconds(rule({ thresholdSeconds: 0 }))).toBe(0);
    expect(waitSeconds(rule({ kind: 'oom', thresholdSeconds: 50 }))).toBe(0);
  });
});

describe('webhookBody', () => {
  const m = { alert: 'alr_1', kind: 'flap_guard', vdc: 'shop', appliance: 'web', state: 'resolved' as const, message: 'Resolved: web of shop …', url: 'https://colo.example/alerts?focus=alr_1', at: '2026-12-03T12:00:00.000Z' };
  it('sends the generic JSON as it is, and Slack a text with blocks and a link', () => {
    expect(webhookBody(m, 'generic')).toBe(m);
    expect(headline(m)).toBe('Resolved: flap guard on shop/web');
    expect(webhookBody(m, 'slack')).toEqual({
      text: ':white_check_mark: *Resolved: flap guard on shop/web*\nResolved: web of shop …',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *Resolved: flap guard on shop/web*\nResolved: web of shop …' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://colo.example/alerts?focus=alr_1|Open in Colo>' }] },
      ],
    });
  });
});
