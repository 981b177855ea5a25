// The one shape every validation problem takes, and the `appliances[1].class` path notation the
// editor, the API and the CLI all show.

export type Severity = 'error' | 'warning';

export interface Issue {
  /** Where the problem is, e.g. `appliances[1].class`; empty for the manifest as a whole. */
  path: string;
  message: string;
  severity: Severity;
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Paths echo user keys; a megabyte-long key should not make a megabyte-long message. */
const MAX_SEGMENT = 100;

/** `['appliances', 1, 'class']` → `appliances[1].class`; odd keys are quoted: `visual["a.b"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const raw of segments) {
    const segment = typeof raw === 'string' && raw.length > MAX_SEGMENT ? `${raw.slice(0, MAX_SEGMENT)}…` : raw;
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One line for people: `appliances[1].class: unknown class "web-phq"`. */
export function formatIssue(issue: Issue): string {
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return issue.path === '' ? `${prefix}${issue.message}` : `${prefix}${issue.path}: ${issue.message}`;
}

/** Collects issues while the rules run; rules never throw, they report. */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  error(path: readonly PathSegment[] | string, message: string): void {
    this.errors.push({ path: typeof path === 'string' ? path : formatPath(path), message, severity: 'error' });
  }

  warning(path: readonly PathSegment[] | string, message: string): void {
    this.warnings.push({ path: typeof path === 'string' ? path : formatPath(path), message, severity: 'warning' });
  }

  add(issue: Issue): void {
    (issue.severity === 'error' ? this.errors : this.warnings).push(issue);
  }
}
