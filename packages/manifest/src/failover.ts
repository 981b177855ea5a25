// The flap guard's rule per appliance (AppLogic's: a box that fails 3 times in 24 hours is stopped
// and flagged instead of being restarted forever). Written in the manifest as
// `failover: { maxFailures: 3, window: 24h }`; either key may be left out.
import { z } from 'zod';

export const DEFAULT_MAX_FAILURES = 3;
export const DEFAULT_FAILURE_WINDOW = '24h';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WINDOW_PATTERN = /^([1-9][0-9]{0,6})(s|m|h|d)$/;
const MIN_WINDOW_MS = UNIT_MS.m;
const MAX_WINDOW_MS = 30 * UNIT_MS.d;

/** Milliseconds of a window such as `90s`, `30m`, `24h`, `7d`; undefined when it is not one. */
export function failureWindowMs(text: string): number | undefined {
  const m = WINDOW_PATTERN.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

export const failoverShape = {
  maxFailures: z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
  window: z
    .string()
    .max(16)
    .refine((v) => failureWindowMs(v) !== undefined, 'must be a duration like "30m", "24h" or "7d"')
    .refine((v) => {
      const ms = failureWindowMs(v);
      return ms === undefined || (ms >= MIN_WINDOW_MS && ms <= MAX_WINDOW_MS);
    }, 'must be between 1m and 30d')
    .optional(),
};

export interface FailoverPolicy {
  maxFailures: number;
  windowMs: number;
  /** As written (or the default), for messages: "failed 3 times in 24h". */
  window: string;
}

/** The policy of one appliance, defaults filled in. Expects a validated `failover` value. */
export function failoverPolicy(failover: { maxFailures?: number; window?: string } | undefined): FailoverPolicy {
  const window = failover?.window ?? DEFAULT_FAILURE_WINDOW;
  return {
    maxFailures: failover?.maxFailures ?? DEFAULT_MAX_FAILURES,
    windowMs: failureWindowMs(window) ?? (failureWindowMs(DEFAULT_FAILURE_WINDOW) as number),
    window,
  };
}
