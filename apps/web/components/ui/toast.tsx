'use client';
// Short confirmations after an action ("Token revoked"). Errors belong next to what failed
// (Alert), not here.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

type ToastTone = 'success' | 'info' | 'error';
interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

const ToastContext = createContext<(message: string, tone?: ToastTone) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}

const TTL_MS = 4000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, tone: ToastTone = 'success') => {
    setToasts((list) => [...list.slice(-2), { id: Date.now() + Math.random(), message, tone }]);
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDone={() => setToasts((list) => list.filter((x) => x.id !== t.id))} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

const ICON: Record<ToastTone, string> = { success: 'text-emerald-500', info: 'text-sky-500', error: 'text-rose-500' };

function ToastItem({ toast, onDone }: { toast: Toast; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, TTL_MS);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div role="status" className="pointer-events-auto flex items-start gap-2 rounded-lg bg-slate-900 px-3.5 py-2.5 text-sm text-white shadow-lg">
      <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full bg-current ${ICON[toast.tone]}`} />
      <span className="min-w-0 flex-1">{toast.message}</span>
    </div>
  );
}
