'use client';
// The catalog the open editor validates and draws with, and the user's assemblies beside it.
// Saving an assembly adds a class-like box to it: `refresh` reads GET /catalog again and hands
// back the new catalog at once, so the box can be placed before React re-renders.
import { type Catalog, createCatalog } from '@colo/manifest';
import { useCallback, useState } from 'react';
import { type CatalogBody, fetchCatalog, type UserAssembly } from './editor-api';

export interface EditorCatalog {
  catalog: Catalog;
  body: CatalogBody;
  userAssemblies: UserAssembly[];
  refresh: () => Promise<Catalog>;
}

export function catalogFromBody(body: CatalogBody): Catalog {
  return createCatalog(body.classes, body.heads, body.assemblyDefinitions ?? []);
}

export function useEditorCatalog(initial: { catalog: Catalog; body: CatalogBody }): EditorCatalog {
  const [state, setState] = useState(initial);
  const refresh = useCallback(async () => {
    const body = await fetchCatalog();
    const catalog = catalogFromBody(body);
    setState({ catalog, body });
    return catalog;
  }, []);
  return { catalog: state.catalog, body: state.body, userAssemblies: state.body.userAssemblies ?? [], refresh };
}
