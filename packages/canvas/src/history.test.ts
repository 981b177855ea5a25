import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, seal, undo } from './history';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
  });

  it('forgets the redo branch on a new edit', () => {
    let h = record(record(createHistory('a'), 'b'), 'c');
    h = record(undo(h), 'd');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('records nothing when nothing changed', () => {
    const h = createHistory({ n: 1 });
    expect(record(h, h.present)).toBe(h);
  });

  it('makes one step of a run with the same key until sealed', () => {
    let h = createHistory(0);
    for (let x = 1; x <= 10; x++) h = record(h, x, 'drag:web');
    expect(h.present).toBe(10);
    expect(undo(h).present).toBe(0);
    h = record(seal(h), 11, 'drag:web');
    expect(undo(h).present).toBe(10);
    h = record(h, 12, 'drag:db');
    expect(undo(h).present).toBe(11);
  });

  it('keeps at most `limit` steps', () => {
    let h = createHistory(0, 3);
    for (let x = 1; x <= 10; x++) h = record(h, x);
    expect(h.past).toEqual([7, 8, 9]);
    while (canUndo(h)) h = undo(h);
    expect(h.present).toBe(7);
  });
});
