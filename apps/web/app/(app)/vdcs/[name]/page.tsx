// The canvas editor of one VDC. The signed-in frame (../../layout.tsx) has already checked the
// session; the editor loads everything else through the REST API, like any other client.
import type { Metadata } from 'next';
import { VdcEditor } from '@/components/editor/vdc-editor';

type Params = { name: string };

/** Names are DNS labels; anything odd in the URL is shown as typed rather than crashing. */
function vdcName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${vdcName(name)} · Colo` };
}

export default async function VdcEditorPage({ params }: { params: Promise<Params> }) {
  const { name } = await params;
  return <VdcEditor name={vdcName(name)} />;
}
