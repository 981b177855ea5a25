import type { OperationKind } from '@colo/db';
import { runDeploy } from './deploy';
import { runDestroy, runStart, runStop } from './lifecycle';
import type { Runner } from './types';

export type { Runner, RunnerContext, RunnerOutcome } from './types';

export const RUNNERS: Record<OperationKind, Runner> = {
  deploy: runDeploy,
  stop: runStop,
  start: runStart,
  destroy: runDestroy,
};
