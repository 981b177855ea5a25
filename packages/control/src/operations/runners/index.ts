import type { OperationKind } from '@colo/db';
import { runDeploy } from './deploy';
import { runEntryDelete, runEntrySwitch } from './entry';
import { runClone } from './clone';
import { runDataImport } from './data-import';
import { runDestroy, runStart, runStop } from './lifecycle';
import { runMove } from './move';
import { runRestore } from './restore';
import { runSnapshot, runSnapshotDelete } from './snapshot';
import type { Runner } from './types';

export type { Runner, RunnerContext, RunnerOutcome } from './types';

export const RUNNERS: Record<OperationKind, Runner> = {
  deploy: runDeploy,
  stop: runStop,
  start: runStart,
  destroy: runDestroy,
  snapshot: runSnapshot,
  clone: runClone,
  restore: runRestore,
  snapshot_delete: runSnapshotDelete,
  entry_switch: runEntrySwitch,
  entry_delete: runEntryDelete,
  data_import: runDataImport,
  move: runMove,
};
