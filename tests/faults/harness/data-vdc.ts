// A VDC with data for the faults lane: the `datastore` class (one instance volume at /data and a
// writer that keeps changing it), its image built in the private daemon, the volume tool copied
// there from the shared one, and a volume's identity — its marker and its bulk files' checksums —
// read from outside the VDC, so a source, a snapshot and a clone are compared the same way.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { getRuntime } from '@colo/control';
import { useTestCatalog } from '@colo/control/testing';
import { LABEL } from '@colo/engine';
import { type ApplianceClass, classSchema } from '@colo/manifest';
import Dockerode from 'dockerode';
import type { FaultsTest } from './faults-test';
import { BASE_IMAGE, faultyClass, steadyClass } from './faulty-class';

export const DATA_IMAGE = 'colo-test/faults-datastore:1';

/** The shared daemon: made at import, before setupFaultsTest points DOCKER_HOST at the private one. */
const shared = new Dockerode();

/**
 * The writer: a heartbeat file, and one byte at a random place of /data/journal every 0.2 s, so
 * the paused last pass of a live copy has a whole file to copy again (a local rsync copies whole
 * files), and the writers stay paused for a moment a kill can land in.
 */
const WRITER = [
  "trap 'exit 0' TERM",
  'while true; do',
  '  date +%s%N > /data/heartbeat',
  '  if [ -f /data/journal ]; then printf x | dd of=/data/journal bs=1 seek=$((RANDOM * 512)) conv=notrunc status=none; fi',
  '  sleep 0.2 & wait $!',
  'done',
].join('\n');

const DATA_DOCKERFILE = `FROM ${BASE_IMAGE}\nCMD ["bash", "-c", ${JSON.stringify(WRITER)}]\n`;

export const dataClass: ApplianceClass = classSchema.parse({
  id: 'datastore',
  version: 1,
  title: 'Datastore',
  image: DATA_IMAGE,
  volumes: [{ name: 'data', mountPath: '/data', kind: 'instance' }],
  resources: { cpu: { min: 0.05, max: 1, default: 0.5 }, memory: { min: '64Mi', max: '512Mi', default: '256Mi' } },
});

export interface DataLane {
  /** COLO_TEMPLATES_DIR for worker processes: the faults classes and `datastore`. */
  templatesDir: string;
  close(): void;
}

/** Images and catalog for data tests, on top of setupFaultsTest. */
export async function prepareDataLane(t: FaultsTest): Promise<DataLane> {
  await t.docker.buildImage(DATA_IMAGE, DATA_DOCKERFILE);
  // Copies go through the volume tool: built on the shared daemon (cached by its folder's hash)
  // like the engine tests do, then copied into the private one, where the worker looks for it.
  // (The private daemon has no network for the build's apt-get.)
  const tool = (await loadCatalog(templatesRoot(process.env))).system.find((s) => s.class.id === 'volume-tool');
  if (!tool) throw new Error('templates/system/volume-tool is missing');
  const { image } = await ensureClassImage(shared, tool, classBuildSettings(process.env));
  await t.docker.loadImage(image);

  const classes = [faultyClass, steadyClass, dataClass];
  useTestCatalog(classes);
  const templatesDir = mkdtempSync(path.join(tmpdir(), 'colo-faults-data-templates-'));
  for (const cls of classes) {
    mkdirSync(path.join(templatesDir, 'appliances', cls.id), { recursive: true });
    writeFileSync(path.join(templatesDir, 'appliances', cls.id, 'class.yaml'), JSON.stringify(cls, null, 2));
  }
  return { templatesDir, close: () => rmSync(templatesDir, { recursive: true, force: true }) };
}

export interface DataIdentity {
  marker: string;
  /** `<BLAKE2b> <file>` of every bulk file, sorted. */
  bulk: string[];
}

/**
 * Fills the volume of a running datastore container through the container itself: `files` bulk
 * files of `mib` MiB of random data, the journal the writer scribbles on, and the marker.
 */
export async function fillData(
  container: string,
  input: { files: number; mib: number; journalMib: number; marker: string; smallFiles?: number },
): Promise<void> {
  const bulk = Array.from({ length: input.files }, (_, i) => `head -c ${input.mib}M /dev/urandom > /data/bulk-${i}`);
  // Many 4 KiB files: a copy's time then goes on files, not bytes, so it lasts long enough to be
  // killed in the middle however fast the disk copies.
  const small = input.smallFiles ? [`mkdir -p /data/tree && head -c ${input.smallFiles * 4}K /dev/urandom | split -a 6 -b 4K - /data/tree/f`] : [];
  await execIn(container, [...bulk, ...small, `head -c ${input.journalMib}M /dev/zero > /data/journal`, `echo ${input.marker} > /data/marker`, 'sync'].join(' && '));
}

/** A new marker, and bulk file 0 rewritten: the data is no longer what it was. */
export async function changeData(container: string, marker: string, mib: number): Promise<void> {
  await execIn(container, `head -c ${mib}M /dev/urandom > /data/bulk-0 && echo ${marker} > /data/marker && sync`);
}

async function execIn(container: string, script: string): Promise<string> {
  const { exitCode, output } = await getRuntime().exec(container, ['sh', '-c', script]);
  if (exitCode !== 0) throw new Error(`\`${script}\` in ${container} exited with ${exitCode}: ${output}`);
  return output;
}

/**
 * Reads a volume's identity in a short-lived container of the test's own that mounts it
 * read-only (labelled with the instance, so teardown finds it should the test die here).
 */
export async function readData(t: FaultsTest, volume: string): Promise<DataIdentity> {
  const runtime = getRuntime();
  const id = await runtime.createContainer({
    name: `colo-${t.instance}-reader-${randomBytes(3).toString('hex')}`,
    Image: DATA_IMAGE,
    Cmd: ['sleep', 'infinity'],
    Labels: { [LABEL.instance]: t.instance },
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/v', ReadOnly: true }], NetworkMode: 'none' },
  });
  try {
    await runtime.startContainer(id);
    const { exitCode, output } = await runtime.exec(id, ['sh', '-c', 'echo "marker=$(cat /v/marker)"; cd /v && b2sum bulk-*']);
    if (exitCode !== 0) throw new Error(`reading volume ${volume} exited with ${exitCode}: ${output}`);
    // Exec output carries frame headers: match, don't split.
    const marker = /marker=([\w-]*)/.exec(output)?.[1] ?? '';
    const bulk = [...output.matchAll(/([0-9a-f]{128}) {2}(bulk-\d+)/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    return { marker, bulk };
  } finally {
    await runtime.removeContainer(id);
  }
}
