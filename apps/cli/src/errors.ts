// The errors the CLI reports: each becomes one line on stderr (plus issue lines for a bad
// manifest) and an exit code, so no command has to format its own failures.

export interface Issue {
  path: string;
  message: string;
  severity?: 'error' | 'warning';
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

/** `appliances[1].class: unknown class "web-phq"`; an issue about the whole manifest has no path. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** `warning: path: message`, the notation @colo/manifest's formatIssue gives the editor too. */
export function formatWarning(issue: Issue): string {
  return `warning: ${formatIssue(issue)}`;
}
