// A drain's data moves, followed from the nodes page: appliances whose data is on the node move
// first (one `move` operation per VDC), the page says how far each has got, and the node is
// drained once they all succeeded. A failed move stops there: the node stays active.
import type { DrainAnswer } from '@colo/api';
import { apiFetch } from '../ui/api-fetch';

const POLL_MS = 1500;

interface MoveState {
  vdcName: string;
  operationId: string;
  status: string;
  progress: number;
  error?: string;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** What the page says while the moves run, one line per VDC. */
export function movesSummary(node: string, moves: MoveState[]): string[] {
  return [
    `Moving the data on ${node} to other nodes first; ${node} is drained once every move has succeeded.`,
    ...moves.map((m) => `${m.vdcName}: move ${m.status}${m.status === 'running' || m.status === 'queued' ? ` (${m.progress}%)` : ''}${m.error ? `: ${m.error}` : ''} · ${m.operationId}`),
  ];
}

/** Follows every move of `answer` until each finished; `onChange` gets the lines after each poll. Resolves to whether all succeeded. */
export async function followDrainMoves(answer: DrainAnswer, onChange: (lines: string[]) => void): Promise<boolean> {
  const moves: MoveState[] = answer.moving.map((m) => ({ vdcName: m.vdcName, operationId: m.operationId, status: 'queued', progress: 0 }));
  onChange(movesSummary(answer.node.hostname, moves));
  while (moves.some((m) => !FINISHED.has(m.status))) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    for (const m of moves.filter((x) => !FINISHED.has(x.status))) {
      const { operation } = await apiFetch<{ operation: { status: string; progress: number; error?: unknown } }>(`/operations/${encodeURIComponent(m.operationId)}`);
      m.status = operation.status;
      m.progress = operation.progress;
      const error = operation.error as { message?: string } | string | null | undefined;
      if (error) m.error = typeof error === 'string' ? error : error.message;
    }
    onChange(movesSummary(answer.node.hostname, moves));
  }
  return moves.every((m) => m.status === 'succeeded');
}
