// Live progress of an operation as lines of text: fed one polled snapshot at a time, it prints
// only what changed since the last one — the operation's status, each step that changed state
// (with the operation's percent), and log lines not seen yet — so a log or a CI run reads
// as a story, not a redrawn screen.
import type { LogLine, Operation } from '@colo/api';
import { elapsed, errorText } from './format';

const LOG_INDENT = ' '.repeat(7);

export class ProgressPrinter {
  private status: string | undefined;
  private readonly steps = new Map<string, string>();
  private lastSeq = 0;

  constructor(private readonly write: (line: string) => void) {}

  /** The sequence number to ask for logs after (`?logsAfter=`). */
  get logsAfter(): number {
    return this.lastSeq;
  }

  update(operation: Operation, logs: LogLine[] = []): void {
    const percent = `[${String(Math.round(operation.progress ?? 0)).padStart(3)}%]`;
    const finished = operation.status !== 'queued' && operation.status !== 'running';

    if (operation.status !== this.status && !finished) {
      this.write(`${percent} ${operation.kind} ${operation.id}: ${operation.status}`);
    }
    for (const step of operation.steps ?? []) {
      const before = this.steps.get(step.key) ?? 'pending';
      this.steps.set(step.key, step.status);
      if (step.status === before) continue;
      const error = step.status === 'failed' ? errorText(step.error) : undefined;
      this.write(`${percent} ${step.title}: ${step.status}${error ? `: ${error}` : ''}`);
    }
    for (const log of logs) {
      // The server may resend a line if polls overlap; the sequence number says what is new.
      if (log.seq <= this.lastSeq) continue;
      this.lastSeq = log.seq;
      for (const line of log.message.split('\n')) this.write(`${LOG_INDENT}${line}`);
    }
    if (operation.status !== this.status && finished) {
      const took = elapsed(operation.startedAt ?? operation.createdAt, operation.finishedAt);
      // The plain words when the server has them; Docker's are in the step line above.
      const error = operation.status === 'failed' ? (operation.failure?.message ?? errorText(operation.error)) : undefined;
      this.write(`${percent} ${operation.kind} ${operation.status}${took ? ` in ${took}` : ''}${error ? `: ${error}` : ''}`);
    }
    this.status = operation.status;
  }
}
