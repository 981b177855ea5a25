// The `x-colo` keys an exported file carries (export-compose.ts): per service the appliance as
// the manifest wrote it, at the top the VDC's connections, description and layout. Read as
// untrusted text like the rest: schema-checked here, and the manifest made from them still goes
// through the unsafe-key checks and the one shared validator. They never bypass either.
import { type Appliance, type ApplianceClass, applianceShape, type Catalog, connectionSchema, type Manifest, positionSchema } from '@colo/manifest';
import { z } from 'zod';
import type { Report } from './report';

export const SERVICE_EXTENSION = 'x-colo';
export const VDC_EXTENSION = 'x-colo-vdc';

const { name: _name, ...serviceShape } = applianceShape;
const serviceExtensionSchema = z.strictObject(serviceShape);
const vdcExtensionSchema = z.strictObject({
  name: z.string().max(200).optional(),
  revision: z.number().int().optional(),
  description: z.string().max(2000).optional(),
  connections: z.array(connectionSchema).max(10000).optional(),
  visual: z.record(z.string().max(200), positionSchema).optional(),
});

export type ServiceExtension = Omit<Appliance, 'name'>;
export type VdcExtension = Pick<Manifest, 'description' | 'visual'> & { connections?: Manifest['connections'] };

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** The service's `x-colo`, when it has one naming the class its image runs; else a refused line. */
export function readServiceExtension(service: string, value: unknown, cls: ApplianceClass, catalog: Catalog, report: Report): ServiceExtension | undefined {
  const parsed = serviceExtensionSchema.safeParse(value);
  if (!parsed.success) {
    report.add(service, SERVICE_EXTENSION, 'refused', `is not an appliance as Colo exports it: ${issues(parsed.error)}`);
    return undefined;
  }
  if (catalog.get(parsed.data.class)?.id !== cls.id) {
    report.add(service, SERVICE_EXTENSION, 'refused', `names class ${parsed.data.class}, but the service's image runs class ${cls.id}`);
    return undefined;
  }
  report.add(service, SERVICE_EXTENSION, 'mapped', 'the appliance as Colo exported it (class, properties, replicas, resources, expose); environment, ports and deploy are not read');
  return parsed.data;
}

export function readVdcExtension(value: unknown, report: Report): VdcExtension | undefined {
  if (value === undefined) return undefined;
  const parsed = vdcExtensionSchema.safeParse(value);
  if (!parsed.success) {
    report.add('', VDC_EXTENSION, 'refused', `is not a VDC as Colo exports it: ${issues(parsed.error)}`);
    return undefined;
  }
  const { description, visual, connections } = parsed.data;
  report.add('', VDC_EXTENSION, 'mapped', 'the VDC\'s connections, description and layout as Colo exported them');
  return { description, visual, connections };
}

/** A Colo class image, `<namespace>/<class id>:<version>`: the class whose id is the repository. */
export function coloImageClass(repository: string, catalog: Catalog): string | undefined {
  return catalog.get(repository)?.id;
}
