// What the starter-stack tests share: a shipped assembly applied exactly as shipped except on a
// port that is free now (the file's own port may belong to the user's running demo), deployed
// through the real `colo` CLI, and looked at by this run's instance label.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, colo, execIn, freePort, vdcContainers, vdcNetworks, vdcVolumes } from './harness';
import type { Colo } from './setup';

export interface StackManifest {
  name: string;
  appliances: { name: string; class: string; replicas?: number; expose?: { terminal: string; port: number }[] }[];
}

export interface Stack {
  manifest: StackManifest;
  /** The variant on a free port, written to a temporary folder. */
  file: string;
  port: number;
  /** The appliance of a class in the assembly (the first one), by class id. */
  byClass: (cls: string) => StackManifest['appliances'][number];
}

export async function stackOnFreePort(assembly: string): Promise<Stack> {
  const manifest = parse(readFileSync(path.join(ROOT, assembly), 'utf8')) as StackManifest;
  const byClass = (cls: string) => {
    const a = manifest.appliances.find((x) => x.class.split('@')[0] === cls);
    if (!a) throw new Error(`${assembly} has no ${cls} appliance`);
    return a;
  };
  const exposed = manifest.appliances.find((a) => a.expose?.length);
  if (!exposed?.expose) throw new Error(`${assembly}: no appliance exposes a port`);
  const port = await freePort();
  const copy = structuredClone(manifest);
  const published = copy.appliances.find((a) => a.name === exposed.name)?.expose;
  if (published) published[0].port = port;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'colo-stack-')), path.basename(assembly));
  writeFileSync(file, stringify(copy));
  return { manifest, file, port, byClass };
}

/** `colo apply -f … --wait` as a user runs it; returns the VDC's id. */
export async function deployStack(c: Colo, stack: Stack): Promise<string> {
  const res = await colo(['apply', '-f', stack.file, '--wait'], c.env);
  expect(res.code, res.stderr + res.stdout + c.worker.output()).toBe(0);
  const status = await colo(['status', stack.manifest.name, '--json'], c.env);
  expect(status.code, status.stderr).toBe(0);
  const vdcId = JSON.parse(status.stdout).vdc.id as string;
  expect(vdcId).toMatch(/^vdc_/);
  return vdcId;
}

/** `colo destroy --purge`, then nothing of the VDC is left in Docker. */
export async function purgeStack(c: Colo, stack: Stack, vdcId: string): Promise<void> {
  const res = await colo(['destroy', stack.manifest.name, '--purge', '--wait', '--yes'], c.env);
  expect(res.code, res.stderr + res.stdout).toBe(0);
  expect(await vdcContainers(vdcId)).toEqual([]);
  expect(await vdcNetworks(vdcId)).toEqual([]);
  expect(await vdcVolumes(vdcId)).toEqual([]);
}

/** Runs a shell command in the (only) container of an appliance; fails the test when it fails. */
export async function shellIn(vdcId: string, appliance: string, script: string): Promise<string> {
  const [container] = await vdcContainers(vdcId, appliance);
  if (!container) throw new Error(`no container for ${appliance}`);
  const res = await execIn(container.Id, ['bash', '-c', script]);
  expect(res.code, res.output).toBe(0);
  // Docker's multiplexed stream: keep the printable text.
  return res.output.replace(/[^\x20-\x7e\n]/g, '').trim();
}
