// A team's quota: what its VDCs reserve against each limit (Colo admins change the limits, with
// `colo team quota` or PUT /teams/:team/quota).
import { th } from './team-types';

type Amounts = { appliances: number; containers: number; cpu: number; memory: number; hostPorts: number };
export interface TeamQuota {
  limits: Amounts;
  usage: Amounts;
}

const ROWS: [keyof Amounts, string][] = [
  ['appliances', 'Appliances'],
  ['containers', 'Containers'],
  ['cpu', 'CPUs'],
  ['memory', 'Memory'],
  ['hostPorts', 'Host ports'],
];

function show(key: keyof Amounts, value: number): string {
  if (key !== 'memory') return String(Math.round(value * 100) / 100);
  const gi = value / 1024 ** 3;
  return gi >= 1 ? `${Math.round(gi * 100) / 100} GiB` : `${Math.round(value / 1024 ** 2)} MiB`;
}

export function TeamQuotaTable({ quota }: { quota: TeamQuota }) {
  return (
    <section className="mt-8" aria-labelledby="quota-title">
      <h2 id="quota-title" className="text-base font-semibold text-slate-900">
        Quota
      </h2>
      <p className="mt-1 text-sm text-slate-600">Shared by every VDC of this team. Colo admins set the limits.</p>
      <div className="mt-3 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-900/5">
        <table className="w-full text-sm" data-testid="team-quota">
          <thead className="border-b border-slate-200 bg-slate-50/70">
            <tr>
              <th className={th}>Resource</th>
              <th className={`${th} text-right`}>Used</th>
              <th className={`${th} text-right`}>Limit</th>
              <th className={th}>
                <span className="sr-only">Share</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ROWS.map(([key, label]) => {
              const share = quota.limits[key] > 0 ? Math.min(1, quota.usage[key] / quota.limits[key]) : 0;
              return (
                <tr key={key}>
                  <td className="px-4 py-2.5 text-slate-700">{label}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums text-slate-900">{show(key, quota.usage[key])}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums text-slate-600">{show(key, quota.limits[key])}</td>
                  <td className="w-40 px-4 py-2.5">
                    <div className="h-1.5 rounded-full bg-slate-100" aria-hidden>
                      <div className={`h-1.5 rounded-full ${share > 0.9 ? 'bg-rose-500' : 'bg-indigo-500'}`} style={{ width: `${share * 100}%` }} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
