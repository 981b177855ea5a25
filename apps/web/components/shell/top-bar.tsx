// The bar across every signed-in page: brand, sections, the alert bell, and the user.
import Link from 'next/link';
import { AlertBell } from '../alerts/alert-bell';
import { Logo } from './logo';
import { NavLinks } from './nav-links';
import { UserMenu } from './user-menu';

export function TopBar({ user }: { user: { name: string; email: string; admin?: boolean } }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
        <Link href="/overview" aria-label="Colo home" className="rounded-md focus-visible:outline-2 focus-visible:outline-indigo-500">
          <Logo />
        </Link>
        <NavLinks />
        <div className="ml-auto flex items-center gap-2">
          <AlertBell />
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
