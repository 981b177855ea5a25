'use client';
// A small dropdown menu: open state, closed by a press outside the element `root` marks, and the
// keyboard of a WAI-ARIA menu button for every menu that uses it: Down/Up (or Enter/Space, which
// the button's click gives) on the button open it at the first/last item, Up/Down/Home/End move
// through the items (wrapping), Escape and Tab close it; Escape puts focus back on the button.
import { useEffect, useRef, useState } from 'react';

const ITEMS = '[role="menuitem"]:not([disabled]):not([aria-disabled="true"])';
const TRIGGER = '[aria-haspopup]';

/** The item index a key moves to among `count` items from `current` (-1: none focused), or undefined. */
export function menuIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

export function useMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // Where the keyboard opened it from: the first item (Down, Enter, click) or the last (Up).
  const start = useRef<'first' | 'last'>('first');

  // On opening, focus goes into the menu so the arrows have somewhere to start.
  useEffect(() => {
    if (!open) return;
    const items = [...(root.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    (start.current === 'last' ? items.at(-1) : items[0])?.focus();
    start.current = 'first';
  }, [open]);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const trigger = el.querySelector<HTMLElement>(TRIGGER);
      if (!open) {
        if (e.target === trigger && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
          e.preventDefault();
          start.current = e.key === 'ArrowUp' ? 'last' : 'first';
          setOpen(true);
        }
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        trigger?.focus();
        return;
      }
      if (e.key === 'Tab') {
        setOpen(false);
        return;
      }
      const items = [...el.querySelectorAll<HTMLElement>(ITEMS)];
      const next = menuIndex(e.key, items.indexOf(document.activeElement as HTMLElement), items.length);
      if (next === undefined) return;
      e.preventDefault();
      items[next]?.focus();
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      // Escape pressed elsewhere (focus left the menu by a click inside it) still closes.
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return { open, setOpen, root };
}
