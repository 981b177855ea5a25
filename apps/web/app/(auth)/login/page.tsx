import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { hasAnyUser } from '@colo/control';
import { currentUser, safeNextPath } from '../../../lib/session';
import { LoginForm } from './login-form';

// Decided per request: whether anyone exists yet, whether this visitor is signed in.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Colo' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(next);
  if (!(await hasAnyUser())) redirect('/setup');
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to Colo</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your administrator set up.</p>
      <LoginForm next={next} />
    </>
  );
}
