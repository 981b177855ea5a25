// `GET /vdcs/:name/appliances/:appliance`: one appliance's status with what only a closer look at
// its containers tells: restarts, exit code, the last health check's output, the image.
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { type ApplianceStatusView, type ContainerStatusView, vdcStatus } from '../docker/vdc-status';
import { ColoError } from '../errors';
import { findOwnedVdc } from '../vdcs/find-vdc';
import type { VdcView } from '../vdcs/vdc-views';
import { vdcRedactor } from './vdc-redactor';

export interface ContainerDetailView extends ContainerStatusView {
  image: string;
  restarts: number;
  exitCode: number;
  /** Output of the last health check, secrets masked; null without a health check. */
  lastHealthOutput: string | null;
}

export interface ApplianceDetailView extends Omit<ApplianceStatusView, 'containers'> {
  containers: ContainerDetailView[];
}

export async function applianceDetail(user: AuthUser, vdcName: string, appliance: string): Promise<{ vdc: VdcView; appliance: ApplianceDetailView }> {
  const redact = vdcRedactor(await findOwnedVdc(user, vdcName));
  const status = await vdcStatus(user, vdcName, { backends: false });
  const found = status.appliances.find((a) => a.name === appliance);
  if (!found) throw new ColoError('not_found', `VDC "${vdcName}" has no appliance "${appliance}"`);
  const runtime = getRuntime();
  const details = await Promise.all(found.containers.map((c) => runtime.inspectContainer(c.id)));
  const containers = found.containers.map((c, i): ContainerDetailView => {
    const d = details[i];
    const health = d?.lastHealthOutput?.trim();
    return {
      ...c,
      image: d?.image ?? '',
      restarts: d?.restartCount ?? 0,
      exitCode: d?.exitCode ?? 0,
      lastHealthOutput: health ? redact(health) : null,
    };
  });
  return { vdc: status.vdc, appliance: { ...found, containers } };
}
