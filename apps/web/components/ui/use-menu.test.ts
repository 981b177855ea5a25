import { describe, expect, it } from 'vitest';
import { menuIndex } from './use-menu';

describe('menuIndex', () => {
  it('starts at the first item on Down and the last on Up when none is focused', () => {
    expect(menuIndex('ArrowDown', -1, 4)).toBe(0);
    expect(menuIndex('ArrowUp', -1, 4)).toBe(3);
  });

  it('moves one step and wraps at both ends', () => {
    expect(menuIndex('ArrowDown', 1, 4)).toBe(2);
    expect(menuIndex('ArrowDown', 3, 4)).toBe(0);
    expect(menuIndex('ArrowUp', 0, 4)).toBe(3);
  });

  it('jumps to the ends with Home and End, and ignores other keys and empty menus', () => {
    expect(menuIndex('Home', 2, 4)).toBe(0);
    expect(menuIndex('End', 0, 4)).toBe(3);
    expect(menuIndex('a', 0, 4)).toBeUndefined();
    expect(menuIndex('ArrowDown', -1, 0)).toBeUndefined();
  });
});
