import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine-error';
import type { TaskOutcome } from './run-dag';
import { settleOutcomes } from './settle-outcomes';

const steps = [{ id: 'network:a' }, { id: 'container:db' }, { id: 'container:web' }, { id: 'container:lb' }];

function caught(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('settleOutcomes did not throw');
}

describe('settleOutcomes', () => {
  it('lists every step in plan order, one never reached as skipped', () => {
    const outcomes = new Map<string, TaskOutcome>([
      ['container:web', { status: 'done', message: 'web started' }],
      ['network:a', { status: 'done', message: 'network a created' }],
      ['container:db', { status: 'done', message: 'db started' }],
      ['container:lb', { status: 'done', message: 'lb started' }],
    ]);
    expect(settleOutcomes(steps, outcomes, { vdcName: 'shop' })).toEqual([
      { stepId: 'network:a', status: 'done', message: 'network a created' },
      { stepId: 'container:db', status: 'done', message: 'db started' },
      { stepId: 'container:web', status: 'done', message: 'web started' },
      { stepId: 'container:lb', status: 'done', message: 'lb started' },
    ]);
    // Nothing run at all (an empty DAG answer) is all skipped, not a failure.
    expect(settleOutcomes(steps.slice(0, 1), new Map(), { vdcName: 'shop' })).toEqual([{ stepId: 'network:a', status: 'skipped', message: '' }]);
  });

  it('fails at the first failed step in plan order, counting the others, with its error as the cause', () => {
    const boom = new Error('port 80 is taken');
    const outcomes = new Map<string, TaskOutcome>([
      ['network:a', { status: 'done', message: 'network a created' }],
      ['container:lb', { status: 'failed', message: 'lb: exited 1', error: new Error('lb') }],
      ['container:db', { status: 'failed', message: 'db: port 80 is taken', error: boom }],
      ['container:web', { status: 'failed', message: 'web: no image' }],
    ]);
    const error = caught(() => settleOutcomes(steps, outcomes, { vdcName: 'shop' }));
    expect(error.code).toBe('step_failed');
    expect(error.message).toBe('deploy of VDC shop failed at container:db: db: port 80 is taken (and 2 more failed steps)');
    expect(error.cause).toBe(boom);

    const one = new Map<string, TaskOutcome>([['network:a', { status: 'failed', message: 'no subnet left' }]]);
    const swarm = caught(() => settleOutcomes(steps.slice(0, 2), one, { vdcName: 'shop', onto: 'the swarm' }));
    expect(swarm.message).toBe('deploy of VDC shop onto the swarm failed at network:a: no subnet left');
    expect(swarm.cause).toBeUndefined();

    const two = new Map<string, TaskOutcome>([
      ['network:a', { status: 'failed', message: 'x' }],
      ['container:db', { status: 'failed', message: 'y' }],
    ]);
    expect(caught(() => settleOutcomes(steps.slice(0, 2), two, { vdcName: 'shop' })).message).toMatch(/\(and 1 more failed step\)$/);
  });

  it('says aborted when the signal stopped the deploy short, and not when it had finished anyway', () => {
    const signal = AbortSignal.abort();
    const partial = new Map<string, TaskOutcome>([
      ['network:a', { status: 'done', message: 'ok' }],
      ['container:db', { status: 'failed', message: 'aborted' }],
    ]);
    const error = caught(() => settleOutcomes(steps.slice(0, 2), partial, { vdcName: 'shop', onto: 'the swarm', signal }));
    expect(error.code).toBe('aborted');
    expect(error.message).toBe('deploy of VDC shop aborted; planning and applying again resumes it');

    const complete = new Map<string, TaskOutcome>([['network:a', { status: 'done', message: 'ok' }]]);
    expect(settleOutcomes(steps.slice(0, 1), complete, { vdcName: 'shop', signal })).toEqual([{ stepId: 'network:a', status: 'done', message: 'ok' }]);
  });
});
