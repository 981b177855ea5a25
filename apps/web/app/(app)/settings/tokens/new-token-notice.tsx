'use client';
// The one moment a token is visible: copy it now, with the CLI line that uses it.
import { useEffect, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { CopyButton } from '../../../../components/ui/copy-button';

export function NewTokenNotice({ token, name, onDone }: { token: string; name: string; onDone: () => void }) {
  const [origin, setOrigin] = useState('http://127.0.0.1:3000');
  useEffect(() => setOrigin(window.location.origin), []);
  const login = `colo login ${origin} --token ${token}`;
  return (
    <section className="rounded-xl border border-emerald-200 bg-emerald-50/70 p-5" data-testid="new-token">
      <h2 className="text-sm font-semibold text-emerald-900">Token “{name}” created</h2>
      <p className="mt-1 text-sm text-emerald-900/80">Copy it now. Colo keeps only a hash, so it cannot show it to you again.</p>
      <div className="mt-3 flex items-center gap-2">
        <code data-testid="new-token-value" className="min-w-0 flex-1 truncate rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-200 select-all">
          {token}
        </code>
        <CopyButton text={token} variant="primary" />
      </div>
      <p className="mt-4 text-xs font-medium text-emerald-900/80">Sign the CLI in with it:</p>
      <div className="mt-1 flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{login}</code>
        <CopyButton text={login} size="sm" />
      </div>
      <div className="mt-4 flex justify-end">
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </section>
  );
}
