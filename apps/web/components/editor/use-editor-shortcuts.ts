'use client';
// The editor's keyboard: one listener on the window, ignoring keys typed into fields (except
// save) and keys meant for an open dialog. Delete/Backspace belong to React Flow itself.
import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  duplicate: () => void;
  selectAll: () => void;
  clearSelection: () => void;
  save: () => void;
  fitView: () => void;
  autoLayout: () => void;
  help: () => void;
  saveAsAssembly: () => void;
  /** Fold or unfold the palette / the inspector (more room for the canvas on a small screen). */
  togglePalette: () => void;
  toggleInspector: () => void;
}

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl/⌘', 'Z'], what: 'Undo' },
  { keys: ['Ctrl/⌘', 'Shift', 'Z'], what: 'Redo (also Ctrl+Y)' },
  { keys: ['Ctrl/⌘', 'C'], what: 'Copy the selected appliances' },
  { keys: ['Ctrl/⌘', 'X'], what: 'Cut' },
  { keys: ['Ctrl/⌘', 'V'], what: 'Paste (fresh names, wires among the copies kept)' },
  { keys: ['Ctrl/⌘', 'D'], what: 'Duplicate the selection' },
  { keys: ['Ctrl/⌘', 'A'], what: 'Select everything' },
  { keys: ['Delete'], what: 'Delete the selection (also Backspace)' },
  { keys: ['Ctrl/⌘', 'S'], what: 'Save a revision' },
  { keys: ['Ctrl/⌘', 'G'], what: 'Save the selection as an assembly (one reusable box)' },
  { keys: ['Shift', 'L'], what: 'Auto-layout' },
  { keys: ['Shift', 'F'], what: 'Fit the drawing in view' },
  { keys: ['Shift', 'P'], what: 'Fold or unfold the palette' },
  { keys: ['Shift', 'I'], what: 'Fold or unfold the inspector' },
  { keys: ['Shift', 'drag'], what: 'Select with a box' },
  { keys: ['Ctrl/⌘', 'click'], what: 'Add to the selection' },
  { keys: ['Esc'], what: 'Clear the selection' },
  { keys: ['?'], what: 'This list' },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || el.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function useEditorShortcuts(actions: ShortcutActions) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        return a.save();
      }
      // An open modal owns the keyboard even when focus fell back to the body (a busy submit
      // button is disabled): Escape must reach the dialog, not clear the canvas selection.
      const modalOpen = document.querySelector('dialog[open]') !== null;
      if (e.defaultPrevented || modalOpen || isTyping(e.target) || (e.target as HTMLElement | null)?.closest?.('dialog')) return;
      const textSelected = (window.getSelection()?.toString() ?? '') !== '';
      const handlers: [boolean, () => void][] = [
        [mod && key === 'z' && !e.shiftKey, a.undo],
        [mod && ((key === 'z' && e.shiftKey) || key === 'y'), a.redo],
        [mod && key === 'c' && !textSelected, a.copy],
        [mod && key === 'x' && !textSelected, a.cut],
        [mod && key === 'v', a.paste],
        [mod && key === 'd', a.duplicate],
        [mod && key === 'a', a.selectAll],
        [mod && key === 'g', a.saveAsAssembly],
        [!mod && e.shiftKey && key === 'l', a.autoLayout],
        [!mod && e.shiftKey && key === 'f', a.fitView],
        [!mod && e.shiftKey && key === 'p', a.togglePalette],
        [!mod && e.shiftKey && key === 'i', a.toggleInspector],
        [!mod && e.key === '?', a.help],
        [e.key === 'Escape', a.clearSelection],
      ];
      const hit = handlers.find(([when]) => when);
      if (!hit) return;
      e.preventDefault();
      hit[1]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
