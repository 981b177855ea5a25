'use client';
// Every message of the validator (edit mode) and of the server's checks, live. A row names the
// appliance and the field in words ("web · memory: at most 4Gi", formatIssue's wording, as the
// API and the CLI say it); a click selects the box or wire it is about, so the inspector opens
// on the field to fix.
import { type Issue, issuePlace } from '@colo/manifest';

function SeverityIcon({ severity }: { severity: Issue['severity'] }) {
  return severity === 'error' ? (
    <span title="error" className="mt-0.5 grid size-4 shrink-0 place-items-center rounded-full bg-rose-100 text-[10px] font-bold text-rose-700">
      !<span className="sr-only">error:</span>
    </span>
  ) : (
    <span title="warning" className="mt-0.5 grid size-4 shrink-0 place-items-center rounded-full bg-amber-100 text-[10px] font-bold text-amber-700">
      !<span className="sr-only">warning:</span>
    </span>
  );
}

export function ProblemsPanel({ errors, warnings, onPick }: { errors: Issue[]; warnings: Issue[]; onPick: (issue: Issue) => void }) {
  // Identical issues say nothing new, and each needs its own key.
  const all = [...new Map([...errors, ...warnings].map((i) => [`${i.severity}:${i.path}:${i.message}`, i])).entries()];
  return (
    <div data-testid="problems-panel" className="h-full overflow-y-auto">
      {all.length === 0 ? (
        <div className="flex h-full items-center justify-center gap-2 text-sm text-slate-500">
          <span className="grid size-5 place-items-center rounded-full bg-emerald-100 text-xs text-emerald-700">✓</span>
          No problems: this drawing is ready to save and deploy.
        </div>
      ) : (
        <ul className="divide-y divide-slate-100">
          {all.map(([key, issue]) => (
            <li key={key}>
              <button
                type="button"
                data-testid="problem-item"
                data-severity={issue.severity}
                // The path only on hover, for those who fix it in the YAML.
                title={issue.path || undefined}
                onClick={() => onPick(issue)}
                className="flex w-full items-start gap-2.5 px-4 py-1.5 text-left text-[13px] hover:bg-slate-50 focus-visible:bg-indigo-50 focus-visible:outline-none"
              >
                <SeverityIcon severity={issue.severity} />
                <span data-testid="problem-text" className="min-w-0 flex-1 text-slate-800">
                  {issuePlace(issue) && <span className="font-semibold">{issuePlace(issue)}: </span>}
                  {issue.message}
                  {issue.severity === 'warning' && /mandatory/.test(issue.message) && (
                    <span className="text-slate-500"> — must be wired before deploy</span>
                  )}
                </span>

              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
