// The small pictures the palette and the nodes draw for a class's `icon`, tinted by category so
// a drawing reads at a glance (balancers violet, web blue, storage amber, databases green…).
import type { ApplianceClass } from '@colo/manifest';
import type { ReactNode } from 'react';

type Category = ApplianceClass['category'];

export const CATEGORY_TINT: Record<Category, string> = {
  gateway: 'bg-fuchsia-100 text-fuchsia-700',
  balancer: 'bg-violet-100 text-violet-700',
  web: 'bg-sky-100 text-sky-700',
  storage: 'bg-amber-100 text-amber-700',
  database: 'bg-emerald-100 text-emerald-700',
  cache: 'bg-rose-100 text-rose-700',
  other: 'bg-slate-100 text-slate-700',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  gateway: 'Gateways',
  balancer: 'Load balancers',
  web: 'Web servers',
  storage: 'Storage',
  database: 'Databases',
  cache: 'Caches',
  other: 'Other',
};

export const CATEGORY_ORDER: Category[] = ['gateway', 'balancer', 'web', 'storage', 'database', 'cache', 'other'];

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.7, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const DATABASE = (
  <>
    <ellipse cx="12" cy="6" rx="7" ry="2.8" />
    <path d="M5 6v12c0 1.5 3.1 2.8 7 2.8s7-1.3 7-2.8V6" />
    <path d="M5 12c0 1.5 3.1 2.8 7 2.8s7-1.3 7-2.8" />
  </>
);

const SHAPES: Record<string, ReactNode> = {
  balancer: (
    <>
      <circle cx="5" cy="12" r="2.2" />
      <path d="M7.2 12h3.3M10.5 12 17 5.5M10.5 12H17M10.5 12l6.5 6.5" />
      <circle cx="19" cy="5.5" r="1.6" />
      <circle cx="19" cy="12" r="1.6" />
      <circle cx="19" cy="18.5" r="1.6" />
    </>
  ),
  php: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 8.5h18M7.5 12.5l-2 2 2 2M16.5 12.5l2 2-2 2M13 11.5l-2 6" />
    </>
  ),
  web: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.5 2.6 3.6 5.4 3.6 8.5s-1.1 5.9-3.6 8.5c-2.5-2.6-3.6-5.4-3.6-8.5S9.5 6.1 12 3.5Z" />
    </>
  ),
  storage: (
    <>
      <rect x="3.5" y="4" width="17" height="6.5" rx="1.5" />
      <rect x="3.5" y="13.5" width="17" height="6.5" rx="1.5" />
      <path d="M7 7.25h.01M7 16.75h.01M11 7.25h6M11 16.75h6" />
    </>
  ),
  postgres: DATABASE,
  mariadb: DATABASE,
  database: DATABASE,
  redis: (
    <>
      <path d="m12 3.5 8.5 4.2-8.5 4.3-8.5-4.3Z" />
      <path d="m3.5 12 8.5 4.3 8.5-4.3M3.5 16.3l8.5 4.2 8.5-4.2" />
    </>
  ),
  gateway: (
    <>
      <path d="M4 20V9l8-5 8 5v11" />
      <path d="M9 20v-6h6v6" />
    </>
  ),
  box: (
    <>
      <path d="m12 3 8 4.5v9L12 21l-8-4.5v-9Z" />
      <path d="m4 7.5 8 4.5 8-4.5M12 12v9" />
    </>
  ),
  // Assembly icons (@colo/manifest's ASSEMBLY_ICONS).
  boxes: (
    <>
      <rect x="3" y="13" width="8" height="7" rx="1" />
      <rect x="13" y="13" width="8" height="7" rx="1" />
      <rect x="8" y="4" width="8" height="7" rx="1" />
    </>
  ),
  layers: (
    <>
      <path d="m12 3.5 8.5 4.2-8.5 4.3-8.5-4.3Z" />
      <path d="m3.5 12 8.5 4.3 8.5-4.3M3.5 16.3l8.5 4.2 8.5-4.2" />
    </>
  ),
  server: (
    <>
      <rect x="3.5" y="4" width="17" height="6.5" rx="1.5" />
      <rect x="3.5" y="13.5" width="17" height="6.5" rx="1.5" />
      <path d="M7 7.25h.01M7 16.75h.01" />
    </>
  ),
  globe: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.5 2.6 3.6 5.4 3.6 8.5s-1.1 5.9-3.6 8.5c-2.5-2.6-3.6-5.4-3.6-8.5S9.5 6.1 12 3.5Z" />
    </>
  ),
};

export function ClassIcon({
  icon,
  category = 'other',
  size = 'md',
}: {
  icon?: string;
  category?: Category;
  size?: 'sm' | 'md';
}) {
  const box = size === 'sm' ? 'size-7 rounded-md' : 'size-8 rounded-lg';
  return (
    <span aria-hidden className={`grid shrink-0 place-items-center ${box} ${CATEGORY_TINT[category] ?? CATEGORY_TINT.other}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className={size === 'sm' ? 'size-4' : 'size-[18px]'} {...stroke}>
        {SHAPES[icon ?? 'box'] ?? SHAPES.box}
      </svg>
    </span>
  );
}
