'use client';
// Why the canvas just refused something, shown over the canvas for a few seconds.
import { useEffect } from 'react';

export function CanvasNotice({ message, onDone }: { message: string | null; onDone: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDone, 5000);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  if (!message) return null;
  return (
    <div className="pointer-events-none absolute inset-x-0 top-3 z-20 flex justify-center px-4">
      <p role="alert" data-testid="canvas-notice" className="pointer-events-auto max-w-xl rounded-lg bg-slate-900 px-3.5 py-2 text-sm text-white shadow-lg">
        {message}
      </p>
    </div>
  );
}
