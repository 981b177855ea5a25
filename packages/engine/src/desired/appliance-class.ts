// A class as one appliance runs it. Nearly every class is the same for all its appliances; two
// things may follow the appliance instead, each opted into in class.yaml:
//  - `image` written as a template (`image: "{{ properties.image }}"`, the custom-image class):
//    the appliance's property names the image. Only `{{ properties.x }}` may appear; the server
//    checks the image against the admin's allow-list before a manifest is saved (control's
//    customImageIssues), and the engine never pulls it: it must already be on the engine.
//  - an integer property named `port` on a class with an input `in`: that input listens on the
//    appliance's `port` (wiring env and edge listeners follow it).
// Everything else (hardening, user, rootfs, limits) stays the class's, as for every class.
import type { ApplianceClass, ResolvedAppliance, ResolvedManifest } from '@colo/manifest';
import { EngineError } from '../engine-error';
import { renderTemplate } from './render-template';

/** An image template may read properties only: never a secret, never the VDC's name. */
const PROPERTIES_ONLY = /\{\{(?!\s*properties\.[A-Za-z_][A-Za-z0-9_]*\s*\}\})/;
/** What a rendered image may be: a Docker reference, no spaces, no shell, no empty value. */
const IMAGE_REFERENCE = /^[a-z0-9][a-zA-Z0-9._/:@-]{0,254}$/;

export function hasImageTemplate(cls: ApplianceClass): boolean {
  return cls.image?.includes('{{') ?? false;
}

function renderedImage(appliance: ResolvedAppliance): string {
  const template = appliance.class.image as string;
  const where = `appliance ${appliance.name}, class ${appliance.class.id} image`;
  if (PROPERTIES_ONLY.test(template)) throw new EngineError('invalid_manifest', `${where}: only {{ properties.x }} may appear in an image template`);
  const image = renderTemplate(
    template,
    {
      properties: appliance.properties,
      declaredProperties: new Set(appliance.class.properties.map((p) => p.name)),
      secrets: {},
      applianceName: appliance.name,
      vdcName: '',
    },
    where,
  );
  if (!IMAGE_REFERENCE.test(image)) throw new EngineError('invalid_manifest', `${where}: "${image.slice(0, 100)}" is not an image reference`);
  return image;
}

export function applianceClass(appliance: ResolvedAppliance): ApplianceClass {
  const cls = appliance.class;
  const port = cls.properties.some((p) => p.name === 'port' && p.type === 'integer') ? appliance.properties.port : undefined;
  const movesPort = typeof port === 'number' && cls.terminals.inputs.some((t) => t.name === 'in' && t.port !== undefined && t.port !== port);
  if (!hasImageTemplate(cls) && !movesPort) return cls;
  return {
    ...cls,
    ...(hasImageTemplate(cls) ? { image: renderedImage(appliance) } : {}),
    terminals: {
      ...cls.terminals,
      inputs: cls.terminals.inputs.map((t) => (movesPort && t.name === 'in' ? { ...t, port: port as number } : t)),
    },
  };
}

/** The manifest with each appliance's class made its own where the class follows the appliance. */
export function withApplianceClasses(manifest: ResolvedManifest): ResolvedManifest {
  const appliances = manifest.appliances.map((a) => {
    const cls = applianceClass(a);
    return cls === a.class ? a : { ...a, class: cls };
  });
  return appliances.every((a, i) => a === manifest.appliances[i]) ? manifest : { ...manifest, appliances };
}
