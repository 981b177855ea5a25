import Link from 'next/link';
import { buttonClasses } from '../../../../components/ui/button';

export default function TeamNotFound() {
  return (
    <div className="grid flex-1 place-items-center p-6">
      <div className="max-w-sm text-center">
        <h1 className="text-lg font-semibold text-slate-900">No such team of yours</h1>
        <p className="mt-1 text-sm text-slate-600">It may have been deleted, or you are not one of its members.</p>
        <Link href="/teams" className={buttonClasses('primary', 'md', 'mt-4')}>
          Back to your teams
        </Link>
      </div>
    </div>
  );
}
