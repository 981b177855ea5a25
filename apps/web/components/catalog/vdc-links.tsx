// The viewer's VDCs that use an assembly, grouped by version, each a link to its editor.
import Link from 'next/link';
import { editorHref } from '../vdc-list/types';
import { usesByVersion } from './assembly-filters';
import type { AssemblyUse } from './types';

export function VdcLinks({ uses, showVersion = true }: { uses: AssemblyUse[]; showVersion?: boolean }) {
  const groups = usesByVersion(uses);
  if (groups.length === 0) return <span className="text-slate-500">none of yours</span>;
  return (
    <ul className="space-y-0.5">
      {groups.map((g) => (
        <li key={g.version} className="flex flex-wrap items-center gap-x-1.5">
          {showVersion && <span className="font-mono text-xs text-slate-500">v{g.version}:</span>}
          {g.vdcs.map((vdc, i) => (
            <span key={vdc}>
              <Link href={editorHref(vdc)} className="font-medium text-indigo-700 hover:underline">
                {vdc}
              </Link>
              {i < g.vdcs.length - 1 && <span className="text-slate-500">,</span>}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
