// The errors the CLI reports: each becomes one line on stderr (plus issue lines for a bad
// manifest) and an exit code, so no command has to format its own failures.

import { issuePlace } from '@colo/manifest';

export interface Issue {
  path: string;
  message: string;
  severity?: 'error' | 'warning';
  /** The appliance and field in words, as the server's validator names them. */
  appliance?: string;
  field?: string;
}

/** A failure the user can act on; `details` are extra lines printed under the message. */
export class CliError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong: exit 2, like most Unix tools, so scripts can tell it apart. */
export class UsageError extends CliError {
  override readonly exitCode = 2;
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The server answered with an error body (`{ error: { code, message, issues? } }`). */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message, issues.map(formatIssue));
    this.name = 'ApiError';
  }
}

/**
 * `web · class: unknown class "web-phq"` — the words @colo/manifest's formatIssue gives the editor
 * and the API too; the path only when the server sent no words; none for the whole manifest.
 */
export function formatIssue(issue: Issue): string {
  const place = issuePlace({ path: issue.path ?? '', appliance: issue.appliance, field: issue.field });
  return place ? `${place}: ${issue.message}` : issue.message;
}

/** `warning: place: message`, the notation @colo/manifest's formatIssue gives the editor too. */
export function formatWarning(issue: Issue): string {
  return `warning: ${formatIssue(issue)}`;
}
