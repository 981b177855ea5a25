// One line of an import's report: what happened to one key of one service, in plain words.
// `refused` lines stop the whole import; the others describe the manifest that was made.

export type ReportSeverity = 'refused' | 'dropped' | 'changed' | 'mapped';

export interface ReportLine {
  /** The compose service, as written in the file ('' for the file itself). */
  service: string;
  /** The compose key the line is about (`ports`, `volumes`, `environment.POSTGRES_PASSWORD` …). */
  key: string;
  severity: ReportSeverity;
  message: string;
}

/** Collects lines for one service; `at(key)` keeps call sites short. */
export class Report {
  readonly lines: ReportLine[] = [];

  add(service: string, key: string, severity: ReportSeverity, message: string): void {
    this.lines.push({ service, key, severity, message });
  }

  get refused(): ReportLine[] {
    return this.lines.filter((line) => line.severity === 'refused');
  }
}
