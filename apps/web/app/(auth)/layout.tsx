// Signed-out pages: one centered card on a quiet background.
import type { ReactNode } from 'react';
import { LogoMark } from '../../components/shell/logo';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-indigo-50/60 px-4 py-12">
      <div className="mb-6 flex flex-col items-center gap-3 text-center">
        <LogoMark className="size-11" />
        <p className="text-sm text-slate-500">Virtual datacenters on Docker</p>
      </div>
      <div className="w-full max-w-sm rounded-xl bg-white p-7 shadow-sm ring-1 ring-slate-900/5">{children}</div>
    </div>
  );
}
