// Which level a log line is at, read from the line itself: the formats our classes' programs
// write (nginx, haproxy, php-fpm/PHP, postgres, mariadb, redis, node's JSON and logfmt loggers)
// and the common `[ERROR]` / `WARN:` words. A line that names no level is `info` on stdout and
// `warn` on stderr: programs that use stderr for routine output (postgres, nginx, php-fpm) all
// stamp a level, so an unmarked stderr line is most often a stack trace or a crash message, and
// a warn filter should not hide it.

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Lower is more severe: a filter on `warn` keeps error and warn. */
export function severity(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

const WORDS: Record<string, LogLevel> = {
  emerg: 'error', emergency: 'error', alert: 'error', crit: 'error', critical: 'error', fatal: 'error', panic: 'error', error: 'error', err: 'error', severe: 'error',
  warn: 'warn', warning: 'warn',
  notice: 'info', info: 'info', log: 'info', note: 'info', system: 'info', information: 'info',
  debug: 'debug', debug1: 'debug', debug2: 'debug', debug3: 'debug', debug4: 'debug', debug5: 'debug', trace: 'debug', verbose: 'debug',
};

/** pino/bunyan numeric levels. */
function numericLevel(n: number): LogLevel {
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  return 'debug';
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => LogLevel | undefined][] = [
  // JSON loggers (pino, bunyan, winston): "level":30 or "level":"warn" (also "severity")
  [/"(?:level|severity|lvl)"\s*:\s*(\d+)/i, (m) => numericLevel(Number(m[1]))],
  [/"(?:level|severity|lvl)"\s*:\s*"([a-z0-9]+)"/i, (m) => WORDS[m[1].toLowerCase()]],
  // logfmt: level=error
  [/\b(?:level|lvl|severity)=["']?([a-z0-9]+)/i, (m) => WORDS[m[1].toLowerCase()]],
  // redis: `1:M 03 Dec 2026 12:00:00.000 # text` (. debug, - verbose, * notice, # warning)
  [/^\d+:[XCSM] \d\d \w{3} \d{4} [\d:.]+ ([.\-*#]) /, (m) => ({ '.': 'debug', '-': 'debug', '*': 'info', '#': 'warn' }) [m[1]] as LogLevel],
  // nginx error log `2026/12/03 12:00:00 [error] 7#7:`, mariadb `[Warning]`, haproxy `[ALERT]`, `[ERROR]`
  [/^[^[]{0,40}\[([A-Za-z]+[1-5]?)\]/, (m) => WORDS[m[1].toLowerCase()]],
  // postgres `… UTC [1] LOG:  text`, php-fpm `[03-Dec-2026 12:00:00] WARNING: text`, `ERROR: text`
  [/(?:^|[\s\]])(EMERG|ALERT|CRIT|FATAL|PANIC|ERROR|WARNING|WARN|NOTICE|INFO|LOG|DEBUG[1-5]?|TRACE)\b:/, (m) => WORDS[m[1].toLowerCase()]],
  // PHP: `PHP Fatal error:`, `PHP Warning:`, `PHP Notice:`, `PHP Parse error:`
  [/\bPHP (Fatal error|Parse error|Warning|Notice|Deprecated)\b/, (m) => (m[1].endsWith('error') ? 'error' : m[1] === 'Warning' ? 'warn' : 'info')],
  // a word at the start: `ERROR something`, `WARN  [main] …`, `E1203 …` is not matched on purpose
  [/^\s*(ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL)\b/, (m) => WORDS[m[1].toLowerCase()]],
  // an access log (nginx, apache, haproxy): `"GET / HTTP/1.1" 503 …` — 5xx error, 4xx warn
  [/"[A-Z]+ \S+ HTTP\/[\d.]+" (\d{3}) /, (m) => (m[1] >= '500' ? 'error' : m[1] >= '400' ? 'warn' : 'info')],
];

export function detectLevel(line: string, stream: 'stdout' | 'stderr'): LogLevel {
  // Only the head of a long line is read: a level is stamped near the start, and a 16 KiB line
  // must not cost every pattern a full scan.
  const head = line.length > 512 ? line.slice(0, 512) : line;
  for (const [pattern, level] of PATTERNS) {
    const m = pattern.exec(head);
    const found = m ? level(m) : undefined;
    if (found) return found;
  }
  return stream === 'stderr' ? 'warn' : 'info';
}
