// The identity of the images a class's Dockerfile builds FROM, so a rebuilt base image (e.g. a new
// debootstrap of debian:bookworm-slim) makes every class built on it count as changed.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Dockerode from 'dockerode';

/** `FROM` image references in a Dockerfile, without build-stage names and `scratch`. */
export function dockerfileBases(text: string): string[] {
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!m) continue;
    const ref = m[1];
    if (ref !== 'scratch' && !stages.has(ref.toLowerCase())) bases.push(ref);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return bases;
}

/** Mixes the folder hash with the ids of its base images (absent ones count as "missing"). */
export async function buildHash(docker: Dockerode, dir: string, folderHash: string): Promise<string> {
  const dockerfile = await readFile(path.join(dir, 'Dockerfile'), 'utf8');
  const h = createHash('sha256').update(folderHash);
  for (const base of dockerfileBases(dockerfile)) {
    const id = await docker
      .getImage(base)
      .inspect()
      .then((info) => info.Id)
      .catch(() => 'missing');
    h.update(`\n${base}=${id}`);
  }
  return h.digest('hex');
}
