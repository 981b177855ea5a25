import { describe, expect, it } from 'vitest';
import { canvasChrome, fitPadding } from './fit';

describe('canvas chrome', () => {
  it('shrinks the minimap on a small canvas and drops it on a tight one', () => {
    expect(canvasChrome(1200, 600).minimap).toEqual({ width: 168, height: 104 });
    // 1024×700 with both side panels folded: 952 × 400 of canvas.
    expect(canvasChrome(952, 400).minimap).toEqual({ width: 120, height: 74 });
    expect(canvasChrome(500, 400).minimap).toBeUndefined();
    expect(canvasChrome(900, 300).minimap).toBeUndefined();
  });

  it('keeps framed boxes above whatever minimap is shown', () => {
    for (const [w, h] of [
      [1400, 800],
      [700, 400],
      [400, 250],
    ]) {
      const chrome = canvasChrome(w, h);
      // The minimap sits 15 px from the corner (React Flow's panel margin).
      expect(chrome.inset.bottom).toBeGreaterThanOrEqual((chrome.minimap?.height ?? 0) + 15);
    }
  });

  it('frames as before until the canvas is measured', () => {
    expect(canvasChrome(0, 0)).toEqual(canvasChrome(1600, 900));
    expect(fitPadding(canvasChrome(0, 0).inset)).toEqual({ top: '32px', left: '40px', right: '40px', bottom: '136px' });
  });
});
