// The MariaDB starter stack end to end: `colo apply` of templates/assemblies/lemp-mariadb.yaml
// (on a free port), then HTTP on 127.0.0.1 through the load balancer: a note written through
// one replica is stored in MariaDB and listed by every replica.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainVdc, hitMany, waitFor } from './harness';
import { type Colo, startColo } from './setup';
import { type Stack, deployStack, purgeStack, shellIn, stackOnFreePort } from './stack-assembly';

interface Note {
  id: number;
  text: string;
  writtenBy: string;
}
interface Notes {
  host: string;
  source: string;
  count: number;
  notes: Note[];
  added?: number;
  error?: string;
}

let c: Colo;
let stack: Stack;
let vdcId: string;
let url = '';

beforeAll(async () => {
  stack = await stackOnFreePort('templates/assemblies/lemp-mariadb.yaml');
  url = `http://127.0.0.1:${stack.port}/`;
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

const postNote = (text: string) =>
  fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
    body: new URLSearchParams({ text }),
  });

describe('lemp-mariadb assembly', () => {
  it('applies and serves the notes app from the NAS on every web replica', async () => {
    vdcId = await deployStack(c, stack);
    const replicas = stack.byClass('web-php').replicas ?? 1;
    expect(replicas).toBe(2);
    const seen = await waitFor('both web replicas behind the LB', async () => {
      const got = await hitMany<Notes>(`${url}?format=json`, 12);
      return new Set(got.map((b) => b.host)).size === replicas ? got : undefined;
    }, 120_000, 1000, () => explainVdc(vdcId));
    for (const b of seen) expect(b).toMatchObject({ source: 'nas', count: 0, notes: [] });
  });

  it('stores a note written through one replica in MariaDB, and every replica lists it', async () => {
    const marker = `note-${randomBytes(4).toString('hex')}`;
    const res = await postNote(marker);
    const written = (await res.json()) as Notes;
    expect(res.status, JSON.stringify(written)).toBe(200);
    expect(written.added).toBeGreaterThan(0);
    expect(written.notes[0]).toMatchObject({ id: written.added, text: marker, writtenBy: written.host });

    // Read back across replicas: each one, by its own connection to MariaDB, lists the note.
    const listedBy = new Set<string>();
    await waitFor('the note listed by both replicas', async () => {
      for (const b of await hitMany<Notes>(`${url}?format=json`, 6)) {
        const found = b.notes.find((n) => n.id === written.added);
        if (found) {
          expect(found).toMatchObject({ text: marker, writtenBy: written.host });
          listedBy.add(b.host);
        }
      }
      return listedBy.size === 2;
    }, 60_000, 500, () => explainVdc(vdcId));

    // The row is in MariaDB itself, in the database the assembly names.
    const db = stack.byClass('mariadb').name;
    const rows = await shellIn(vdcId, db, 'MYSQL_PWD=$MARIADB_PASSWORD mariadb --protocol=tcp -h 127.0.0.1 -u "$MARIADB_USER" -N -e "SELECT body FROM colo_notes" "$MARIADB_DATABASE"');
    expect(rows.split('\n')).toContain(marker);
  });

  it('counts every note once, whichever replica takes it, and refuses an empty one', async () => {
    const before = (await hitMany<Notes>(`${url}?format=json`, 1))[0].count;
    const writers = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await postNote(`burst ${i}`);
      expect(res.status).toBe(200);
      writers.add(((await res.json()) as Notes).host);
    }
    expect(writers.size).toBe(2); // the balancer spread the writes
    expect((await hitMany<Notes>(`${url}?format=json`, 1))[0].count).toBe(before + 6);

    const empty = await postNote('   ');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Notes).error).toMatch(/1 to 500 bytes/);
    expect((await hitMany<Notes>(`${url}?format=json`, 1))[0].count).toBe(before + 6);
  });

  it('shows the notes as an HTML page with the replica header', async () => {
    const res = await fetch(url, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const host = res.headers.get('x-colo-host');
    expect(host).toBeTruthy();
    const html = await res.text();
    expect(html).toContain(`Served by replica <span class="host">${host}</span>`);
    expect(html).toContain('burst 5');
  });

  it('destroy --purge removes it all', async () => {
    await purgeStack(c, stack, vdcId);
  });
});
