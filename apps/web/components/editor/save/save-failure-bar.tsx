'use client';
// A refused save, said under the toolbar where the Save button is: the server's message and, for
// an invalid manifest, its first problems (all of them are in the Problems tab).
import { formatIssue } from '@colo/manifest';
import type { SaveFailure } from './use-save';

export function SaveFailureBar({ failure, onDismiss }: { failure: SaveFailure; onDismiss: () => void }) {
  return (
    <div role="alert" data-testid="save-error" className="flex items-start gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900">
      <div className="min-w-0 flex-1">
        <p>
          <strong className="font-semibold">Not saved.</strong>{' '}
          {failure.issues.length > 0 ? 'The server refused this drawing (the problems are also in the Problems tab):' : failure.message}
        </p>
        {failure.issues.length > 0 && (
          <ul className="mt-1 space-y-0.5 font-mono text-xs">
            {failure.issues.slice(0, 3).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                {formatIssue(i)}
              </li>
            ))}
            {failure.issues.length > 3 && <li>…and {failure.issues.length - 3} more</li>}
          </ul>
        )}
      </div>
      <button type="button" onClick={onDismiss} aria-label="Dismiss" className="rounded px-1.5 text-rose-700 hover:bg-rose-100">
        ×
      </button>
    </div>
  );
}
