import Link from 'next/link';
import { buttonClasses } from '../ui/button';

/** What a page about one VDC says when there is no such VDC of yours (renamed, deleted, someone else's). */
export function VdcNotFound({ name }: { name: string }) {
  return (
    <div className="max-w-sm text-center">
      <h1 className="text-lg font-semibold text-slate-900">No VDC named “{name}”</h1>
      <p className="mt-1 text-sm text-slate-600">It may have been renamed or deleted, or it belongs to someone else.</p>
      <Link href="/vdcs" className={buttonClasses('primary', 'md', 'mt-4')}>
        Back to your VDCs
      </Link>
    </div>
  );
}
