// bench/faults: Colo under injected faults, on private services (a Docker daemon, Postgres and
// Redis of its own; the shared ones are never touched), printed as one table.
//
//   npx tsx bench/faults.ts [--kills N] [--crashes N]
//
//   worker SIGKILL   N kill points (default 20) at random moments of deploy, scale, stop, start
//                    and destroy, cycling; a new worker takes over each time
//   Redis restart    mid-operation, keeping its data and losing it (3 operations each)
//   container crash  an appliance's process dies M times (default 5): the time until Docker's
//                    restart policy has it running again (median and worst, by Docker's clock)
// Columns: tries, converged (reached the state asked for), duplicates (a Docker object made
// twice or an operation run twice), orphans (objects nothing wants), lost operations.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createVdc, getRuntime, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { CreateCounter } from '../tests/faults/harness/convergence';
import { BASE_IMAGE, FAIL, FAULTY_DOCKERFILE, FAULTY_IMAGE } from '../tests/faults/harness/faulty-class';
import { type FaultsTest, setupFaultsTest } from '../tests/faults/harness/faults-test';
import { waitFor } from '../tests/faults/harness/free-port';
import { KILL_KINDS, openKillSession } from '../tests/faults/harness/kill-points';
import { waitFinished } from '../tests/faults/harness/operations';
import { type PrivateDocker, startPrivateDocker } from '../tests/faults/harness/private-docker';
import { redisRestartTry } from '../tests/faults/harness/redis-restart-try';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '20' }, crashes: { type: 'string', default: '5' } } });
const kills = Number(values.kills);
const crashes = Number(values.crashes);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(crashes) || crashes < 1) {
  console.error('usage: npx tsx bench/faults.ts [--kills N>=1] [--crashes N>=1]');
  process.exit(2);
}
process.env.COLO_SECRET_KEY ||= randomBytes(32).toString('base64');

interface Row {
  fault: string;
  tries: number;
  converged: number;
  duplicates: number;
  orphans: number;
  lost: number;
  note?: string;
}

const rows: Row[] = [];
const say = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);

async function killPoints(t: FaultsTest): Promise<void> {
  const session = await openKillSession(t, await t.user(), 'crashy', { COLO_OPERATION_LEASE_SECONDS: '5' });
  const byKind = new Map(KILL_KINDS.map((k) => [k, { fault: `worker SIGKILL during ${k}`, tries: 0, converged: 0, duplicates: 0, orphans: 0, lost: 0, midRun: 0 }]));
  try {
    for (let i = 0; i < kills; i++) {
      const kind = KILL_KINDS[i % KILL_KINDS.length];
      const result = await session.run(kind, Math.floor(Math.random() * 2000));
      const row = byKind.get(kind) as NonNullable<ReturnType<typeof byKind.get>>;
      row.tries++;
      row.converged += result.converged ? 1 : 0;
      row.duplicates += result.duplicates;
      row.orphans += result.orphans;
      row.lost += result.lost ? 1 : 0;
      row.midRun += result.midRun ? 1 : 0;
      say(`kill ${i + 1}/${kills}: ${kind} at ${result.killAfterMs} ms${result.midRun ? '' : ' (after it finished)'}: ${result.converged ? 'converged' : `NOT converged\n${result.detail}`}`);
    }
  } finally {
    await session.close();
  }
  const all = [...byKind.values()].filter((r) => r.tries > 0);
  for (const r of all) rows.push({ ...r, note: `${r.midRun} killed mid-run` });
  const sum = (k: 'tries' | 'converged' | 'duplicates' | 'orphans' | 'lost' | 'midRun') => all.reduce((n, r) => n + r[k], 0);
  rows.push({ fault: 'worker SIGKILL, all', tries: sum('tries'), converged: sum('converged'), duplicates: sum('duplicates'), orphans: sum('orphans'), lost: sum('lost'), note: `${sum('midRun')} killed mid-run` });
}

async function redisRestarts(t: FaultsTest): Promise<void> {
  const worker = t.startWorker();
  await worker.ready();
  const creates = new CreateCounter(t.docker.docker, t.instance);
  const user = await t.user();
  try {
    for (const keepData of [true, false]) {
      const r = await redisRestartTry(t, user, keepData ? 'keep' : 'lose', keepData, creates);
      rows.push({ fault: `Redis restart, ${keepData ? 'data kept' : 'data lost'}`, tries: r.operations, converged: r.converged, duplicates: r.duplicates, orphans: r.orphans, lost: r.lost, note: 'operations in flight' });
      say(`Redis ${keepData ? 'keep' : 'lose'}: ${r.converged}/${r.operations} converged${r.detail ? `\n${r.detail}` : ''}`);
    }
  } finally {
    creates.close();
    worker.kill('SIGKILL');
    await worker.exited();
  }
}

async function crashRestarts(t: FaultsTest): Promise<void> {
  const worker = t.startWorker({ COLO_FLAP_GUARD: 'false' }); // measuring Docker's restarts, not the guard
  await worker.ready();
  const user = await t.user();
  try {
    await createVdc(user, manifestOf('crash', [{ name: 'box', class: 'steady' }]));
    const op = await requestOperation(user, 'crash', 'deploy', {});
    await waitFinished(op.id, 120_000);
    const [c] = await getRuntime().listContainers([...t.filter, 'colo.appliance=box']);
    const downMs: number[] = [];
    for (let i = 0; i < crashes; i++) {
      const before = (await getRuntime().inspectContainer(c.id))?.restartCount ?? 0;
      await getRuntime().exec(c.id, [...FAIL.crash]);
      await waitFor('the restart', 60_000, async () => {
        const d = await getRuntime().inspectContainer(c.id);
        return d && d.restartCount > before && d.state === 'running' ? true : undefined;
      }, 50);
      const { State } = await t.docker.docker.getContainer(c.id).inspect();
      downMs.push(Date.parse(State.StartedAt) - Date.parse(State.FinishedAt));
      // Docker doubles its restart delay for a container that ran < 10 s; let it reset.
      await new Promise((r) => setTimeout(r, 11_000));
    }
    downMs.sort((a, b) => a - b);
    const median = downMs[Math.floor(downMs.length / 2)];
    rows.push({ fault: 'container crash', tries: crashes, converged: downMs.filter((ms) => ms < 10_000).length, duplicates: 0, orphans: 0, lost: 0, note: `running again after ${median} ms median, ${downMs.at(-1)} ms worst (< 10 s counts)` });
  } finally {
    worker.kill('SIGKILL');
    await worker.exited();
  }
}

function printTable(): void {
  const head = ['fault', 'tries', 'converged', 'duplicates', 'orphans', 'lost operations', 'note'];
  const body = rows.map((r) => [r.fault, String(r.tries), `${r.converged}/${r.tries}`, String(r.duplicates), String(r.orphans), String(r.lost), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

let docker: PrivateDocker | undefined;
let t: FaultsTest | undefined;
try {
  say('starting a private Docker daemon, Postgres and Redis');
  docker = await startPrivateDocker();
  await docker.loadImage(BASE_IMAGE);
  await docker.buildImage(FAULTY_IMAGE, FAULTY_DOCKERFILE);
  t = await setupFaultsTest('bench', docker.dir);
  await killPoints(t);
  await redisRestarts(t);
  await crashRestarts(t);
  printTable();
} finally {
  await t?.teardown().catch((e) => say(`teardown: ${(e as Error).message}`));
  await docker?.close().catch((e) => say(`daemon teardown: ${(e as Error).message}`));
}
process.exit(0);
