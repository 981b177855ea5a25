// Logs across a VDC's containers: the search query and its answer (JSON; the same entries as
// NDJSON or text attachments, or live with follow=1 as Server-Sent Events).
import { z } from 'zod';
import { flagText, text } from '../common';

export const LOG_LEVEL_NAMES = ['error', 'warn', 'info', 'debug'] as const;
export const MAX_LOG_LIMIT = 10_000;
/** Longer patterns are refused: a pattern runs against every line read. */
export const MAX_LOG_REGEX_LENGTH = 200;

const timeText = z
  .string()
  .max(40)
  .describe('an ISO 8601 time (`2026-12-03T12:00:00Z`) or a duration back from now (`30s`, `15m`, `2h`, `7d`)');

export const vdcLogsQuery = z.object({
  appliance: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be an appliance name')
    .optional()
    .describe('only this appliance (all of the VDC otherwise)'),
  replica: z.coerce.number().int().min(1).max(999).optional().describe('only this replica number'),
  since: timeText.optional(),
  until: timeText.optional(),
  q: z.string().max(500).optional().describe('lines containing this text (case-insensitive)'),
  regex: z.string().max(MAX_LOG_REGEX_LENGTH).optional().describe(`lines matching this JavaScript pattern (case-insensitive, at most ${MAX_LOG_REGEX_LENGTH} characters)`),
  level: z.enum(LOG_LEVEL_NAMES).optional().describe('lines at this level or more severe'),
  limit: z.coerce.number().int().min(1).max(MAX_LOG_LIMIT).default(1000).describe('the newest this many matching lines'),
  /** `1`: a live stream of Server-Sent Events (`log` events, one `caught-up` after the history). */
  follow: flagText.default('0'),
  format: z.enum(['json', 'ndjson', 'text']).default('json').describe('`ndjson` and `text` answer as a file to download'),
});
export type VdcLogsQuery = z.infer<typeof vdcLogsQuery>;

export const logEntrySchema = z.looseObject({
  /** RFC 3339 UTC with nanoseconds, as Docker stamped the line. */
  time: text,
  appliance: text,
  replica: z.number(),
  container: text,
  stream: z.enum(['stdout', 'stderr']),
  level: z.enum(LOG_LEVEL_NAMES),
  line: text,
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const vdcLogsSchema = z.looseObject({
  entries: z.array(logEntrySchema),
  /** More lines matched than `limit`: the oldest were left out. */
  truncated: z.boolean(),
});
export type VdcLogs = z.infer<typeof vdcLogsSchema>;
