'use client';
// Primary navigation; the current section is marked for sighted and screen-reader users alike.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/overview', label: 'Overview' },
  { href: '/vdcs', label: 'VDCs' },
  { href: '/entries', label: 'Entries' },
  { href: '/catalog', label: 'Catalog' },
  { href: '/classes', label: 'Classes' },
  { href: '/teams', label: 'Teams' },
  { href: '/settings/tokens', label: 'API tokens' },
  { href: '/audit', label: 'Audit' },
  { href: '/api-reference', label: 'API' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {LINKS.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors ${
              active ? 'bg-slate-100 text-slate-900' : 'text-slate-600 hover:bg-slate-50 hover:text-slate-900'
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
