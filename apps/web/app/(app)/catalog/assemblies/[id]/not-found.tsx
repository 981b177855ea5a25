// An assembly the viewer may not see (private to someone else, deleted, never saved) looks the same.
import Link from 'next/link';
import { buttonClasses } from '../../../../../components/ui/button';

export default function AssemblyNotFound() {
  return (
    <div className="flex flex-1 items-center justify-center px-6 py-16">
      <div className="max-w-sm text-center" data-testid="assembly-not-found">
        <h1 className="text-lg font-semibold text-slate-900">No such assembly</h1>
        <p className="mt-1 text-sm text-slate-600">It may have been deleted, or it is someone else's and not shared with you.</p>
        <Link href="/catalog?tab=assemblies" className={buttonClasses('primary', 'md', 'mt-4')}>
          Back to the catalog
        </Link>
      </div>
    </div>
  );
}
