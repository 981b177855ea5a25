// The Colo mark: three appliances wired into one unit, on the brand tile.
export function LogoMark({ className = 'size-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} role="img" aria-label="Colo">
      <defs>
        <linearGradient id="colo-tile" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6366f1" />
          <stop offset="1" stopColor="#4338ca" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#colo-tile)" />
      <path d="M10 11.5 L21.5 9.5 M10 11.5 L16 22 M21.5 9.5 L16 22" stroke="#c7d2fe" strokeWidth="1.6" strokeLinecap="round" fill="none" />
      <rect x="6.5" y="8.5" width="7" height="6" rx="1.6" fill="#fff" />
      <rect x="18" y="6.5" width="7" height="6" rx="1.6" fill="#fff" />
      <rect x="12.5" y="19" width="7" height="6" rx="1.6" fill="#e0e7ff" />
    </svg>
  );
}

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2">
      <LogoMark />
      <span className="text-[17px] font-semibold tracking-tight text-slate-900">Colo</span>
    </span>
  );
}
