// Which rule governs a cause: a user's rule naming the appliance, else a user's rule for all of
// the VDC's appliances, else the built-in default of the kind (if there is one). A disabled rule
// still wins: it is how a user silences a default. Pure: the evaluator and the API share it.
import type { AlertChannel, AlertKind } from '@colo/api';

export interface EffectiveRule {
  /** A rule id, or `default:<kind>` for a built-in default. */
  key: string;
  kind: AlertKind;
  appliance: string | null;
  thresholdSeconds: number | null;
  thresholdPercent: number | null;
  channels: AlertChannel[];
  enabled: boolean;
  builtIn: boolean;
}

/** Every VDC has these without configuring anything, so a new user is told (in the app). */
export const DEFAULT_RULES: readonly EffectiveRule[] = [
  { kind: 'unhealthy', thresholdSeconds: 30 },
  { kind: 'flap_guard' },
  { kind: 'oom' },
  { kind: 'operation_failed' },
].map((r) => ({
  key: `default:${r.kind}`,
  kind: r.kind as AlertKind,
  appliance: null,
  thresholdSeconds: r.thresholdSeconds ?? null,
  thresholdPercent: null,
  channels: [],
  enabled: true,
  builtIn: true,
}));

/** What a rule of a kind means when it leaves its threshold out. */
export const DEFAULT_THRESHOLDS = { unhealthySeconds: 30, volumePercent: 90 } as const;

export function effectiveRule(rules: readonly EffectiveRule[], kind: AlertKind, appliance: string | null): EffectiveRule | undefined {
  const own = rules.filter((r) => !r.builtIn && r.kind === kind);
  const chosen =
    (appliance ? own.find((r) => r.appliance === appliance) : undefined) ??
    own.find((r) => r.appliance === null) ??
    DEFAULT_RULES.find((r) => r.kind === kind);
  return chosen?.enabled ? chosen : undefined;
}

/** Seconds a cause must last before its alert fires (only `unhealthy` waits). */
export function waitSeconds(rule: EffectiveRule): number {
  return rule.kind === 'unhealthy' ? (rule.thresholdSeconds ?? DEFAULT_THRESHOLDS.unhealthySeconds) : 0;
}
