// Volumes over their rule's fill: measured at most once a minute per worker (one `df` in the warm
// volume tool for every volume), and only while some VDC has a volume_full rule switched on.
import { formatBytes, measureVolumeUsage, type VolumeUsage, volumeToolImage } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { DEFAULT_THRESHOLDS, type EffectiveRule, effectiveRule } from './alert-rules-effective';
import type { Cause } from './alert-state';

export const VOLUME_MEASURE_MS = 60_000;

let last: { at: number; usage: VolumeUsage[] } | undefined;

/** The last measurement if it is under a minute old, else a new one (a failed one keeps the last). */
export async function volumeUsageEveryMinute(now = Date.now()): Promise<VolumeUsage[]> {
  if (last && now - last.at < VOLUME_MEASURE_MS) return last.usage;
  const { instance, imageNamespace } = engineConfig();
  const usage = await measureVolumeUsage(getRuntime(), instance, volumeToolImage(imageNamespace)).catch(() => last?.usage ?? []);
  last = { at: now, usage };
  return usage;
}

/** Tests: the next evaluation measures again. */
export function forgetVolumeUsage(): void {
  last = undefined;
}

export async function volumeCauses(vdcs: Map<string, string>, rules: Map<string, EffectiveRule[]>): Promise<{ cause: Cause; rule: EffectiveRule }[]> {
  const wanted = [...rules.values()].some((list) => list.some((r) => r.kind === 'volume_full' && r.enabled));
  if (!wanted) return [];
  const out: { cause: Cause; rule: EffectiveRule }[] = [];
  for (const u of await volumeUsageEveryMinute()) {
    const vdc = vdcs.get(u.vdcId);
    const rule = vdc ? effectiveRule(rules.get(u.vdcId) ?? [], 'volume_full', u.appliance) : undefined;
    if (!vdc || !rule || u.percent < (rule.thresholdPercent ?? DEFAULT_THRESHOLDS.volumePercent)) continue;
    out.push({
      rule,
      cause: {
        vdcId: u.vdcId, vdcName: vdc, kind: 'volume_full', subject: u.name, appliance: u.appliance, since: new Date(),
        message: `The ${u.volume} volume of ${u.appliance} in ${vdc} is on a filesystem ${u.percent}% full (${formatBytes(u.availBytes)} free of ${formatBytes(u.sizeBytes)}). Free space (old data, snapshots you no longer need) or give Docker's volumes a bigger disk before writes fail.`,
      },
    });
  }
  return out;
}
