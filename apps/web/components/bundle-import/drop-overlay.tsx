'use client';
// What a drop target shows while a file is held over it.
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div
      data-testid="bundle-drop-overlay"
      className="pointer-events-none absolute inset-0 z-40 flex items-center justify-center rounded-xl border-2 border-dashed border-indigo-400 bg-indigo-50/80"
    >
      <div className="text-center">
        <p className="text-base font-semibold text-indigo-900">Drop to import as a new VDC</p>
        <p className="mt-1 text-sm text-indigo-700">A .colo.yaml bundle, or a .colo.tar with its data</p>
      </div>
    </div>
  );
}
