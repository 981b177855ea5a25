'use client';
// False in the server's HTML and until React has taken the page over, then true. A form whose
// submit button waits for it cannot be sent by the browser itself before its script runs (a
// native submit would put the fields, passwords included, in the address).
import { useEffect, useState } from 'react';

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
