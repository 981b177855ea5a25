'use client';
// Loads what the editor needs before it can draw anything: the catalog and the VDC's latest
// revision, in parallel. A 404 is its own state: the page says so instead of an error box.
import type { Catalog } from '@colo/manifest';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Assembly, type CatalogBody, fetchCatalog, fetchVdc, readAssemblies, type VdcBody } from './editor-api';
import { catalogFromBody } from './use-editor-catalog';

export interface EditorBootstrap {
  catalog: Catalog;
  catalogBody: CatalogBody;
  assemblies: Assembly[];
  vdc: VdcBody;
}

export type BootstrapState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | ({ status: 'ready' } & EditorBootstrap);

export function useEditorBootstrap(name: string): { state: BootstrapState; retry: () => void } {
  const [state, setState] = useState<BootstrapState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt is what "Try again" asks for
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    Promise.all([fetchCatalog(abort.signal), fetchVdc(name, abort.signal)])
      .then(([catalogBody, vdc]) => {
        setState({
          status: 'ready',
          // Users' assemblies are classes here: a box validates and draws like any appliance.
          catalog: catalogFromBody(catalogBody),
          catalogBody,
          assemblies: readAssemblies(catalogBody.assemblies),
          vdc,
        });
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) setState({ status: 'missing' });
        else setState({ status: 'failed', message: (err as Error).message });
      });
    return () => abort.abort();
  }, [name, attempt]);

  return { state, retry };
}
