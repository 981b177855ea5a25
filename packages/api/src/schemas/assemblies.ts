// Users' assemblies: saved boxes of appliances, their versions and who may place them.
import { z } from 'zod';
import { text, when } from '../common';

export const assemblySaveBody = z.object({
  /** The definition (docs/contracts.md, "Assemblies"); its version is assigned. */
  assembly: z.record(z.string(), z.unknown()),
  note: z.string().max(500).optional(),
  /** A new assembly's team (slug); the saver's personal team unless told. Later versions stay in its team. */
  team: z.string().min(1).max(40).optional(),
});

export const assemblySharingBody = z.strictObject({
  visibility: z.enum(['private', 'shared', 'published']),
  /** For `shared`: the users (e-mail or id) who may use it, replacing the list. */
  users: z.array(z.string().min(1).max(320)).max(500).optional(),
});
export type AssemblyVisibility = z.infer<typeof assemblySharingBody>['visibility'];

const person = z.looseObject({ id: text, name: z.string().default(''), email: z.string().default('') });

export const assemblySchema = z.looseObject({
  id: text,
  title: z.string().default(''),
  description: z.string().default(''),
  icon: z.string().default(''),
  /** The newest version. */
  version: z.number(),
  visibility: text,
  owner: person,
  /** The caller is in its team: operators save versions, admins share and delete (team.role). */
  mine: z.boolean(),
  /** Servers before teams answer without it. */
  team: z.looseObject({ slug: text, name: z.string().nullish(), personal: z.boolean().nullish(), role: z.string().nullable() }).optional(),
  versions: z.array(z.looseObject({ version: z.number(), note: z.string().default(''), createdAt: when })),
  /** Its team's members only: the users it is shared with. */
  sharedWith: z.array(person).optional(),
  usedBy: z.array(z.looseObject({ vdc: text, version: z.number(), appliances: z.array(text) })).default([]),
  /** The newest version's definition. */
  definition: z.record(z.string(), z.unknown()),
  createdAt: when,
  updatedAt: when,
});
export type Assembly = z.infer<typeof assemblySchema>;

export const assembliesSchema = z.looseObject({ assemblies: z.array(assemblySchema) });
export const assemblyAnswerSchema = z.looseObject({ assembly: assemblySchema });
export const assemblySavedSchema = z.looseObject({ id: text, version: z.number(), definition: z.record(z.string(), z.unknown()) });
export type AssemblySaved = z.infer<typeof assemblySavedSchema>;
export const assemblyDeletedSchema = z.looseObject({ id: text, deleted: z.boolean() });
export const assemblyVersionSchema = z.looseObject({ definition: z.record(z.string(), z.unknown()) });

/** `GET /assemblies/:id/bundle`: which version, and YAML (an attachment) or JSON `{ bundle, text }`. */
export const assemblyExportQuery = z.object({
  format: z.enum(['yaml', 'json']).default('yaml'),
  version: z.coerce.number().int().min(1).optional(),
});
export const assemblyExportSchema = z.looseObject({ bundle: z.record(z.string(), z.unknown()), text: z.string() });

export const assemblyImportBody = z.object({
  bundle: z.string({ error: 'bundle must be the .colo.yaml text of an assembly' }).max(1024 * 1024),
});
export const assemblyImportedSchema = z.looseObject({
  /** `id@version` of each version added; empty when this Colo had them all. */
  added: z.array(z.string()),
  assembly: z.looseObject({ id: text, version: z.number() }),
  report: z.array(z.string()).default([]),
});
