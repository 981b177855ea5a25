'use client';
// xterm.js in a box: fitted to it as it (or the window) changes size, keys and size changes handed
// up. Loaded only in the browser and only when a terminal is opened (terminal-panel.tsx imports it
// lazily), so neither xterm nor its stylesheet weighs on any other page.
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';

export interface XtermScreen {
  write(bytes: Uint8Array | string): void;
  size(): { cols: number; rows: number };
  focus(): void;
  reset(): void;
}

export interface XtermViewProps {
  onReady(screen: XtermScreen): void;
  onData(data: string): void;
  onResize(cols: number, rows: number): void;
}

export default function XtermView({ onReady, onData, onResize }: XtermViewProps) {
  const box = useRef<HTMLDivElement>(null);
  // The terminal lives as long as the box; the latest handlers are read through a ref.
  const handlers = useRef({ onReady, onData, onResize });
  handlers.current = { onReady, onData, onResize };

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: '#0f172a', foreground: '#e2e8f0', cursor: '#a5b4fc', selectionBackground: '#475569' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    // Ctrl+Shift+C copies the selection (Ctrl+C stays ^C for the shell); Ctrl+Shift+V is left to
    // the browser, whose paste xterm takes. Cmd+C / Cmd+V work as they do anywhere on a Mac.
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === 'KeyC') {
        e.preventDefault();
        if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
        return false;
      }
      return e.code !== 'KeyV';
    });
    const data = term.onData((d) => handlers.current.onData(d));
    const resized = term.onResize(({ cols, rows }) => handlers.current.onResize(cols, rows));
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        try {
          fit.fit();
        } catch {
          // the box is hidden (no size): keep the last fit
        }
      });
    };
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    window.addEventListener('resize', refit);
    fit.fit();
    handlers.current.onReady({
      write: (bytes) => term.write(bytes),
      size: () => ({ cols: term.cols, rows: term.rows }),
      focus: () => term.focus(),
      reset: () => term.reset(),
    });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', refit);
      data.dispose();
      resized.dispose();
      term.dispose();
    };
  }, []);

  return <div ref={box} className="h-full w-full" data-testid="terminal-screen" />;
}
