import { describe, expect, it } from 'vitest';
import { operation } from '../test/fixtures';
import { operationSchema } from '@colo/api';
import { ProgressPrinter } from './progress';

const steps = (a: string, b: string, c = 'pending') => [
  { key: 'net', title: 'create network shop-web-in', status: a },
  { key: 'web-1', title: 'start web-1', status: b },
  { key: 'web-2', title: 'start web-2', status: c },
];
const snapshot = (fields: Parameters<typeof operation>[0]) => operationSchema.parse(operation(fields));
const log = (seq: number, message: string) => ({ seq, at: null, message });

function printer() {
  const lines: string[] = [];
  return { lines, p: new ProgressPrinter((line) => lines.push(line)) };
}

describe('ProgressPrinter', () => {
  it('prints the operation status and each step state change once, with the percent', () => {
    const { lines, p } = printer();
    p.update(snapshot({ status: 'queued', steps: steps('pending', 'pending') }));
    p.update(snapshot({ status: 'queued', steps: steps('pending', 'pending') }));
    p.update(snapshot({ status: 'running', progress: 10, steps: steps('running', 'pending') }));
    p.update(snapshot({ status: 'running', progress: 40, steps: steps('done', 'running') }));
    p.update(snapshot({ status: 'running', progress: 40, steps: steps('done', 'running') }));
    expect(lines).toEqual([
      '[  0%] deploy op_1: queued',
      '[ 10%] deploy op_1: running',
      '[ 10%] create network shop-web-in: running',
      '[ 40%] create network shop-web-in: done',
      '[ 40%] start web-1: running',
    ]);
  });

  it('prints a step that went straight from pending to done or skipped', () => {
    const { lines, p } = printer();
    p.update(snapshot({ status: 'running', progress: 0, steps: steps('pending', 'pending') }));
    p.update(snapshot({ status: 'running', progress: 66.6, steps: steps('done', 'skipped') }));
    expect(lines.slice(1)).toEqual(['[ 67%] create network shop-web-in: done', '[ 67%] start web-1: skipped']);
  });

  it('prints new log lines once each, indented under the steps, and tracks the last seq', () => {
    const { lines, p } = printer();
    p.update(snapshot({ status: 'running' }), [log(1, 'pulling nothing'), log(2, 'line a\nline b')]);
    expect(p.logsAfter).toBe(2);
    p.update(snapshot({ status: 'running' }), [log(2, 'line a\nline b'), log(3, 'healthy')]);
    expect(lines).toEqual(['[  0%] deploy op_1: running', '       pulling nothing', '       line a', '       line b', '       healthy']);
    expect(p.logsAfter).toBe(3);
  });

  it('ends with the outcome and how long it took', () => {
    const { lines, p } = printer();
    p.update(snapshot({ status: 'running', progress: 50, steps: steps('done', 'running') }));
    p.update(
      snapshot({
        status: 'succeeded',
        progress: 100,
        steps: steps('done', 'done', 'done'),
        startedAt: '2026-11-27T12:00:00.000Z',
        finishedAt: '2026-11-27T12:00:14.200Z',
      }),
    );
    expect(lines.slice(-3)).toEqual(['[100%] start web-1: done', '[100%] start web-2: done', '[100%] deploy succeeded in 14.2s']);
  });

  it('shows a failed step with its error and the operation error at the end', () => {
    const { lines, p } = printer();
    p.update(snapshot({ status: 'running', progress: 30, steps: steps('done', 'running') }));
    p.update(
      snapshot({
        status: 'failed',
        progress: 60,
        error: 'start web-1: health check timed out',
        steps: [
          { key: 'net', title: 'create network shop-web-in', status: 'done' },
          { key: 'web-1', title: 'start web-1', status: 'failed', error: { message: 'health check timed out' } },
        ],
      }),
    );
    expect(lines.slice(-2)).toEqual(['[ 60%] start web-1: failed: health check timed out', '[ 60%] deploy failed: start web-1: health check timed out']);
  });
});
