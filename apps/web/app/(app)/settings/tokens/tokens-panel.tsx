'use client';
// API tokens: create one (shown once), see which are in use, revoke the ones you no longer trust.
import type { TOKEN_SCOPES, TokenCreated, TokenInfo } from '@colo/api';
import { useState } from 'react';
import { PageHeader } from '../../../../components/shell/page-header';
import { Alert } from '../../../../components/ui/alert';
import { apiFetch } from '../../../../components/ui/api-fetch';
import { Badge } from '../../../../components/ui/badge';
import { Button } from '../../../../components/ui/button';
import { ConfirmDialog } from '../../../../components/ui/dialog';
import { Input } from '../../../../components/ui/input';
import { useToast } from '../../../../components/ui/toast';
import { RelativeTime } from '../../../../components/vdc-list/relative-time';
import { NewTokenNotice } from './new-token-notice';

export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A token as `GET /tokens` lists it (the contract's TokenInfo), with what this server always sends. */
export type TokenRow = TokenInfo & { prefix: string; scope: TokenScope; createdAt: string };

const SCOPES: { value: TokenScope; label: string }[] = [
  { value: 'read', label: 'Read: look only (GET)' },
  { value: 'deploy', label: 'Deploy: change and run VDCs' },
  { value: 'admin', label: 'Admin: also manage tokens' },
];

const EXPIRIES: { value: string; label: string }[] = [
  { value: '30', label: 'Expires in 30 days' },
  { value: '90', label: 'Expires in 90 days' },
  { value: '365', label: 'Expires in a year' },
  { value: '', label: 'Never expires' },
];

const SCOPE_TONE: Record<TokenScope, 'gray' | 'blue' | 'amber'> = { read: 'gray', deploy: 'blue', admin: 'amber' };

const selectClass =
  'block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-500';

function expired(t: TokenRow): boolean {
  return t.expiresAt != null && new Date(t.expiresAt).getTime() <= Date.now();
}

export function TokensPanel({ initial }: { initial: TokenRow[] }) {
  const toast = useToast();
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('deploy');
  const [expiresInDays, setExpiresInDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const res = await apiFetch<TokenCreated & { info: TokenRow }>('/tokens', {
        method: 'POST',
        body: { name: name.trim(), scope, expiresInDays: expiresInDays ? Number(expiresInDays) : null },
      });
      setTokens((list) => [res.info, ...list]);
      setCreated({ token: res.token, name: res.info.name });
      setName('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase';
  return (
    <div className="mx-auto w-full max-w-4xl px-6 py-8">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let the <code className="text-slate-800">colo</code> CLI and your scripts use the API as you (
            <code className="text-slate-800">Authorization: Bearer …</code>). Give each machine its own, and revoke it when the machine goes away.
          </>
        }
      />
      <form onSubmit={create} className="mt-6 flex items-start gap-2">
        <div className="max-w-sm flex-1">
          <label htmlFor="token-name" className="sr-only">
            Token name
          </label>
          <Input id="token-name" placeholder="Name, e.g. laptop CLI" maxLength={64} value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
        </div>
        <label htmlFor="token-scope" className="sr-only">
          Scope
        </label>
        <select id="token-scope" className={selectClass} value={scope} onChange={(e) => setScope(e.target.value as TokenScope)} data-testid="token-scope">
          {SCOPES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor="token-expiry" className="sr-only">
          Expiry
        </label>
        <select id="token-expiry" className={selectClass} value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)} data-testid="token-expiry">
          {EXPIRIES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="primary" busy={busy} disabled={!name.trim()} data-testid="create-token">
          Create token
        </Button>
      </form>
      <div className="mt-4 space-y-4">
        {error && <Alert>{error}</Alert>}
        {created && <NewTokenNotice token={created.token} name={created.name} onDone={() => setCreated(null)} />}
        {tokens.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
            No tokens yet. Create one above, then run <code className="text-slate-800">colo login &lt;url&gt; --token &lt;token&gt;</code>.
          </div>
        ) : (
          <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
            <table className="w-full text-sm" data-testid="token-table">
              <thead className="border-b border-slate-200 bg-slate-50/70">
                <tr>
                  <th className={th}>Name</th>
                  <th className={th}>Token</th>
                  <th className={th}>Scope</th>
                  <th className={th}>Created</th>
                  <th className={th}>Expires</th>
                  <th className={th}>Last used</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id} className={t.revokedAt ? 'text-slate-500' : 'text-slate-700'} data-testid={`token-row-${t.id}`}>
                    <td className="px-4 py-3 font-medium">{t.name}</td>
                    <td className="px-4 py-3 font-mono text-xs">{t.prefix}…</td>
                    <td className="px-4 py-3" data-testid="token-scope-cell">
                      <Badge tone={SCOPE_TONE[t.scope]}>{t.scope}</Badge>
                    </td>
                    <td className="px-4 py-3 text-xs">
                      <RelativeTime iso={t.createdAt} />
                    </td>
                    <td className="px-4 py-3 text-xs" data-testid="token-expiry-cell">
                      {t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : 'Never'}
                    </td>
                    <td className="px-4 py-3 text-xs">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'Never'}</td>
                    <td className="px-4 py-3 text-right">
                      {t.revokedAt ? (
                        <Badge>Revoked</Badge>
                      ) : expired(t) ? (
                        <Badge>Expired</Badge>
                      ) : (
                        <Button size="sm" variant="ghost" className="text-rose-700 hover:bg-rose-50" onClick={() => setRevoking(t)}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Anything using this token (a CLI, a script) will be refused from now on. This cannot be undone."
        confirmLabel="Revoke token"
        danger
        testId="revoke-token-dialog"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await apiFetch(`/tokens/${encodeURIComponent(revoking.id)}`, { method: 'DELETE' });
          const now = new Date().toISOString();
          setTokens((list) => list.map((t) => (t.id === revoking.id ? { ...t, revokedAt: now } : t)));
          toast(`Revoked “${revoking.name}”`);
        }}
      />
    </div>
  );
}
