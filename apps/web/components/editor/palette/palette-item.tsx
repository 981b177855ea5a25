'use client';
// One draggable entry of the palette. Dragging drops it where the pointer is; clicking (or
// Enter) adds it at a free spot, so it also works without a mouse and for test automation.
import type { DragEvent, ReactNode } from 'react';

export function PaletteItem(props: {
  testId: string;
  mime: string;
  id: string;
  icon: ReactNode;
  title: string;
  subtitle: string;
  detail?: string;
  onAdd: () => void;
}) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(props.mime, props.id);
    event.dataTransfer.setData('text/plain', props.id);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        draggable
        onDragStart={onDragStart}
        onClick={props.onAdd}
        data-testid={props.testId}
        title={`${props.detail ? `${props.detail}\n\n` : ''}Drag onto the canvas, or click to add`}
        className="group flex w-full cursor-grab items-center gap-2.5 rounded-lg border border-transparent px-2 py-1.5 text-left hover:border-slate-200 hover:bg-white hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-500 active:cursor-grabbing"
      >
        {props.icon}
        <span className="min-w-0 flex-1">
          <span className="block truncate text-[13px] font-medium text-slate-800">{props.title}</span>
          <span className="block truncate font-mono text-[11px] text-slate-500">{props.subtitle}</span>
        </span>
        <span aria-hidden className="text-slate-300 opacity-0 transition-opacity group-hover:opacity-100">
          +
        </span>
      </button>
    </li>
  );
}
