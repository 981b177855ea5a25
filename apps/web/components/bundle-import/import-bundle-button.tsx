'use client';
// "Import…": the keyboard way to what dropping a file does, through the browser's file picker.
import { useRef } from 'react';
import { Button } from '../ui/button';

export function ImportBundleButton({ onFile }: { onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button onClick={() => input.current?.click()} data-testid="import-bundle">
        Import…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.tar,application/x-tar"
        className="hidden"
        data-testid="import-bundle-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
