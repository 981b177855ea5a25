import { describe, expect, it } from 'vitest';
import { panelOpen, parseChoice, toggled, WIDE_MIN } from './side-panels';

describe('side panels', () => {
  it('collapse on a narrow window and show on a wide one while the user has not chosen', () => {
    expect(panelOpen({}, 'palette', 1024)).toBe(false);
    expect(panelOpen({}, 'inspector', WIDE_MIN - 1)).toBe(false);
    expect(panelOpen({}, 'palette', WIDE_MIN)).toBe(true);
    expect(panelOpen({}, 'inspector', 1440)).toBe(true);
  });

  it('keep the user’s choice whatever the width', () => {
    expect(panelOpen({ palette: true }, 'palette', 1024)).toBe(true);
    expect(panelOpen({ inspector: false }, 'inspector', 1920)).toBe(false);
    // One panel's choice leaves the other to the width.
    expect(panelOpen({ palette: true }, 'inspector', 1024)).toBe(false);
  });

  it('a toggle flips what was shown and records it', () => {
    expect(toggled({}, 'palette', 1024)).toEqual({ palette: true });
    expect(toggled({}, 'inspector', 1440)).toEqual({ inspector: false });
    expect(toggled({ palette: true, inspector: false }, 'palette', 1440)).toEqual({ palette: false, inspector: false });
  });

  it('reads back only what it wrote', () => {
    expect(parseChoice(JSON.stringify({ palette: false }))).toEqual({ palette: false });
    expect(parseChoice(null)).toEqual({});
    expect(parseChoice('{not json')).toEqual({});
    expect(parseChoice(JSON.stringify({ palette: 'yes' }))).toEqual({});
    expect(parseChoice('[]')).toEqual({});
  });
});
