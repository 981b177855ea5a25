// Services whose image no catalog class stands in for: the `custom-image` class runs them when an
// admin allowed the image. The allow-list is the caller's (`customImage` in the options: the
// allowed reference for an image, or undefined); without it, or for an image not on it, the
// service is refused with what to ask an admin. The image is never pulled.
import type { ApplianceClass, Catalog } from '@colo/manifest';
import { firstContainerPort } from './ports-expose';
import type { Report } from './report';

export const CUSTOM_IMAGE_CLASS = 'custom-image';

/** The allowed reference (canonical form) for an image as the file writes it, or undefined. */
export type CustomImageLookup = (image: string) => string | undefined;

export interface CustomImageService {
  /** The class with its input `in` on the port the image listens on (as the engine will run it). */
  cls: ApplianceClass;
  properties: { image: string; port?: number };
}

/** The custom-image class for a service, or undefined with a `refused` line saying why. */
export function customImageService(
  service: string,
  image: string,
  ports: unknown[] | undefined,
  catalog: Catalog,
  lookup: CustomImageLookup | undefined,
  report: Report,
): CustomImageService | undefined {
  const reference = lookup?.(image);
  const cls = catalog.get(CUSTOM_IMAGE_CLASS);
  if (reference === undefined || !cls) {
    const why = cls ? `ask an admin to allow image ${image} (colo image allow ${image})` : 'and this Colo has no custom-image class';
    report.add(service, 'image', 'refused', `no catalog class for image ${image}; ${why}`);
    return undefined;
  }
  const port = firstContainerPort(ports);
  const defaultPort = cls.properties.find((p) => p.name === 'port')?.default;
  const moved = port !== undefined && port !== defaultPort;
  report.add(
    service,
    'image',
    'mapped',
    `image ${image} becomes class ${cls.id} (${cls.title}): an admin allowed ${reference}; it must be loaded into the engine (it is never pulled) and runs as an unprivileged user with a read-only root${moved ? `; it listens on port ${port}` : ''}`,
  );
  return {
    cls: moved ? { ...cls, terminals: { ...cls.terminals, inputs: cls.terminals.inputs.map((t) => (t.name === 'in' ? { ...t, port } : t)) } } : cls,
    properties: { image: reference, ...(moved ? { port } : {}) },
  };
}
