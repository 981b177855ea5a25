'use client';
// Who may use an assembly, changed by its owner: private, shared with chosen users (by e-mail),
// or published to everyone on this Colo. The choice is a draft until saved; the server's answer
// (an unknown e-mail, say) is shown here, and the saved state is announced to screen readers.
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../ui/alert';
import { apiFetch } from '../ui/api-fetch';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { checkNewUser, describeSharing, isDirty, sharingBody } from './sharing-draft';
import type { AssemblyItem, AssemblyVisibility } from './types';

const CHOICES: { value: AssemblyVisibility; label: string; hint: string }[] = [
  { value: 'private', label: 'Private', hint: 'Only you can see and place it.' },
  { value: 'shared', label: 'Shared with…', hint: 'The users you name can see and place it; only you can change it.' },
  { value: 'published', label: 'Published', hint: 'Everyone on this Colo can see and place it; only you can change it.' },
];

export function SharingPanel({ assembly }: { assembly: AssemblyItem }) {
  const router = useRouter();
  const ids = useId();
  const savedUsers = (assembly.sharedWith ?? []).map((u) => u.email);
  const [saved, setSaved] = useState({ visibility: assembly.visibility, users: savedUsers });
  const [visibility, setVisibility] = useState<AssemblyVisibility>(assembly.visibility);
  const [users, setUsers] = useState<string[]>(savedUsers);
  const [email, setEmail] = useState('');
  const [emailProblem, setEmailProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const dirty = isDirty({ visibility, users }, saved);

  function addUser(e?: FormEvent) {
    e?.preventDefault();
    if (!email.trim()) return;
    const { email: value, problem } = checkNewUser(email, users);
    if (value === null) return setEmailProblem(problem);
    setUsers([...users, value]);
    setEmail('');
    setEmailProblem(null);
    setStatus(`${value} added; save to share with them.`);
  }

  function removeUser(user: string) {
    setUsers(users.filter((u) => u !== user));
    setStatus(`${user} removed; save to stop sharing with them.`);
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const body = sharingBody({ visibility, users });
      const { assembly: after } = await apiFetch<{ assembly: AssemblyItem }>(`/assemblies/${encodeURIComponent(assembly.id)}/sharing`, { method: 'PUT', body });
      const afterUsers = (after.sharedWith ?? []).map((u) => u.email);
      setSaved({ visibility: after.visibility, users: afterUsers });
      setUsers(afterUsers);
      setStatus(`Saved. ${describeSharing({ visibility: after.visibility, users: afterUsers })}`);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
      setStatus('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${ids}-title`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="sharing-panel">
      <h2 id={`${ids}-title`} className="text-sm font-semibold text-slate-900">
        Sharing
      </h2>
      <p className="mt-0.5 text-xs text-slate-500" data-testid="sharing-saved">
        Now: {describeSharing(saved)}
      </p>
      <fieldset className="mt-4 space-y-2">
        <legend className="sr-only">Who may use this assembly</legend>
        {CHOICES.map((c) => (
          <label
            key={c.value}
            className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${visibility === c.value ? 'border-indigo-400 bg-indigo-50/50 ring-1 ring-indigo-400' : 'border-slate-200 hover:bg-slate-50'}`}
          >
            <input
              type="radio"
              name={`${ids}-visibility`}
              value={c.value}
              checked={visibility === c.value}
              onChange={() => setVisibility(c.value)}
              className="mt-0.5 accent-indigo-600"
              data-testid={`sharing-${c.value}`}
              aria-describedby={`${ids}-${c.value}-hint`}
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{c.label}</span>
              <span id={`${ids}-${c.value}-hint`} className="mt-0.5 block text-xs text-slate-600">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      {visibility === 'shared' && (
        <div className="mt-4 space-y-3" data-testid="sharing-users">
          {users.length === 0 ? (
            <p className="text-sm text-slate-500">Nobody yet: add people by the e-mail they sign in with.</p>
          ) : (
            <ul aria-label="Shared with" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
              {users.map((u) => (
                <li key={u} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm" data-testid={`sharing-user-${u}`}>
                  <span className="truncate text-slate-800">{u}</span>
                  <Button variant="ghost" size="sm" onClick={() => removeUser(u)} aria-label={`Remove ${u}`}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <div className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor={`${ids}-email`} className="sr-only">
                E-mail of a user to share with
              </label>
              <Input
                id={`${ids}-email`}
                type="email"
                value={email}
                placeholder="someone@example.com"
                invalid={Boolean(emailProblem)}
                aria-describedby={emailProblem ? `${ids}-email-problem` : undefined}
                data-testid="sharing-email"
                onChange={(e) => {
                  setEmail(e.target.value);
                  setEmailProblem(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') addUser(e);
                }}
              />
              {emailProblem && (
                <p id={`${ids}-email-problem`} className="mt-1 text-sm text-rose-700">
                  {emailProblem}
                </p>
              )}
            </div>
            <Button onClick={() => addUser()} data-testid="sharing-add">
              Add
            </Button>
          </div>
        </div>
      )}

      {error && (
        <div className="mt-4">
          <Alert title="Sharing was not changed" testId="sharing-error">
            {error}
          </Alert>
        </div>
      )}
      <div className="mt-4 flex items-center gap-3">
        <Button variant="primary" onClick={save} busy={busy} disabled={!dirty} data-testid="sharing-save">
          Save sharing
        </Button>
        <p aria-live="polite" role="status" className="text-sm text-slate-600" data-testid="sharing-status">
          {status}
        </p>
      </div>
    </section>
  );
}
