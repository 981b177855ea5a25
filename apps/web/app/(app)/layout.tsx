// The signed-in frame. Every page below requires a session: without one the visitor goes to
// /login (or /setup on a fresh install) and comes back here afterwards.
import { userRole } from '@colo/control';
import type { ReactNode } from 'react';
import { TopBar } from '../../components/shell/top-bar';
import { ToastProvider } from '../../components/ui/toast';
import { requireUser } from '../../lib/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // Admin pages (nodes) are offered to admins only; the pages and routes check again.
  const admin = (await userRole(user.id)) === 'admin';
  return (
    <ToastProvider>
      <div className="flex min-h-screen flex-col">
        <TopBar user={{ name: user.name, email: user.email, admin }} />
        {/* No width or padding here: list pages center themselves, the editor goes edge to edge. */}
        <main className="flex min-h-0 flex-1 flex-col">{children}</main>
      </div>
    </ToastProvider>
  );
}
