// What every command that starts an operation does next: print its id, or (--wait) poll it
// until it finishes, showing progress, and exit 0 only if it succeeded.
import type { ColoClient } from './api-client';
import type { LogLine, Operation, OperationAnswer } from '@colo/api';
import type { CliContext } from './context';
import { ApiError, CliError } from './errors';
import { errorText } from './format';
import { ProgressPrinter } from './progress';

export interface WaitOptions {
  wait: boolean;
  json: boolean;
  timeoutSeconds?: number;
  /** Extra fields for the --json answer (e.g. apply's revision). */
  extra?: Record<string, unknown>;
}

/** A server hiccup while polling is not the operation failing: retry a few times first. */
const POLL_RETRIES = 5;

export async function reportOperation(ctx: CliContext, client: ColoClient, operation: Operation, options: WaitOptions): Promise<number> {
  if (!options.wait) {
    if (options.json) ctx.out(JSON.stringify({ ...options.extra, operation }, null, 2));
    else ctx.out(`${operation.kind} ${operation.status}: ${operation.id} (follow it: colo op ${operation.id} --wait)`);
    return 0;
  }
  return followOperation(ctx, client, operation.id, options);
}

export async function followOperation(ctx: CliContext, client: ColoClient, id: string, options: Omit<WaitOptions, 'wait'>): Promise<number> {
  const printer = new ProgressPrinter(options.json ? () => {} : (line) => ctx.out(line));
  const deadline = options.timeoutSeconds === undefined ? Infinity : ctx.now() + options.timeoutSeconds * 1000;
  const logs: LogLine[] = [];
  let answer: OperationAnswer;
  for (;;) {
    answer = await poll(ctx, client, id, printer.logsAfter);
    if (isFinished(answer.operation)) answer = await withRemainingLogs(ctx, client, id, answer);
    logs.push(...answer.logs.filter((log) => log.seq > printer.logsAfter));
    printer.update(answer.operation, answer.logs);
    const { status, kind } = answer.operation;
    if (isFinished(answer.operation)) break;
    if (ctx.now() >= deadline) {
      throw new CliError(
        `timed out after ${options.timeoutSeconds}s: ${kind} ${id} is still ${status} (it goes on; follow it with \`colo op ${id} --wait\`)`,
      );
    }
    await ctx.sleep(ctx.pollIntervalMs);
  }

  const { operation } = answer;
  if (options.json) ctx.out(JSON.stringify({ ...options.extra, operation, logs }, null, 2));
  if (operation.status === 'succeeded') return 0;
  // Printed here rather than thrown so --json keeps one document on stdout.
  for (const line of failureLines(operation)) ctx.err(line);
  return 1;
}

/**
 * A failed operation as the failure view says it: the plain cause, the fix, the two next
 * commands (Retry, Roll back) when they apply, and Docker's own words last as details.
 */
export function failureLines(operation: Operation, options: { details?: boolean } = {}): string[] {
  const failure = operation.failure;
  if (!failure) {
    const reason = errorText(operation.error) ?? failedStepError(operation) ?? `status ${operation.status}`;
    return [`error: ${operation.kind} ${operation.id} ${operation.status}: ${reason}`];
  }
  const vdc = typeof operation.vdc === 'string' ? operation.vdc : 'NAME';
  const lines = [`error: ${operation.kind} ${operation.id} failed: ${failure.message}`, `fix: ${failure.fix}`];
  const next: [string, string][] = [];
  if (typeof failure.retryRevision === 'number') next.push([`colo deploy ${vdc} --retry`, `deploys revision ${failure.retryRevision} again, once the cause is fixed`]);
  if (typeof failure.rollbackRevision === 'number') next.push([`colo rollback ${vdc}`, `deploys revision ${failure.rollbackRevision}, the last that deployed`]);
  const width = Math.max(0, ...next.map(([command]) => command.length));
  for (const [i, [command, what]] of next.entries()) lines.push(`${i === 0 ? 'next:' : '     '} ${command.padEnd(width)}  (${what})`);
  if (options.details === false) lines.push(`details: colo op ${operation.id}`);
  else lines.push('details:', ...failure.details.split('\n').map((line) => `  ${line}`));
  return lines;
}

async function poll(ctx: CliContext, client: ColoClient, id: string, logsAfter: number): Promise<OperationAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.operation(id, logsAfter);
    } catch (error) {
      const transient = error instanceof CliError && (!(error instanceof ApiError) || error.status >= 500);
      if (!transient || attempt >= POLL_RETRIES) throw error;
      await ctx.sleep(ctx.pollIntervalMs * attempt);
    }
  }
}

function isFinished(operation: Operation): boolean {
  return operation.status !== 'queued' && operation.status !== 'running';
}

/** The server pages log lines; a finished operation's last lines are fetched before its outcome is printed. */
async function withRemainingLogs(ctx: CliContext, client: ColoClient, id: string, answer: OperationAnswer): Promise<OperationAnswer> {
  const logs = [...answer.logs];
  for (let page = 0; page < 100 && logs.length > 0; page++) {
    const after = logs[logs.length - 1].seq;
    const more = (await poll(ctx, client, id, after)).logs.filter((log) => log.seq > after);
    if (more.length === 0) break;
    logs.push(...more);
  }
  return { ...answer, logs };
}

function failedStepError(operation: Operation): string | undefined {
  const step = operation.steps?.find((s) => s.status === 'failed');
  return step ? `${step.title}: ${errorText(step.error) ?? 'failed'}` : undefined;
}
