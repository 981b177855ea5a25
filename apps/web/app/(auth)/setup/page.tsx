import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { hasAnyUser } from '@colo/control';
import { setupHostAllowed, setupHostRefusal } from '../../../lib/setup-host';
import { SetupForm } from './setup-form';

// Decided per request: whether anyone exists yet, whether this visitor is signed in.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Set up Colo' };

// Only on a fresh install; afterwards the admin exists and this page sends people to sign in.
export default async function SetupPage() {
  if (await hasAnyUser()) redirect('/login');
  const host = (await headers()).get('host');
  if (!setupHostAllowed(host)) {
    return (
      <>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Set up Colo on its own machine</h1>
        <p className="mt-2 text-sm text-slate-600" data-testid="setup-host-refused">
          {setupHostRefusal(host)}.
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Welcome to Colo</h1>
      <p className="mt-1 text-sm text-slate-600">
        Create the administrator account. You will use it to sign in here and to issue API tokens for the <code className="text-slate-800">colo</code> CLI.
      </p>
      <SetupForm />
    </>
  );
}
