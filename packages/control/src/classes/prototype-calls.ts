// What the worker does to Docker for class patch (class-patch.ts and prototype-terminal.ts ask it
// through worker calls, after their admin checks): open, run in, commit and discard a class's
// prototype, open a shell in it, and remove a deleted version's image. Each input is checked
// again here, and the worker works out the images itself: a caller names a class and a version,
// never an image.
import { committedImage } from '@colo/catalog';
import { getPrisma } from '@colo/db';
import { commitPrototype, discardPrototype, findPrototype, openPrototype, openPrototypeShell, runInPrototype } from '@colo/engine';
import { classImage } from '@colo/manifest';
import { z } from 'zod';
import { engineConfig } from '../docker/engine-access';
import { ColoError } from '../errors';
import { workerCall } from '../worker-calls/worker-call';
import { classVersionsOf } from './class-versions';

const classId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a class id');
const version = z.number().int().positive();
/** Output a script's answer carries at most (its end, where the errors are). */
export const PROTOTYPE_OUTPUT_LIMIT = 256 * 1024;

export const openPrototypeCall = workerCall({
  input: z.object({ classId, version: version.optional(), online: z.boolean() }).strict(),
  timeoutMs: 60_000,
  async run(asked, { runtime }) {
    const { versions, head } = await classVersionsOf(asked.classId);
    const { instance, imageNamespace } = engineConfig();
    const open = await findPrototype(runtime, instance, asked.classId);
    if (open && asked.version !== undefined && open.version !== asked.version) {
      throw new ColoError('operation_running', `class ${asked.classId} has a prototype of version ${open.version} open: commit or discard it first`);
    }
    const from = asked.version === undefined ? head : versions.find((v) => v.version === asked.version);
    if (!from) throw new ColoError('not_found', `class ${asked.classId} has no version ${asked.version}`);
    if (from.image?.includes('{{')) {
      // custom-image: each appliance names its image, so the class has none of its own to patch.
      throw new ColoError('bad_request', `class ${asked.classId} runs the image each appliance names: it has no image of its own to patch (change the image itself, then colo image allow the new tag)`);
    }
    const proto = await openPrototype(runtime, { instance, classId: asked.classId, version: from.version, image: classImage(from, imageNamespace), online: asked.online });
    return { version: proto.version, online: proto.online, running: proto.running };
  },
});

export const runInPrototypeCall = workerCall({
  input: z.object({ classId, script: z.string().min(1).max(65_536) }).strict(),
  // A script may install packages: as long as an HTTP request may reasonably wait.
  timeoutMs: 15 * 60_000,
  async run({ classId, script }, { runtime }) {
    const res = await runInPrototype(runtime, engineConfig().instance, classId, script);
    const output = res.output.length > PROTOTYPE_OUTPUT_LIMIT ? `…${res.output.slice(-PROTOTYPE_OUTPUT_LIMIT)}` : res.output;
    return { exitCode: res.exitCode, output };
  },
});

export const discardPrototypeCall = workerCall({
  input: z.object({ classId }).strict(),
  timeoutMs: 60_000,
  async run({ classId }, { runtime }) {
    return { discarded: await discardPrototype(runtime, engineConfig().instance, classId) };
  },
});

export const commitPrototypeCall = workerCall({
  input: z.object({ classId, version, note: z.string().max(500), author: z.string().max(320) }).strict(),
  timeoutMs: 15 * 60_000,
  async run(o, { runtime }) {
    // A committed version's image is never written over, whatever the caller believes the next number is.
    if (await getPrisma().classVersion.findUnique({ where: { classId_version: { classId: o.classId, version: o.version } } })) {
      throw new ColoError('operation_running', `${o.classId}@${o.version} was committed meanwhile: try again`);
    }
    const { instance, imageNamespace } = engineConfig();
    const image = committedImage(imageNamespace, instance, o.classId, o.version);
    const { imageId } = await commitPrototype(runtime, { instance, classId: o.classId, image, version: o.version, note: o.note, author: o.author });
    return { image, imageId };
  },
});

export const openPrototypeShellCall = workerCall({
  input: z.object({ classId, cols: z.number().int().min(2).max(500), rows: z.number().int().min(1).max(200) }).strict(),
  timeoutMs: 30_000,
  async run({ classId, cols, rows }, { runtime, relays }) {
    const exec = await openPrototypeShell(runtime, engineConfig().instance, classId, { cols, rows });
    try {
      return { relayId: await relays.start(exec) };
    } catch (error) {
      // Redis refused the relay: a shell nobody can reach is hung up at once.
      await exec.close();
      throw error;
    }
  },
});

export const removeClassImageCall = workerCall({
  input: z.object({ classId, version }).strict(),
  timeoutMs: 120_000,
  async run({ classId, version }, { runtime }) {
    const row = await getPrisma().classVersion.findUnique({ where: { classId_version: { classId, version } } });
    if (!row) throw new ColoError('not_found', `class ${classId} has no committed version ${version}`);
    await runtime.removeImage(row.image);
    return { image: row.image };
  },
});
