// One user assembly. Another user's assembly that is not shared with the viewer is not found
// (404), exactly as the API answers: its existence is not revealed.
import { getAssembly, getAssemblyVersion, isColoError } from '@colo/control';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AssemblyDetail } from '../../../../../components/catalog/assembly-detail';
import type { AssemblyItem } from '../../../../../components/catalog/types';
import { requireUser } from '../../../../../lib/session';

type Params = { id: string };
type Search = { version?: string | string[] };

export const dynamic = 'force-dynamic';

function assemblyId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `${assemblyId(id)} · Catalog · Colo` };
}

export default async function AssemblyPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const [{ id: raw }, { version: asked }, user] = await Promise.all([params, searchParams, requireUser()]);
  const id = assemblyId(raw);
  const assembly = await getAssembly(user, id).catch((err) => {
    if (isColoError(err, 'not_found')) notFound();
    throw err;
  });
  // ?version=N shows an older version's interior; anything else shows the latest.
  const wanted = Number(typeof asked === 'string' ? asked : Number.NaN);
  const shown = assembly.versions.some((v) => v.version === wanted) ? wanted : assembly.version;
  const definition = shown === assembly.version ? assembly.definition : await getAssemblyVersion(user, id, shown);
  return <AssemblyDetail assembly={JSON.parse(JSON.stringify(assembly)) as AssemblyItem} shown={shown} definition={definition} />;
}
