'use client';
// Dropping a bundle on the editor's canvas: the same import as on the VDC list (a new VDC, never
// a change to the one open), then the new VDC opens. Listens on the canvas's box itself, so the
// canvas keeps its own drops (palette items) and only files come here.
import { useRouter } from 'next/navigation';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { editorHref } from '../vdc-list/types';
import { DropOverlay } from './drop-overlay';
import { ImportBundleDialog } from './import-bundle-dialog';

const holdsFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function CanvasBundleDrop({ target }: { target: RefObject<HTMLElement | null> }) {
  const router = useRouter();
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const depth = useRef(0);

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const enter = (e: DragEvent) => {
      if (!holdsFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!holdsFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!holdsFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!holdsFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const dropped = e.dataTransfer?.files?.[0];
      if (dropped) setFile(dropped);
    };
    el.addEventListener('dragenter', enter);
    el.addEventListener('dragover', over);
    el.addEventListener('dragleave', leave);
    el.addEventListener('drop', drop);
    return () => {
      el.removeEventListener('dragenter', enter);
      el.removeEventListener('dragover', over);
      el.removeEventListener('dragleave', leave);
      el.removeEventListener('drop', drop);
    };
  }, [target]);

  return (
    <>
      <DropOverlay visible={dragging} />
      <ImportBundleDialog
        file={file}
        onClose={() => setFile(null)}
        onImported={(name) => {
          setFile(null);
          router.push(editorHref(name));
        }}
      />
    </>
  );
}
