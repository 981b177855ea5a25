// Five-field cron expressions (minute hour day-of-month month day-of-week), read in UTC, and the
// next minute one fires after a given time. The classic Vixie cron reading: `*`, numbers, `a-b`,
// `*/n`, `a-b/n`, lists, month and day names, 7 as Sunday, the @hourly-style shortcuts, and when
// both day fields are restricted a day matching either one fires.

export interface CronSchedule {
  /** The expression as given (trimmed, shortcuts kept). */
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** `*` in day-of-month / day-of-week: the other day field decides alone. */
  anyDay: boolean;
  anyWeekday: boolean;
}

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // 7 is Sunday too; folded onto 0 below.
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const SHORTCUTS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

function value(raw: string, field: Field): number {
  const named = field.names?.indexOf(raw.toLowerCase()) ?? -1;
  if (named >= 0) return field.name === 'month' ? named + 1 : named;
  if (!/^\d{1,2}$/.test(raw)) throw new CronError(`${field.name} "${raw}" is not a number${field.names ? ` or a name (${field.names[0]}…)` : ''}`);
  const n = Number(raw);
  if (n < field.min || n > field.max) throw new CronError(`${field.name} ${n} is out of range ${field.min}-${field.max}`);
  return n;
}

function parseField(text: string, field: Field): { values: Set<number>; any: boolean } {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(`${field.name} "${text}" has an empty list item`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronError(`${field.name} "${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d{1,2}$/.test(stepText) || Number(stepText) === 0) throw new CronError(`${field.name} step "${stepText}" must be a whole number from 1`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.name === 'day-of-week' ? 6 : field.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined || a === '' || b === '') throw new CronError(`${field.name} range "${range}" must be FROM-TO`);
      from = value(a, field);
      to = value(b, field);
      if (from > to) throw new CronError(`${field.name} range "${range}" runs backwards`);
    } else {
      from = value(range, field);
      // `5/15`: from 5 to the end, every 15.
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(field.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return { values, any: text === '*' };
}

/** Reads an expression; a CronError names the field at fault. */
export function parseCron(expression: string): CronSchedule {
  const source = expression.trim();
  const expanded = SHORTCUTS[source.toLowerCase()] ?? source;
  if (expanded.startsWith('@')) throw new CronError(`unknown shortcut "${source}": use one of ${Object.keys(SHORTCUTS).join(', ')}`);
  const parts = expanded.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) {
    throw new CronError(`needs 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}: e.g. "0 3 * * *" is daily at 03:00 UTC`);
  }
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]));
  const cron: CronSchedule = {
    source,
    minutes: minutes.values,
    hours: hours.values,
    days: days.values,
    months: months.values,
    weekdays: weekdays.values,
    anyDay: days.any,
    anyWeekday: weekdays.any,
  };
  if (nextRun(cron, new Date(Date.UTC(2000, 0, 1))) === null) throw new CronError(`"${source}" names a day that never comes (day-of-month ${[...days.values].join(',')} in month ${[...months.values].join(',')})`);
  return cron;
}

function dayMatches(cron: CronSchedule, date: Date): boolean {
  const dom = cron.days.has(date.getUTCDate());
  const dow = cron.weekdays.has(date.getUTCDay());
  if (cron.anyDay && cron.anyWeekday) return true;
  if (cron.anyDay) return dow;
  if (cron.anyWeekday) return dom;
  return dom || dow;
}

// Eight years covers every Feb 29 (a leap year may be skipped at a century), with room to spare.
const HORIZON_MS = 8 * 366 * 24 * 3600 * 1000;

/**
 * The first minute strictly after `after` (UTC) the expression fires at, or null when it never
 * does within eight years. Jumps a month, day or hour at a time, so it costs at most a few
 * thousand steps.
 */
export function nextRun(cron: CronSchedule, after: Date): Date | null {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + HORIZON_MS;
  while (t.getTime() <= limit) {
    if (!cron.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!cron.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!cron.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  return null;
}
