// The one shape every validation problem takes, and the `appliances[1].class` path notation the
// editor, the API and the CLI all show.

export type Severity = 'error' | 'warning';

export interface Issue {
  /** Where the problem is, e.g. `appliances[1].class`; empty for the manifest as a whole. */
  path: string;
  message: string;
  severity: Severity;
  /** The appliance it is about, by name (`web`), when it is about one (issue-words.ts). */
  appliance?: string;
  /** The field in words (`memory`, `PHP workers`, `host port`), when it is about one. */
  field?: string;
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

/**
 * Where an issue is, in words: `web · memory`, `web`, `wire web.db → db.in`; the path only when
 * no words were found for it (`apiVersion`).
 */
export function issuePlace(issue: Pick<Issue, 'path' | 'appliance' | 'field'>): string {
  if (issue.appliance !== undefined) return issue.field ? `${issue.appliance} · ${issue.field}` : issue.appliance;
  return issue.field ?? issue.path;
}

/**
 * One line for people, the one wording the editor's Problems, the API and the CLI all show:
 * `web · memory: at most 4Gi`; `warning: ` first for a warning.
 */
export function formatIssue(issue: Issue): string {
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  const place = issuePlace(issue);
  return place === '' ? `${prefix}${issue.message}` : `${prefix}${place}: ${issue.message}`;
}

/** Past this many errors (or warnings) the rest are counted, not listed: nobody reads them all. */
export const MAX_ISSUES = 200;

type Message = string | (() => string);
type Where = readonly PathSegment[] | string | (() => readonly PathSegment[]);

/**
 * Collects issues while the rules run; rules never throw, they report. A message (or a path)
 * may be a function, called only when the issue is kept, so an issue past the cap costs no
 * "did you mean".
 */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  private dropped = { error: 0, warning: 0 };

  error(path: Where, message: Message): void {
    this.push('error', path, message);
  }

  warning(path: Where, message: Message): void {
    this.push('warning', path, message);
  }

  add(issue: Issue): void {
    this.push(issue.severity, issue.path, issue.message);
  }

  /** Whether another issue of this severity would still be listed. */
  room(severity: Severity): boolean {
    return (severity === 'error' ? this.errors : this.warnings).length < MAX_ISSUES;
  }

  /** The lists, each ending with "… and N more" when some were only counted. */
  finish(): { errors: Issue[]; warnings: Issue[] } {
    const more = (severity: Severity, list: Issue[]) => {
      const n = this.dropped[severity];
      if (n === 0) return list;
      const noun = severity === 'error' ? (n === 1 ? 'error' : 'errors') : n === 1 ? 'warning' : 'warnings';
      return [...list, { path: '', message: `… and ${n} more ${noun} (only the first ${MAX_ISSUES} are listed)`, severity }];
    };
    return { errors: more('error', this.errors), warnings: more('warning', this.warnings) };
  }

  private push(severity: Severity, where: Where, message: Message): void {
    const list = severity === 'error' ? this.errors : this.warnings;
    if (list.length >= MAX_ISSUES) {
      this.dropped[severity]++;
      return;
    }
    const path = typeof where === 'function' ? where() : where;
    list.push({
      path: typeof path === 'string' ? path : formatPath(path),
      message: typeof message === 'string' ? message : message(),
      severity,
    });
  }
}
