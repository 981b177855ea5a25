// A docker-compose.yml into a VDC manifest and a line-by-line report. The file is untrusted: read
// under caps (read-compose-text.ts), unsafe keys refuse the whole import (unsafe-items.ts), and
// the manifest made is checked by the one shared validator before it is returned.
import { type Appliance, type Catalog, formatIssue, type Manifest, validateManifest } from '@colo/manifest';
import { composeFileSchema } from './compose-schema';
import { reportDeployKeys, reportOtherKeys, reportTopLevelKeys } from './carried-over';
import { coloImageClass, readServiceExtension, readVdcExtension, SERVICE_EXTENSION, VDC_EXTENSION } from './colo-extension';
import { type CustomImageLookup, customImageService } from './custom-images';
import { environmentProperties } from './environment-properties';
import { classForImage, parseImageRef } from './image-classes';
import { mapVolumes } from './named-volumes';
import { exposedPorts, type PortRange } from './ports-expose';
import { readComposeText } from './read-compose-text';
import { Report, type ReportLine } from './report';
import { applianceSizing } from './resources-replicas';
import { applianceNames } from './service-names';
import { checkUnsafeNetworks, checkUnsafeService, checkUnsafeVolumeDefinitions } from './unsafe-items';
import { type MappedService, wireServices } from './wire-services';

export interface ImportOptions {
  /** The VDC's name (a DNS label). */
  name: string;
  catalog: Catalog;
  /** Host ports `expose` may use (default 1024–65535, as the validator's). */
  portRange?: PortRange;
  /**
   * The admin's allow-list for the custom-image class: the allowed reference for an image, or
   * undefined. A service whose image no class stands in for runs as custom-image only when it
   * answers; without it such a service is refused.
   */
  customImage?: CustomImageLookup;
}

export type ImportResult =
  | { ok: true; manifest: Manifest; report: ReportLine[] }
  | { ok: false; manifest?: undefined; report: ReportLine[] };

const MAX_SERVICES = 200;

function refused(report: Report): ImportResult {
  return { ok: false, report: report.lines };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function importCompose(text: string, options: ImportOptions): ImportResult {
  const report = new Report();
  const read = readComposeText(text);
  if (read.errors.length > 0) {
    for (const message of read.errors) report.add('', '', 'refused', message);
    return refused(report);
  }
  if (!isObject(read.value) || !isObject(read.value.services)) {
    report.add('', 'services', 'refused', 'a compose file is a map with a "services" map');
    return refused(report);
  }
  const rawServices = read.value.services;
  if (Object.keys(rawServices).length > MAX_SERVICES) {
    report.add('', 'services', 'refused', `more than ${MAX_SERVICES} services`);
    return refused(report);
  }
  const classOf = (image: unknown) => {
    if (typeof image !== 'string') return undefined;
    const id = classForImage(image) ?? coloImageClass(parseImageRef(image).repository, options.catalog);
    return id === undefined ? undefined : options.catalog.get(id);
  };
  // Unsafe first, over the raw values: a refusal never depends on the rest being well formed.
  for (const [service, raw] of Object.entries(rawServices)) {
    if (isObject(raw)) checkUnsafeService(service, raw, report, classOf(raw.image));
  }
  checkUnsafeVolumeDefinitions(read.value.volumes, report);
  checkUnsafeNetworks(read.value.networks, report);
  const parsed = composeFileSchema.safeParse(read.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      const [, service, ...key] = issue.path.map(String);
      report.add(service ?? '', key.join('.'), 'refused', issue.message);
    }
  }
  if (report.refused.length > 0 || !parsed.success) return refused(report);

  reportTopLevelKeys(read.value, report);
  const names = applianceNames(Object.keys(parsed.data.services), report);
  const mapped: MappedService[] = [];
  const appliances: Appliance[] = [];
  /** Services whose x-colo gave their appliance: when every one did, x-colo-vdc gives the wires. */
  const extended: string[] = [];
  const vdc = readVdcExtension(read.value[VDC_EXTENSION], report);
  const range = options.portRange ?? { min: 1024, max: 65535 };
  for (const [service, raw] of Object.entries(parsed.data.services)) {
    if (raw.image === undefined) {
      report.add(service, 'image', 'refused', 'names no image (a build only); Colo runs catalog classes, so say which image this service is');
      continue;
    }
    const stock = classOf(raw.image);
    const custom = stock ? undefined : customImageService(service, raw.image, raw.ports, options.catalog, options.customImage, report);
    const cls = stock ?? custom?.cls;
    if (!cls) continue;
    if (stock) {
      const tag = parseImageRef(raw.image).tag;
      report.add(service, 'image', 'mapped', `image ${raw.image} becomes class ${cls.id} (${cls.title})${tag ? '; the tag is not used' : ''}`);
    }
    const appliance = names.get(service) as string;
    const extension = rawServices[service] as Record<string, unknown>;
    if (extension[SERVICE_EXTENSION] !== undefined) {
      const own = readServiceExtension(service, extension[SERVICE_EXTENSION], cls, options.catalog, report);
      mapVolumes(service, cls, raw.volumes, report);
      reportOtherKeys(service, extension, report);
      mapped.push({ service, appliance, cls, raw });
      if (own) {
        extended.push(service);
        appliances.push({ name: appliance, ...own });
      }
      continue;
    }
    const properties = { ...environmentProperties(service, cls, raw.environment, report), ...custom?.properties };
    const sizing = applianceSizing(service, cls, raw, report);
    const expose = exposedPorts(service, cls, raw.ports, range, report);
    mapVolumes(service, cls, raw.volumes, report);
    reportDeployKeys(service, raw.deploy, report);
    reportOtherKeys(service, rawServices[service] as Record<string, unknown>, report);
    mapped.push({ service, appliance, cls, raw });
    appliances.push({
      name: appliance,
      class: cls.id,
      ...sizing,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(expose.length > 0 ? { expose } : {}),
    });
  }
  if (report.refused.length > 0) return refused(report);
  const exported = vdc?.connections !== undefined && extended.length === mapped.length;
  const connections = exported ? vdc.connections : wireServices(mapped, report);

  const draft = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: options.name,
    ...(exported && vdc.description !== undefined ? { description: vdc.description } : {}),
    appliances,
    connections,
    ...(exported && vdc.visual !== undefined ? { visual: vdc.visual } : {}),
  };
  // 'edit': an unwired mandatory output (a balancer with nothing behind it) is a warning to report.
  const checked = validateManifest(draft, options.catalog, { mode: 'edit', portRange: range });
  for (const issue of checked.warnings) report.add('', issue.path, 'changed', `the manifest made needs attention: ${formatIssue(issue)}`);
  if (!checked.ok) {
    for (const issue of checked.errors) report.add('', issue.path, 'refused', `the manifest made is not valid: ${formatIssue(issue)}`);
    return refused(report);
  }
  return { ok: true, manifest: checked.manifest, report: report.lines };
}
