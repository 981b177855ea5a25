// A logs query as the API takes it (text values), checked and made ready to run: times made
// absolute, the text lowered once, the pattern compiled. A bad value is refused with the name of
// its parameter, so a caller knows which one to fix.
import { MAX_LOG_REGEX_LENGTH, type VdcLogsQuery, vdcLogsQuery } from '@colo/api';
import { ColoError } from '../errors';
import type { LogLevel } from './log-level';

export interface LogQuery {
  appliance?: string;
  replica?: number;
  /** Epoch milliseconds. */
  since?: number;
  until?: number;
  /** Lower-cased: matched case-insensitively. */
  text?: string;
  pattern?: RegExp;
  level?: LogLevel;
  limit: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const ISO = /^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** `15m` back from now, or an ISO 8601 time; epoch milliseconds. */
export function parseLogTime(param: string, value: string, now: number): number {
  const trimmed = value.trim();
  const relative = /^(\d{1,6})\s*([smhdw])$/.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]];
  if (ISO.test(trimmed)) {
    const t = Date.parse(trimmed);
    if (!Number.isNaN(t)) return t;
  }
  throw new ColoError('bad_request', `${param}: "${value}" is neither an ISO 8601 time (2026-12-03T12:00:00Z) nor a duration back from now (30s, 15m, 2h, 7d)`);
}

/**
 * A group with a quantifier inside, itself repeated (`(a+)+`, `(x|y*)*`): the shape that makes a
 * backtracking engine take exponential time on a crafted line. Refused with the length cap, since
 * every line read runs through the pattern.
 */
const NESTED_QUANTIFIER = /\([^()]*[+*}][^()]*\)\s*[+*{]/;

export function compilePattern(source: string): RegExp {
  if (source.length > MAX_LOG_REGEX_LENGTH) throw new ColoError('bad_request', `regex: at most ${MAX_LOG_REGEX_LENGTH} characters`);
  if (NESTED_QUANTIFIER.test(source)) throw new ColoError('bad_request', 'regex: a repeated group with a quantifier inside, like (a+)+, is not allowed');
  try {
    return new RegExp(source, 'i');
  } catch (err) {
    throw new ColoError('bad_request', `regex: ${(err as Error).message}`);
  }
}

/** Query-string values in, a runnable query out; `bad_request` naming the parameter otherwise. */
export function readLogQuery(raw: Record<string, string>, now = Date.now()): LogQuery & Pick<VdcLogsQuery, 'follow' | 'format'> {
  const parsed = vdcLogsQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = String(issue?.path[0] ?? 'query');
    throw new ColoError('bad_request', `${param}: ${issue?.message ?? 'invalid'} (got "${String(raw[param] ?? '')}")`);
  }
  const q = parsed.data;
  const since = q.since === undefined ? undefined : parseLogTime('since', q.since, now);
  const until = q.until === undefined ? undefined : parseLogTime('until', q.until, now);
  if (since !== undefined && until !== undefined && until <= since) throw new ColoError('bad_request', 'until: must be after since');
  return {
    appliance: q.appliance,
    replica: q.replica,
    since,
    until,
    text: q.q ? q.q.toLowerCase() : undefined,
    pattern: q.regex ? compilePattern(q.regex) : undefined,
    level: q.level,
    limit: q.limit,
    follow: q.follow,
    format: q.format,
  };
}
