// The pieces every answer shares: text and timestamps as JSON carries them, the error body and
// the error codes with their HTTP statuses (the web app's error table maps with this one).
import { z } from 'zod';

export const text = z.string();
/** A timestamp as JSON carries it (ISO 8601), or absent / null. */
export const when = z.string().nullish();

export const issueSchema = z.looseObject({
  path: z.string().default(''),
  message: text,
  severity: z.enum(['error', 'warning']).optional(),
  /** The appliance it is about, by name; with `field`, the words clients print (`web · memory: …`). */
  appliance: z.string().optional(),
  /** The field in words (`memory`, `PHP workers`, `host port`). */
  field: z.string().optional(),
});
export type ApiIssue = z.infer<typeof issueSchema>;

/** Every error code the API answers with, and its status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_manifest: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  stale_revision: 409,
  name_taken: 409,
  operation_running: 409,
  not_destroyed: 409,
  already_set_up: 409,
  payload_too_large: 413,
  rate_limited: 429,
  catalog_invalid: 500,
  docker_error: 502,
  docker_unavailable: 503,
  worker_unavailable: 503,
  no_space: 507,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof ERROR_STATUS;

/** `{ error: { code, message, issues? } }`; some codes carry more (409 stale_revision: currentRevision). */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().default('error'),
    message: text,
    issues: z.array(issueSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof errorBodySchema>;

/** A positive whole number as a URL carries it (path segment or query value). */
export const positiveNumberText = z.string().regex(/^[1-9][0-9]{0,8}$/, 'must be a positive whole number');

/** `0`, `1`, `true` or `false` in a query string. */
export const flagText = z.enum(['0', '1', 'true', 'false']);
export function flagOn(flag: z.infer<typeof flagText>): boolean {
  return flag === '1' || flag === 'true';
}

/** YAML/JSON text or an object; the manifest validator judges the content. */
export const manifestField = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'manifest must be YAML/JSON text or an object',
});

/** A VDC, a user's or anything's name in a body. */
export const nameField = z.string().min(1).max(64);
