// How full the filesystem under each instance volume is: one `df` in the warm volume tool for all
// of an installation's volumes (the tool sees the daemon's volume directory read-only), so the
// alert evaluation can measure every minute for the cost of one exec.
import { LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { hostToolFor } from './host-tool';

export interface VolumeUsage {
  /** The Docker volume. */
  name: string;
  vdcId: string;
  appliance: string;
  volume: string;
  sizeBytes: number;
  availBytes: number;
  /** Of the filesystem the volume lives on, as df counts it (used / (used + available)). */
  percent: number;
}

/** `df -P -k` lines after the header, one per path asked for, in order. */
export function parseDf(output: string, count: number): { sizeBytes: number; availBytes: number; percent: number }[] | undefined {
  const lines = output.trim().split('\n').slice(1);
  if (lines.length !== count) return undefined;
  const out = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    const [size, used, avail] = [Number(f[1]), Number(f[2]), Number(f[3])];
    if (![size, used, avail].every(Number.isFinite) || used + avail <= 0) return undefined;
    out.push({ sizeBytes: size * 1024, availBytes: avail * 1024, percent: Math.ceil((used * 100) / (used + avail)) });
  }
  return out;
}

/**
 * Every instance volume of the installation with its filesystem's fill; empty when there is
 * none, or when the volumes are not plain local directories the warm tool can see.
 */
export async function measureVolumeUsage(runtime: Runtime, instance: string, toolImage: string): Promise<VolumeUsage[]> {
  const volumes = (await runtime.listVolumes([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`])).filter(
    (v) => v.labels[LABEL.vdc] && v.labels[LABEL.appliance] && v.labels[LABEL.volume] && !v.labels[LABEL.snapshot],
  );
  if (volumes.length === 0) return [];
  const tool = await hostToolFor(runtime, instance, toolImage, volumes.map((v) => v.name));
  if (!tool) return [];
  const result = await runtime.exec(tool, ['df', '-P', '-k', ...volumes.map((v) => `/host-ro/${v.name}/_data`)]);
  const usage = parseDf(result.output, volumes.length);
  if (!usage) return [];
  return volumes.map((v, i) => ({ name: v.name, vdcId: v.labels[LABEL.vdc], appliance: v.labels[LABEL.appliance], volume: v.labels[LABEL.volume], ...usage[i] }));
}
