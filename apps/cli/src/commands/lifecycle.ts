// What stop, start and destroy share: each starts one operation on a VDC (or one appliance)
// and then reports or follows it like apply does.
import { type ColoClient, connect } from '../api-client';
import type { Operation } from '@colo/api';
import { parseSeconds } from '../args';
import type { CliContext } from '../context';
import { ApiError, CliError, UsageError } from '../errors';
import { reportOperation } from '../operation-wait';

export const WAIT_FLAGS = {
  wait: { type: 'boolean', short: 'w', description: 'follow the operation until it finishes; exit 1 if it fails' },
  timeout: { type: 'string', value: 'SECONDS', description: 'with --wait: give up waiting after this long (the operation goes on)' },
} as const;

export interface LifecycleFlags {
  wait: boolean;
  json: boolean;
  timeout: string | undefined;
}

export interface LifecycleRun {
  command: string;
  name: string;
  flags: LifecycleFlags;
  start: (client: ColoClient) => Promise<{ operation: Operation }>;
  /** Printed once the server has accepted the operation (not with --json). */
  announce?: string[];
  /** Added to the --json answer. */
  extra?: Record<string, unknown>;
}

export async function runLifecycle(ctx: CliContext, run: LifecycleRun): Promise<number> {
  const { command, name, flags } = run;
  const timeoutSeconds = parseSeconds(flags.timeout, '--timeout', command);
  if (timeoutSeconds !== undefined && !flags.wait) throw new UsageError('--timeout only applies with --wait', command);
  const client = await connect(ctx);
  let started: { operation: Operation };
  try {
    started = await run.start(client);
  } catch (error) {
    throw operationHint(error, name);
  }
  if (!flags.json) for (const line of run.announce ?? []) ctx.out(line);
  return reportOperation(ctx, client, started.operation, {
    wait: flags.wait,
    json: flags.json,
    timeoutSeconds,
    extra: { vdc: name, ...run.extra },
  });
}

/**
 * A change that loses something asks first: `--yes` skips the question, no terminal refuses,
 * a "no" cancels. `what` is the refusal's object ("destroy shop"), `cancelled` the message.
 */
export async function confirmOrRefuse(
  ctx: CliContext,
  opts: { yes: boolean; command: string; what: string; question: string; cancelled: string },
): Promise<void> {
  if (opts.yes) return;
  if (!ctx.confirm) throw new UsageError(`refusing to ${opts.what} without --yes (no terminal to confirm on)`, opts.command);
  if (!(await ctx.confirm(opts.question))) throw new CliError(opts.cancelled);
}

/** Adds the next step to the errors a user hits most when starting an operation. */
export function operationHint(error: unknown, name: string): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'operation_running') return new CliError(`${error.message} (see it with: colo ops ${name})`);
  if (error.status === 404) return new CliError(`${error.message} (list your VDCs with: colo ls)`);
  return error;
}
